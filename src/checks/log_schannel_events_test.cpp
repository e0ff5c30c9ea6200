// SPDX-License-Identifier: Apache-2.0
#include "checks/checks.h"
#include "checks/log_test_support.h"

namespace mtls::checks {
namespace {
using namespace testing;

TEST(LogSchannelEvents, AlertsAndTruncatedIssuerList) {
  const std::string xml =
      "<Events><Event><System><Provider Name='Schannel'/><EventID>36888</EventID>"
      "<TimeCreated SystemTime='2024-03-01T10:00:00Z'/></System><EventData><Data Name='AlertDesc'>46</Data>"
      "<Data Name='ErrorState'>1203</Data></EventData></Event>\n"
      "<Event><System><Provider Name='Schannel'/><EventID>36885</EventID></System></Event></Events>";
  const auto r = run_check(log_schannel_events_check(), log_evidence(xml, "system.xml"));
  ASSERT_EQ(r.findings.size(), 1u);
  const Finding& f = r.findings[0];
  EXPECT_EQ(f.id, "log.schannel-events");
  EXPECT_NE(f.detail.find("36885"), std::string::npos);
  EXPECT_NE(f.detail.find("alert 46"), std::string::npos) << f.detail;
  EXPECT_NE(f.remedy.commands.back().command.find("SendTrustedIssuerList"), std::string::npos);
  ASSERT_FALSE(f.evidence.empty());
  EXPECT_EQ(f.evidence[0].ref, "system.xml record 1");
}

TEST(LogSchannelEvents, NotCheckedWithoutEventsOrHttpErr) {
  std::string log(kW3cHeader);
  log += w3c_line("10:00:00", "192.0.2.1", "403 7 0");
  const auto r = run_check(log_schannel_events_check(), log_evidence(log));
  EXPECT_TRUE(r.findings.empty());
  EXPECT_TRUE(r.not_checked.has_value());
}

}  // namespace
}  // namespace mtls::checks
