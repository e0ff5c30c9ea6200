// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>

#include "checks/checks.h"
#include "checks/pcap_test_support.h"

namespace mtls::checks {
namespace {

TEST(PcapClientCertNotSent, EmptyCertificateAfterRequest) {
  PcapConnection c = pcap_test::tls12();
  c.cert_request = CertRequestTiming::handshake;
  c.cert_request_frame = 6;
  c.ca_names = {"CN=Issuing CA,O=Example"};
  c.client_cert = "empty";
  c.client_cert_frame = 8;
  const CheckResult r = pcap_client_cert_not_sent_check().run(pcap_test::with({c}), {});
  ASSERT_EQ(r.findings.size(), 1u);
  EXPECT_EQ(r.findings[0].id, "tls.client-cert-not-sent");
  EXPECT_EQ(r.findings[0].evidence[0].frame, 8u);
  EXPECT_NE(r.findings[0].detail.find("CN=Issuing CA,O=Example"), std::string::npos);
}

TEST(PcapClientCertNotSent, SentOrNotAsked) {
  PcapConnection c = pcap_test::tls12();
  c.cert_request = CertRequestTiming::handshake;
  c.client_cert = "sent";
  EXPECT_TRUE(pcap_client_cert_not_sent_check().run(pcap_test::with({c}), {}).findings.empty());
  EXPECT_TRUE(pcap_client_cert_not_sent_check().run(pcap_test::with({pcap_test::tls12()}), {}).not_checked);
}

TEST(PcapClientCertNotSent, EmptyCertificateInADecryptedRenegotiation) {
  PcapConnection c = pcap_test::tls12();
  c.cert_request = CertRequestTiming::renegotiation;
  c.renegotiation_frame = 12;
  c.cert_request_frame = 15;
  c.client_cert = "empty";
  c.client_cert_frame = 16;
  c.decrypted = true;
  const CheckResult r = pcap_client_cert_not_sent_check().run(pcap_test::with({c}), {});
  ASSERT_EQ(r.findings.size(), 1u);
  EXPECT_EQ(r.findings[0].evidence[0].frame, 16u);
  // A probable (inferred) renegotiation: nothing read, nothing judged.
  PcapConnection probable = pcap_test::tls12();
  probable.cert_request = CertRequestTiming::renegotiation;
  probable.client_cert = "encrypted";
  EXPECT_TRUE(pcap_client_cert_not_sent_check().run(pcap_test::with({probable}), {}).not_checked);
}

}  // namespace
}  // namespace mtls::checks
