// SPDX-License-Identifier: Apache-2.0
#include "tls/distinguished_name.h"

#include <gtest/gtest.h>

namespace mtls::tls {
namespace {

/// Name ::= SEQUENCE { SET { SEQUENCE { OID, value } } ... } with one CN per RDN, O first.
std::string der_name(std::string_view o, std::string_view cn, char cn_tag = 0x0C) {
  const auto atv = [](std::string_view oid_tail, char tag, std::string_view v) {
    std::string a = std::string("\x06\x03\x55\x04", 4) + std::string(oid_tail) + tag + static_cast<char>(v.size()) + std::string(v);
    std::string seq = "\x30" + std::string(1, static_cast<char>(a.size())) + a;
    return "\x31" + std::string(1, static_cast<char>(seq.size())) + seq;
  };
  const std::string body = atv("\x0A", 0x0C, o) + atv("\x03", cn_tag, cn);
  return "\x30" + std::string(1, static_cast<char>(body.size())) + body;
}

TEST(DistinguishedName, Rfc4514TextAttributesAndDer) {
  auto dn = parse_distinguished_name(der_name("Example", "Issuing CA 1"));
  ASSERT_TRUE(dn) << dn.error().message;
  EXPECT_EQ(dn->text, "CN=Issuing CA 1,O=Example");
  ASSERT_EQ(dn->attributes.size(), 2u);
  EXPECT_EQ(dn->attributes[0], (std::pair<std::string, std::string>{"O", "Example"}));
  EXPECT_EQ(dn->der_hex.substr(0, 2), "30");
}

TEST(DistinguishedName, CanonicalFormIgnoresCaseSpacesAndStringType) {
  auto a = parse_distinguished_name(der_name("Example", "Issuing CA"));
  auto b = parse_distinguished_name(der_name("EXAMPLE", "  issuing   ca ", 0x13));  // PrintableString
  auto c = parse_distinguished_name(der_name("Example", "Other CA"));
  ASSERT_TRUE(a && b && c);
  EXPECT_NE(a->der_hex, b->der_hex);
  EXPECT_EQ(a->canonical, b->canonical);
  EXPECT_NE(a->canonical, c->canonical);
}

TEST(DistinguishedName, BadDerIsAnError) {
  EXPECT_FALSE(parse_distinguished_name("\x30\x05\x31"));
  EXPECT_FALSE(parse_distinguished_name(der_name("a", "b") + "x"));
  EXPECT_FALSE(certificate_facts_from_der("not a certificate", CertificateRole::server));
}

}  // namespace
}  // namespace mtls::tls
