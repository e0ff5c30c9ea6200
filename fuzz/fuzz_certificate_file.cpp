// SPDX-License-Identifier: Apache-2.0
// Any bytes as a certificate file (PEM with any blocks, DER, PKCS#7, PKCS#12), a private key and
// a CRL file; every certificate read is turned into CertificateFacts.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "tls/cert_facts.h"
#include "tls/cert_file.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  const mtls::tls::PasswordProvider password = []() -> mtls::Expected<mtls::Secret> { return mtls::Secret("fuzz"); };
  if (auto loaded = mtls::tls::parse_certificates(bytes, "fuzz", &password, true)) {
    for (auto& c : loaded->certificates) (void)mtls::tls::certificate_facts(c.get(), mtls::CertificateRole::client, {});
    mtls::tls::put_leaf_first(loaded->certificates);
  }
  (void)mtls::tls::parse_private_key(bytes, "fuzz", password);
  (void)mtls::tls::parse_crls(bytes, "fuzz");
  return 0;
}
