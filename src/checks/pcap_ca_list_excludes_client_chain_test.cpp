// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>

#include "checks/checks.h"
#include "checks/pcap_test_support.h"

namespace mtls::checks {
namespace {

PcapConnection asking_for(const DistinguishedName& ca) {
  PcapConnection c = pcap_test::tls12();
  c.cert_request = CertRequestTiming::handshake;
  c.cert_request_frame = 6;
  c.ca_names = {ca.text};
  c.ca_list = {ca};
  return c;
}

CertificateFacts client_issued_by(const DistinguishedName& issuer) {
  CertificateFacts f;
  f.subject = "CN=alice";
  f.issuer = issuer.text;
  f.issuer_name = issuer;
  f.origin = at_input("certificate", "alice.pem", "CN=alice");
  return f;
}

TEST(PcapCaListExcludesClientChain, GivenClientFromAnotherCa) {
  Evidence e = pcap_test::with({asking_for(pcap_test::dn("CN=Corp CA", "corp"))});
  e.certificates = CertificateEvidence{{client_issued_by(pcap_test::dn("CN=Other CA", "other"))}};
  const CheckResult r = pcap_ca_list_excludes_client_chain_check().run(e, {});
  ASSERT_EQ(r.findings.size(), 1u);
  EXPECT_EQ(r.findings[0].id, "tls.ca-list-excludes-client-chain");
  EXPECT_NE(r.findings[0].detail.find("CN=Other CA"), std::string::npos);
  EXPECT_NE(r.findings[0].detail.find("--client"), std::string::npos);
}

TEST(PcapCaListExcludesClientChain, CanonicalMatchCountsAsListed) {
  // Same name, different case/spacing: OpenSSL's comparison (canonical form) matches.
  Evidence e = pcap_test::with({asking_for(pcap_test::dn("CN=Corp CA", "corp ca"))});
  e.certificates = CertificateEvidence{{client_issued_by(pcap_test::dn("CN=CORP  CA", "corp ca"))}};
  EXPECT_TRUE(pcap_ca_list_excludes_client_chain_check().run(e, {}).findings.empty());
}

TEST(PcapCaListExcludesClientChain, ChainFromTheCaptureWhenNoFileGiven) {
  PcapConnection c = asking_for(pcap_test::dn("CN=Corp CA", "corp"));
  c.client_chain = {client_issued_by(pcap_test::dn("CN=Other CA", "other"))};
  EXPECT_EQ(pcap_ca_list_excludes_client_chain_check().run(pcap_test::with({c}), {}).findings.size(), 1u);
  c.client_chain.clear();
  EXPECT_TRUE(pcap_ca_list_excludes_client_chain_check().run(pcap_test::with({c}), {}).not_checked);
}

}  // namespace
}  // namespace mtls::checks
