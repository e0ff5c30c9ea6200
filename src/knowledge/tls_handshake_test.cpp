// SPDX-License-Identifier: Apache-2.0
// The handshake type table against the IANA registry, and the names both readers print.
#include "knowledge/tls_handshake.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

namespace mtls::knowledge {
namespace {

TEST(KnowledgeTlsHandshake, EveryRegisteredTypeOnceWithItsReservedFlag) {
  // IANA "TLS HandshakeType": 0-6, 8-17, 20-26, 254; RFC 8446 §4 marks these _RESERVED.
  const std::set<int> registered{0,  1,  2,  3,  4,  5,  6,  8,  9,  10, 11, 12, 13,
                                 14, 15, 16, 17, 20, 21, 22, 23, 24, 25, 26, 254};
  const std::set<int> reserved{0, 3, 6, 12, 14, 16, 21, 22, 23};
  std::set<int> codes;
  std::set<std::string> names;
  int previous = -1;
  for (const TlsHandshakeType& t : tls_handshake_types()) {
    EXPECT_GT(t.code, previous) << "table out of code order at " << t.code;
    previous = t.code;
    EXPECT_TRUE(codes.insert(t.code).second) << t.code;
    EXPECT_TRUE(names.insert(std::string(t.message)).second) << t.message;
    EXPECT_EQ(t.reserved, reserved.count(t.code) == 1) << t.iana_name;
    EXPECT_FALSE(t.defined_in.empty()) << t.iana_name;
  }
  EXPECT_EQ(codes, registered);
}

TEST(KnowledgeTlsHandshake, NamesAsTheReportsPrintThem) {
  EXPECT_EQ(handshake_message_name(13), "CertificateRequest");
  EXPECT_EQ(handshake_message_name(22), "CertificateStatus");  // RFC 6066 OCSP stapling, TLS 1.2
  EXPECT_EQ(handshake_message_name(0), "HelloRequest");
  EXPECT_EQ(handshake_message_name(8), "EncryptedExtensions");
  EXPECT_EQ(handshake_message_name(24), "KeyUpdate");
  EXPECT_EQ(handshake_message_name(25), "CompressedCertificate");
  EXPECT_EQ(handshake_message_name(7), "handshake type 7");
  EXPECT_EQ(handshake_message_name(255), "handshake type 255");
  EXPECT_EQ(find_tls_handshake_type(14)->iana_name, "server_hello_done");
  EXPECT_EQ(find_tls_handshake_type(18), nullptr);
}

}  // namespace
}  // namespace mtls::knowledge
