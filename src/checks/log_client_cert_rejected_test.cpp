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

}  // namespace
}  // namespace mtls::checks
