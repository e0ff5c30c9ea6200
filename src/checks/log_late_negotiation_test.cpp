// SPDX-License-Identifier: Apache-2.0
#include "checks/checks.h"
#include "checks/log_test_support.h"

namespace mtls::checks {
namespace {
using namespace testing;

TEST(LogLateNegotiation, PairsCitedWithBothLines) {
  std::string log(kW3cHeader);
  log += w3c_line("10:00:00", "192.0.2.1", "500 0 64");
  log += w3c_line("10:00:00", "192.0.2.9", "200 0 0");
  log += w3c_line("10:00:02", "192.0.2.1", "403 7 0");
  const auto r = run_check(log_late_negotiation_check(), log_evidence(log));
  ASSERT_EQ(r.findings.size(), 1u);
  const Finding& f = r.findings[0];
  EXPECT_EQ(f.id, "log.late-negotiation-aborted");
  EXPECT_NE(f.detail.find("1 time a 500"), std::string::npos) << f.detail;
  EXPECT_NE(f.detail.find("ERROR_NETNAME_DELETED"), std::string::npos) << f.detail;
  ASSERT_EQ(f.evidence.size(), 2u);
  EXPECT_EQ(f.evidence[0].ref, "u_ex240301.log:2");
  EXPECT_EQ(f.evidence[1].ref, "u_ex240301.log:4");
  EXPECT_NE(f.remedy.commands.back().find("clientcertnegotiation=enable"), std::string::npos);
}

TEST(LogLateNegotiation, A500AloneOrTooLateIsNoPair) {
  std::string log(kW3cHeader);
  log += w3c_line("10:00:00", "192.0.2.1", "500 0 64");
  log += w3c_line("10:00:01", "192.0.2.2", "403 7 0");  // another client
  log += w3c_line("10:05:00", "192.0.2.1", "403 7 0");  // outside the 60 s window
  EXPECT_TRUE(run_check(log_late_negotiation_check(), log_evidence(log)).findings.empty());
}

TEST(LogLateNegotiation, Tls13NotSupported) {
  std::string log(kW3cHeader);
  log += w3c_line("10:00:00", "192.0.2.1", "500 0 50");
  const auto r = run_check(log_late_negotiation_check(), log_evidence(log));
  ASSERT_EQ(r.findings.size(), 1u);
  EXPECT_NE(r.findings[0].title.find("TLS 1.3"), std::string::npos);
  EXPECT_NE(r.findings[0].detail.find("0x80070032"), std::string::npos);
}

}  // namespace
}  // namespace mtls::checks
