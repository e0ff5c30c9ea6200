// SPDX-License-Identifier: Apache-2.0
#include "checks/checks.h"
#include "checks/log_test_support.h"

namespace mtls::checks {
namespace {
using namespace testing;

TEST(LogCtlAccessDenied, Only403_7WithWin32Status5) {
  std::string log(kW3cHeader);
  log += w3c_line("10:00:00", "192.0.2.1", "403 7 0");
  EXPECT_TRUE(run_check(log_ctl_access_denied_check(), log_evidence(log)).findings.empty());
  log += w3c_line("10:00:01", "192.0.2.1", "403 7 5");
  const auto r = run_check(log_ctl_access_denied_check(), log_evidence(log));
  ASSERT_EQ(r.findings.size(), 1u);
  EXPECT_EQ(r.findings[0].id, "log.ctl-access-denied");
  EXPECT_NE(r.findings[0].remedy.commands.at(1).command.find("sslctlstorename=ClientAuthIssuer"), std::string::npos);
  EXPECT_EQ(r.findings[0].evidence.at(0).ref, "u_ex240301.log:3");
}

}  // namespace
}  // namespace mtls::checks
