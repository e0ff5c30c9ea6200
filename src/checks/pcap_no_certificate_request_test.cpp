// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>

#include "checks/checks.h"
#include "checks/pcap_test_support.h"

namespace mtls::checks {
namespace {

TEST(PcapNoCertificateRequest, FinishedHandshakeWithoutRequest) {
  const Evidence e = pcap_test::with({pcap_test::tls12()});
  const CheckResult r = pcap_no_certificate_request_check().run(e, {});
  ASSERT_EQ(r.findings.size(), 1u);
  EXPECT_EQ(r.findings[0].id, "tls.no-certificate-request");
  EXPECT_EQ(r.findings[0].evidence[0].frame, 6u);
  EXPECT_NE(r.findings[0].detail.find("10.0.0.5:443"), std::string::npos);
  EXPECT_NE(r.findings[0].remedy.commands[0].command.find("ipport=0.0.0.0:443"), std::string::npos);
}

TEST(PcapNoCertificateRequest, RequestedOrUnreadableIsNotAFinding) {
  PcapConnection asked = pcap_test::tls12();
  asked.cert_request = CertRequestTiming::handshake;
  EXPECT_TRUE(pcap_no_certificate_request_check().run(pcap_test::with({asked}), {}).findings.empty());
  PcapConnection unfinished = pcap_test::tls12();
  unfinished.handshake_finished = false;  // e.g. a gap: we cannot say "never asked"
  const CheckResult r = pcap_no_certificate_request_check().run(pcap_test::with({unfinished}), {});
  EXPECT_TRUE(r.findings.empty());
  EXPECT_TRUE(r.not_checked);
  PcapConnection tls13 = pcap_test::tls12();
  tls13.tls_version = "TLSv1.3";
  tls13.handshake_encrypted = true;
  EXPECT_TRUE(pcap_no_certificate_request_check().run(pcap_test::with({tls13}), {}).not_checked);
}

TEST(PcapNoCertificateRequest, Tls13DecryptedWithTheKeyLog) {
  PcapConnection tls13 = pcap_test::tls12();
  tls13.tls_version = "TLSv1.3";
  tls13.handshake_encrypted = true;
  tls13.decrypted = true;  // every record read: no request in the handshake, none post-handshake
  const CheckResult r = pcap_no_certificate_request_check().run(pcap_test::with({tls13}), {});
  ASSERT_EQ(r.findings.size(), 1u);
  EXPECT_EQ(r.findings[0].id, "tls.no-certificate-request");
  tls13.cert_request = CertRequestTiming::post_handshake;
  EXPECT_TRUE(pcap_no_certificate_request_check().run(pcap_test::with({tls13}), {}).findings.empty());
}

}  // namespace
}  // namespace mtls::checks
