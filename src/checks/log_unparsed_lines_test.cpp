// SPDX-License-Identifier: Apache-2.0
#include "checks/checks.h"
#include "checks/log_test_support.h"

namespace mtls::checks {
namespace {
using namespace testing;

TEST(LogUnparsedLines, NamesTheFirstLines) {
  std::string log(kW3cHeader);
  log += "short line\n";
  log += w3c_line("10:00:00", "192.0.2.1", "200 0 0");
  log += "another bad one\n";
  const auto r = run_check(log_unparsed_lines_check(), log_evidence(log));
  ASSERT_EQ(r.findings.size(), 1u);
  EXPECT_EQ(r.findings[0].id, "log.unparsed-lines");
  EXPECT_NE(r.findings[0].detail.find("2 lines of 4 could not be read (first: u_ex240301.log:2, u_ex240301.log:4)"),
            std::string::npos)
      << r.findings[0].detail;
  ASSERT_EQ(r.findings[0].evidence.size(), 2u);
}

TEST(LogUnparsedLines, CleanLogPasses) {
  std::string log(kW3cHeader);
  log += w3c_line("10:00:00", "192.0.2.1", "200 0 0");
  EXPECT_TRUE(run_check(log_unparsed_lines_check(), log_evidence(log)).findings.empty());
}

}  // namespace
}  // namespace mtls::checks
