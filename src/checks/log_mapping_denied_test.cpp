// SPDX-License-Identifier: Apache-2.0
#include "checks/checks.h"
#include "checks/log_test_support.h"

namespace mtls::checks {
namespace {
using namespace testing;

TEST(LogMappingDenied, Counts403_12ButNotNtlmChallenges) {
  std::string log(kW3cHeader);
  log += w3c_line("10:00:00", "192.0.2.1", "401 2 5");
  log += w3c_line("10:00:01", "192.0.2.1", "401 1 2148074254");
  EXPECT_TRUE(run_check(log_mapping_denied_check(), log_evidence(log)).findings.empty());
  log += w3c_line("10:00:02", "192.0.2.1", "403 12 0");
  const auto r = run_check(log_mapping_denied_check(), log_evidence(log));
  ASSERT_EQ(r.findings.size(), 1u);
  EXPECT_EQ(r.findings[0].id, "log.mapping-denied");
  EXPECT_EQ(r.findings[0].evidence.at(0).ref, "u_ex240301.log:4");
}

}  // namespace
}  // namespace mtls::checks
