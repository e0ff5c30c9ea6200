// SPDX-License-Identifier: Apache-2.0
#include "checks/checks.h"
#include "checks/log_test_support.h"

namespace mtls::checks {
namespace {
using namespace testing;

TEST(LogClientCertRequired, CountsTimesClientsAndCitesLines) {
  std::string log(kW3cHeader);
  log += w3c_line("10:00:00", "192.0.2.1", "200 0 0");
  log += w3c_line("10:00:01", "192.0.2.1", "403 7 0");
  log += w3c_line("10:05:00", "192.0.2.2", "403 7 0", "/api/");
  log += w3c_line("10:06:00", "192.0.2.1", "403 7 0");
  const auto r = run_check(log_client_cert_required_check(), log_evidence(log));
  ASSERT_EQ(r.findings.size(), 1u);
  const Finding& f = r.findings[0];
  EXPECT_EQ(f.id, "log.client-cert-required");
  EXPECT_NE(f.detail.find("3 403.7 entries from 2024-03-01T10:00:01Z to 2024-03-01T10:06:00Z"), std::string::npos) << f.detail;
  EXPECT_NE(f.detail.find("192.0.2.1 (2)"), std::string::npos) << f.detail;
  ASSERT_EQ(f.evidence.size(), 3u);
  EXPECT_EQ(f.evidence[0].ref, "u_ex240301.log:3");
}

TEST(LogClientCertRequired, SilentWithout403_7) {
  std::string log(kW3cHeader);
  log += w3c_line("10:00:00", "192.0.2.1", "403 16 2148204809");
  EXPECT_TRUE(run_check(log_client_cert_required_check(), log_evidence(log)).findings.empty());
}

}  // namespace
}  // namespace mtls::checks
