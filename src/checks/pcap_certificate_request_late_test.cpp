// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>

#include "checks/checks.h"
#include "checks/pcap_test_support.h"
#include "knowledge/remedies.h"

namespace mtls::checks {
namespace {

TEST(PcapCertificateRequestLate, RenegotiationAfterTheRequest) {
  PcapConnection c = pcap_test::tls12();
  c.cert_request = CertRequestTiming::renegotiation;
  c.renegotiation_frame = 14;
  const CheckResult r = pcap_certificate_request_late_check().run(pcap_test::with({c}), {});
  ASSERT_EQ(r.findings.size(), 1u);
  EXPECT_EQ(r.findings[0].id, "tls.certificate-request-late");
  EXPECT_EQ(r.findings[0].evidence[0].frame, 14u);
  // The binding the client reached (SNI name, port); its certhash and appid are not in a capture.
  const std::vector<std::string> commands = knowledge::remedies::command_lines(r.findings[0].remedy);
  ASSERT_GE(commands.size(), 2u);
  EXPECT_EQ(commands[0], "netsh http show sslcert hostnameport=app.example:443");
  EXPECT_EQ(commands[1], "netsh http update sslcert hostnameport=app.example:443 certhash=<certhash> appid='<appid>' "
                         "clientcertnegotiation=enable");
  c.cert_request = CertRequestTiming::handshake;
  EXPECT_TRUE(pcap_certificate_request_late_check().run(pcap_test::with({c}), {}).findings.empty());
}

TEST(PcapCertificateRequestLate, RenegotiationReadWithTheKeyLog) {
  PcapConnection c = pcap_test::tls12();
  c.cert_request = CertRequestTiming::renegotiation;
  c.renegotiation_frame = 14;
  c.cert_request_frame = 15;
  c.decrypted = true;
  const CheckResult r = pcap_certificate_request_late_check().run(pcap_test::with({c}), {});
  ASSERT_EQ(r.findings.size(), 1u);
  EXPECT_EQ(r.findings[0].evidence[0].frame, 15u);
  EXPECT_NE(r.findings[0].detail.find("Decrypted with the key log"), std::string::npos);
  EXPECT_EQ(r.findings[0].detail.find("inferred"), std::string::npos);
}

TEST(PcapCertificateRequestLate, Tls13PostHandshakeOnlyWhenDecrypted) {
  PcapConnection c = pcap_test::tls12();
  c.tls_version = "TLSv1.3";
  c.handshake_encrypted = true;
  c.offered_pha = true;
  c.cert_request = CertRequestTiming::post_handshake;
  c.cert_request_frame = 13;
  c.client_cert = "sent";
  // Not decrypted in full: nothing is claimed.
  EXPECT_TRUE(pcap_certificate_request_late_check().run(pcap_test::with({c}), {}).findings.empty());
  c.decrypted = true;
  const CheckResult r = pcap_certificate_request_late_check().run(pcap_test::with({c}), {});
  ASSERT_EQ(r.findings.size(), 1u);
  EXPECT_EQ(r.findings[0].id, "tls.certificate-request-post-handshake");
  EXPECT_EQ(r.findings[0].evidence[0].frame, 13u);
  EXPECT_NE(r.findings[0].detail.find("RFC 8446 §4.6.2"), std::string::npos);
}

}  // namespace
}  // namespace mtls::checks
