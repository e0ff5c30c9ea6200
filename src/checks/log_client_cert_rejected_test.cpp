// SPDX-License-Identifier: Apache-2.0
#include "checks/checks.h"
#include "checks/log_test_support.h"

namespace mtls::checks {
namespace {
using namespace testing;

TEST(LogClientCertRejected, UntrustedRootPointsAtTrustedRootStore) {
  std::string log(kW3cHeader);
  log += w3c_line("10:00:00", "192.0.2.1", "403 16 2148204809");
  log += w3c_line("10:00:01", "192.0.2.1", "403 17 0");
  log += w3c_line("10:00:02", "192.0.2.1", "403 13 2148081683");
  const auto r = run_check(log_client_cert_rejected_check(), log_evidence(log));
  ASSERT_EQ(r.findings.size(), 3u);
  EXPECT_EQ(r.findings[0].id, "log.client-cert-untrusted");
  EXPECT_NE(r.findings[0].detail.find("KB2802568"), std::string::npos);
  EXPECT_NE(r.findings[0].detail.find("0x800B0109"), std::string::npos) << r.findings[0].detail;
  EXPECT_EQ(r.findings[0].evidence.at(0).ref, "u_ex240301.log:2");
  EXPECT_EQ(r.findings[1].id, "log.client-cert-expired");
  EXPECT_EQ(r.findings[2].id, "log.client-cert-revoked");
  EXPECT_NE(r.findings[2].detail.find("CRYPT_E_REVOCATION_OFFLINE"), std::string::npos);
}

TEST(LogClientCertRejected, Other403_16CodesDoNotBlameTheRootStore) {
  std::string log(kW3cHeader);
  log += w3c_line("10:00:00", "192.0.2.1", "403 16 2148204810");
  const auto r = run_check(log_client_cert_rejected_check(), log_evidence(log));
  ASSERT_EQ(r.findings.size(), 1u);
  EXPECT_EQ(r.findings[0].detail.find("KB2802568"), std::string::npos);
}

// A CAPI2 policy event built from the event schema (see parse/logs/capi2_reader_test.cpp).
std::string capi2_policy(std::string_view auth, std::string_view result) {
  return std::string(R"(<Events><Event xmlns="http://schemas.microsoft.com/win/2004/08/events/event"><System>
<Provider Name="Microsoft-Windows-CAPI2"/><EventID>30</EventID><TimeCreated SystemTime="2024-03-01T10:00:05Z"/>
</System><UserData><CertVerifyCertificateChainPolicy><Policy type="CERT_CHAIN_POLICY_SSL" constant="4"/>
<Certificate fileRef="3E1A9C0D6A5F3C2B1A09F8E7D6C5B4A392817060.cer" subjectName="alice@example.test"/>
<SSLAdditionalPolicyInfo authType=")") + std::string(auth) + R"("/><EventAuxInfo ProcessName="lsass.exe"/>
<Result value=")" + std::string(result) + R"("/></CertVerifyCertificateChainPolicy></UserData></Event></Events>
)";
}

TEST(LogClientCertRejected, Capi2PolicyFailureNamesTheCertificate) {
  const auto r = run_check(log_client_cert_rejected_check(), log_evidence(capi2_policy("client", "800B0101"), "capi2.xml"));
  ASSERT_EQ(r.findings.size(), 1u);
  EXPECT_EQ(r.findings[0].id, "log.client-cert-expired");
  EXPECT_NE(r.findings[0].title.find("CAPI2"), std::string::npos) << r.findings[0].title;
  EXPECT_NE(r.findings[0].detail.find("CERT_E_EXPIRED"), std::string::npos) << r.findings[0].detail;
  EXPECT_NE(r.findings[0].detail.find("3E1A9C0D6A5F3C2B1A09F8E7D6C5B4A392817060"), std::string::npos);
  EXPECT_EQ(r.findings[0].evidence.at(0).ref, "capi2.xml record 1");
}

TEST(LogClientCertRejected, Capi2JoinsTheIisFinding) {
  std::string log(kW3cHeader);
  log += w3c_line("10:00:00", "192.0.2.1", "403 16 2148204809");
  Evidence e = log_evidence(log);
  auto capi2 = logs::parse_log_text(capi2_policy("client", "800B0109"), "capi2.xml");
  ASSERT_TRUE(capi2);
  e.logs->capi2_events = capi2->capi2_events;
  e.logs->capi2_chain_errors = capi2->capi2_chain_errors;
  const auto r = run_check(log_client_cert_rejected_check(), e);
  ASSERT_EQ(r.findings.size(), 1u);
  EXPECT_EQ(r.findings[0].id, "log.client-cert-untrusted");
  EXPECT_NE(r.findings[0].detail.find("CAPI2 30 CertVerifyCertificateChainPolicy"), std::string::npos) << r.findings[0].detail;
  EXPECT_EQ(r.findings[0].evidence.back().ref, "capi2.xml record 1");
}

TEST(LogClientCertRejected, Capi2ServerSideChainIsNoFinding) {
  const auto r = run_check(log_client_cert_rejected_check(), log_evidence(capi2_policy("server", "800B0109"), "capi2.xml"));
  EXPECT_TRUE(r.findings.empty());
}

}  // namespace
}  // namespace mtls::checks
