// SPDX-License-Identifier: Apache-2.0
#include "knowledge/tls_parameters.h"

#include <gtest/gtest.h>

namespace mtls::knowledge {

TEST(TlsParameters, SignatureSchemesByTheirRfc8446Names) {
  EXPECT_EQ(signature_scheme_name(0x0804), "rsa_pss_rsae_sha256");
  EXPECT_EQ(signature_scheme_name(0x0403), "ecdsa_secp256r1_sha256");
  EXPECT_EQ(signature_scheme_name(0x080B), "rsa_pss_pss_sha512");
  EXPECT_EQ(signature_scheme_name(0x0201), "rsa_pkcs1_sha1");
}

TEST(TlsParameters, LegacyTls12PairsSpeltInTheSameStyle) {
  // hash sha224 (3) with rsa (1): what OpenSSL's default TLS 1.2 list and Schannel still offer.
  EXPECT_EQ(signature_scheme_name(0x0301), "rsa_pkcs1_sha224");
  EXPECT_EQ(signature_scheme_name(0x0303), "ecdsa_sha224");
  EXPECT_EQ(signature_scheme_name(0x0402), "dsa_sha256");
}

TEST(TlsParameters, UnknownCodePointsInHex) {
  EXPECT_EQ(signature_scheme_name(0x0A0A), "0x0a0a");  // GREASE (RFC 8701)
  EXPECT_EQ(certificate_type_name(64), "ecdsa_sign");
  EXPECT_EQ(certificate_type_name(1), "rsa_sign");
  EXPECT_EQ(certificate_type_name(17), "type 17");
}

}  // namespace mtls::knowledge
