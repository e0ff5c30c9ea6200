// SPDX-License-Identifier: Apache-2.0
#include "checks/checks.h"
#include "checks/log_test_support.h"
#include "knowledge/remedies.h"

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
  EXPECT_NE(f.remedy.commands.back().command.find("clientcertnegotiation=enable"), std::string::npos);
}

TEST(LogLateNegotiation, RemedyFillsTheBindingWhenItWasRead) {
  std::string log(kW3cHeader);
  log += w3c_line("10:00:00", "192.0.2.1", "500 0 64");
  log += w3c_line("10:00:02", "192.0.2.1", "403 7 0");
  Evidence e = log_evidence(log);
  // Without the bindings: placeholders, and the note says what fills them.
  const Finding unread = run_check(log_late_negotiation_check(), e).findings.at(0);
  EXPECT_EQ(unread.remedy.commands.back().command,
            "netsh http update sslcert ipport=<ip:port> certhash=<certhash> appid='<appid>' clientcertnegotiation=enable");
  EXPECT_NE(unread.remedy.commands.back().note.find("--sslcert"), std::string::npos);
  // With them (a diagnose run): the binding's own values, restated.
  HttpSysBinding b;
  b.kind = HttpSysBindingKind::ip_port;
  b.endpoint = "0.0.0.0:443";
  b.certificate_hash = "846762724f99a530cae257c8d18ceafb46723cd2";
  b.application_id = "{4dc3e181-e14b-4a21-b022-59fc669b0914}";
  b.certificate_store_name = "MY";
  b.negotiate_client_certificate = false;
  e.iis = IisEvidence{};
  e.iis->bindings_read = true;
  e.iis->bindings.push_back(b);
  const Finding read = run_check(log_late_negotiation_check(), e).findings.at(0);
  EXPECT_EQ(knowledge::remedies::command_lines(read.remedy),
            std::vector<std::string>{"netsh http update sslcert ipport=0.0.0.0:443 "
                                     "certhash=846762724f99a530cae257c8d18ceafb46723cd2 "
                                     "appid='{4dc3e181-e14b-4a21-b022-59fc669b0914}' certstorename=MY "
                                     "clientcertnegotiation=enable"});
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
