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

TEST(LogSchannelEvents, CipherAndProtocolMismatchAreNotClientCertificateErrors) {
  // What a server that refuses old clients logs: 36874 and the alerts that go with it.
  const std::string xml =
      "<Events><Event><System><Provider Name='Schannel'/><EventID>36874</EventID>"
      "<TimeCreated SystemTime='2024-03-01T10:00:00Z'/></System><EventData><Data Name='Protocol'>TLS 1.0</Data>"
      "</EventData></Event>\n"
      "<Event><System><Provider Name='Schannel'/><EventID>36888</EventID></System><EventData>"
      "<Data Name='AlertDesc'>70</Data></EventData></Event>\n"
      "<Event><System><Provider Name='Schannel'/><EventID>36888</EventID></System><EventData>"
      "<Data Name='AlertDesc'>40</Data></EventData></Event></Events>";
  const auto r = run_check(log_schannel_events_check(), log_evidence(xml, "system.xml"));
  ASSERT_EQ(r.findings.size(), 1u);
  const Finding& f = r.findings[0];
  EXPECT_EQ(f.id, "log.schannel-handshake-errors");
  EXPECT_EQ(f.severity, Severity::warning);
  EXPECT_EQ(f.step, Step::none);
  EXPECT_NE(f.detail.find("1 x Schannel 36874"), std::string::npos) << f.detail;
  EXPECT_NE(f.detail.find("cipher suite mismatch"), std::string::npos) << f.detail;
  EXPECT_NE(f.detail.find("protocol version mismatch"), std::string::npos) << f.detail;
  EXPECT_NE(f.detail.find("handshake failure"), std::string::npos) << f.detail;
  EXPECT_EQ(f.evidence.size(), 3u);
}

TEST(LogSchannelEvents, CertificateEventsStayErrorsBesideTheOthers) {
  const std::string xml =
      "<Events><Event><System><Provider Name='Schannel'/><EventID>36874</EventID></System></Event>\n"
      "<Event><System><Provider Name='Schannel'/><EventID>36877</EventID></System></Event>\n"
      "<Event><System><Provider Name='Schannel'/><EventID>36888</EventID></System><EventData>"
      "<Data Name='AlertDesc'>48</Data></EventData></Event></Events>";
  const auto r = run_check(log_schannel_events_check(), log_evidence(xml, "system.xml"));
  ASSERT_EQ(r.findings.size(), 2u);
  EXPECT_EQ(r.findings[0].id, "log.schannel-events");
  EXPECT_EQ(r.findings[0].severity, Severity::error);
  EXPECT_NE(r.findings[0].detail.find("36877"), std::string::npos);
  EXPECT_NE(r.findings[0].detail.find("alert 48"), std::string::npos);
  EXPECT_EQ(r.findings[0].detail.find("36874"), std::string::npos) << r.findings[0].detail;
  EXPECT_EQ(r.findings[0].evidence.size(), 2u);
  EXPECT_EQ(r.findings[1].id, "log.schannel-handshake-errors");
  EXPECT_NE(r.findings[1].detail.find("36874"), std::string::npos);
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
