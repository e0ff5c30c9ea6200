// SPDX-License-Identifier: Apache-2.0
#include "parse/iis/netsh_sslcert.h"

#include <gtest/gtest.h>

namespace mtls::parse {
namespace {

TEST(NetshSslcert, ReadsEveryFieldOfAModernBinding) {
  const char* text =
      "\r\nSSL Certificate bindings:\r\n-------------------------\r\n\r\n"
      "    IP:port                      : 0.0.0.0:443\r\n"
      "    Certificate Hash             : 846762724f99a530cae257c8d18ceafb46723cd2\r\n"
      "    Application ID               : {4dc3e181-e14b-4a21-b022-59fc669b0914}\r\n"
      "    Certificate Store Name       : MY\r\n"
      "    Verify Client Certificate Revocation : Enabled\r\n"
      "    Verify Revocation Using Cached Client Certificate Only : Disabled\r\n"
      "    Usage Check                  : Enabled\r\n"
      "    Revocation Freshness Time    : 0\r\n"
      "    URL Retrieval Timeout        : 0\r\n"
      "    Ctl Identifier               : (null)\r\n"
      "    Ctl Store Name               : ClientAuthIssuer\r\n"
      "    DS Mapper Usage              : Disabled\r\n"
      "    Negotiate Client Certificate : Enabled\r\n"
      "    Reject Connections           : Disabled\r\n"
      "    Disable HTTP2                : Not Set\r\n"
      "    Disable QUIC                 : Not Set\r\n"
      "    Disable TLS1.2               : Not Set\r\n"
      "    Disable TLS1.3               : Set\r\n"
      "    Disable OCSP Stapling        : Not Set\r\n"
      "    Enable Token Binding         : Not Set\r\n"
      "    Log Extended Events          : Not Set\r\n"
      "    Disable Legacy TLS Versions  : Not Set\r\n"
      "    Enable Session Ticket        : Not Set\r\n"
      "    Enable Caching Client Hello  : Not Set\r\n"
      " Extended Properties:\r\n"
      "    PropertyId                   : 0\r\n"
      "    Receive Window               : 1048576\r\n"
      " Extended Properties:\r\n"
      "    PropertyId                   : 1\r\n"
      "    Max Settings Per Frame       : 2796202\r\n"
      "    Max Settings Per Minute      : 4294967295\r\n"
      "\r\n"
      "    Hostname:port                : www.example.com:443\r\n"
      "    Certificate Hash             : 846762724f99a530cae257c8d18ceafb46723cd2\r\n"
      "    Application ID               : {4dc3e181-e14b-4a21-b022-59fc669b0914}\r\n"
      "    Certificate Store Name       : (null)\r\n"
      "    Ctl Store Name               : (null)\r\n"
      "    Negotiate Client Certificate : Disabled\r\n"
      "\r\n"
      "    Central Certificate Store    : 443\r\n"
      "    Certificate Hash             : (null)\r\n";
  auto parsed = parse_netsh_sslcert(text, "sslcert.txt");
  ASSERT_TRUE(parsed) << parsed.error().to_string();
  ASSERT_EQ(parsed->size(), 3u);
  const HttpSysBinding& b = (*parsed)[0];
  EXPECT_EQ(b.kind, HttpSysBindingKind::ip_port);
  EXPECT_EQ(b.endpoint, "0.0.0.0:443");
  EXPECT_EQ(b.certificate_hash, "846762724f99a530cae257c8d18ceafb46723cd2");
  EXPECT_EQ(b.application_id, "{4dc3e181-e14b-4a21-b022-59fc669b0914}");
  EXPECT_EQ(b.certificate_store_name, "MY");
  EXPECT_EQ(b.verify_client_certificate_revocation, true);
  EXPECT_EQ(b.verify_revocation_using_cached_client_certificate_only, false);
  EXPECT_EQ(b.usage_check, true);
  EXPECT_EQ(b.revocation_freshness_time, 0u);
  EXPECT_EQ(b.url_retrieval_timeout, 0u);
  EXPECT_EQ(b.ctl_identifier, "");
  EXPECT_EQ(b.ctl_store_name, "ClientAuthIssuer");
  EXPECT_EQ(b.ds_mapper_usage, false);
  EXPECT_EQ(b.negotiate_client_certificate, true);
  EXPECT_EQ(b.reject_connections, false);
  EXPECT_EQ(b.disable_http2, false);
  EXPECT_EQ(b.disable_quic, false);
  EXPECT_EQ(b.disable_tls12, false);
  EXPECT_EQ(b.disable_tls13, true);
  EXPECT_EQ(b.disable_ocsp_stapling, false);
  EXPECT_EQ(b.enable_token_binding, false);
  EXPECT_EQ(b.log_extended_events, false);
  EXPECT_EQ(b.disable_legacy_tls, false);
  EXPECT_EQ(b.enable_session_ticket, false);
  EXPECT_EQ(b.enable_caching_client_hello, false);
  ASSERT_EQ(b.extended_properties.size(), 2u);
  EXPECT_EQ(b.extended_properties[0].property_id, "0");
  EXPECT_EQ(b.extended_properties[0].fields,
            (std::vector<std::pair<std::string, std::string>>{{"Receive Window", "1048576"}}));
  EXPECT_EQ(b.extended_properties[1].fields.size(), 2u);
  EXPECT_TRUE(b.other_fields.empty());
  EXPECT_EQ(b.origin.ref, "sslcert.txt:5");
  EXPECT_EQ(b.origin.text, "IP:port                      : 0.0.0.0:443");

  const HttpSysBinding& sni = (*parsed)[1];
  EXPECT_EQ(sni.kind, HttpSysBindingKind::hostname_port);
  EXPECT_EQ(sni.endpoint, "www.example.com:443");
  EXPECT_EQ(sni.certificate_store_name, "");
  EXPECT_EQ(sni.negotiate_client_certificate, false);
  EXPECT_FALSE(sni.reject_connections.has_value());  // older builds do not print it
  EXPECT_EQ((*parsed)[2].kind, HttpSysBindingKind::central_certificate_store);
  EXPECT_EQ((*parsed)[2].endpoint, "443");
}

TEST(NetshSslcert, ToleratesPastedNotesAndColumnZeroFields) {
  const char* text =
      "Hostname:port               : sts.test.com:49443 \xE2\x98\x85<<< note\n"
      "Ctl Store Name               : (null) \xE2\x98\x85<<< note\n"
      "Negotiate Client Certificate : Enabled\n"
      "\n"
      "Prose after the binding : is not a field of it\n";
  auto parsed = parse_netsh_sslcert(text, "paste.md");
  ASSERT_TRUE(parsed) << parsed.error().to_string();
  ASSERT_EQ(parsed->size(), 1u);
  EXPECT_EQ((*parsed)[0].endpoint, "sts.test.com:49443");
  EXPECT_EQ((*parsed)[0].ctl_store_name, "");
  EXPECT_EQ((*parsed)[0].negotiate_client_certificate, true);
  EXPECT_TRUE((*parsed)[0].other_fields.empty());
}

TEST(NetshSslcert, BadSwitchValueNamesFileAndLine) {
  auto parsed = parse_netsh_sslcert("    IP:port : 0.0.0.0:443\n    Negotiate Client Certificate : Maybe\n", "s.txt");
  ASSERT_FALSE(parsed);
  EXPECT_EQ(parsed.error().to_string(),
            "s.txt:2: unexpected value \"Maybe\" for \"Negotiate Client Certificate\" (expected Enabled, Disabled, "
            "Set or Not Set)");
}

TEST(NetshSslcert, BadNumberNamesFileAndLine) {
  auto parsed = parse_netsh_sslcert("IP:port : 0.0.0.0:443\nURL Retrieval Timeout : soon\n", "s.txt");
  ASSERT_FALSE(parsed);
  EXPECT_EQ(parsed.error().to_string(), "s.txt:2: unexpected value \"soon\" for \"URL Retrieval Timeout\" (expected a number)");
}

TEST(NetshSslcert, TextWithoutBindingsIsAnError) {
  auto parsed = parse_netsh_sslcert("hello\nworld\n", "notes.txt");
  ASSERT_FALSE(parsed);
  EXPECT_EQ(parsed.error().to_string(),
            "notes.txt: no http.sys binding found (expected the output of `netsh http show sslcert`)");
}

TEST(NetshSslcert, EmptyListingIsNoBindings) {
  auto parsed = parse_netsh_sslcert("\nSSL Certificate bindings:\n-------------------------\n\n", "empty.txt");
  ASSERT_TRUE(parsed);
  EXPECT_TRUE(parsed->empty());
}

}  // namespace
}  // namespace mtls::parse
