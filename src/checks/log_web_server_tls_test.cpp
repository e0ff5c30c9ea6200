// SPDX-License-Identifier: Apache-2.0
// The log.* checks on nginx and Apache lines: log.renegotiation-failed, log.tls-handshake-errors,
// and the client-certificate findings with the server named.
#include "checks/checks.h"
#include "checks/log_test_support.h"

namespace mtls::checks {
namespace {
using namespace testing;

constexpr std::string_view kApacheRenegotiation =
    "[Thu Jan 15 19:48:06.686725 2015] [ssl:debug] [pid 13] ssl_engine_kernel.c(591): [client 127.0.0.1:56715] "
    "AH02255: Changed client verification type will force renegotiation\n"
    "[Thu Jan 15 19:48:06.688010 2015] [ssl:error] [pid 13] [client 127.0.0.1:56715] AH02261: Re-negotiation "
    "handshake failed: Not accepted by client!?\n";

constexpr std::string_view kNginxHandshake =
    "2026/10/11 14:35:00 [info] 1234#0: *8 SSL_do_handshake() failed (SSL: error:0A000418:SSL routines::tlsv1 "
    "alert unknown ca:SSL alert number 48) while SSL handshaking, client: 192.0.2.10, server: 0.0.0.0:443\n";

TEST(LogWebServerTls, ApacheRenegotiationFailed) {
  const auto r = run_check(log_web_server_tls_check(), log_evidence(kApacheRenegotiation, "ssl_error_log"));
  ASSERT_EQ(r.findings.size(), 1u);
  const Finding& f = r.findings[0];
  EXPECT_EQ(f.id, "log.renegotiation-failed");
  EXPECT_NE(f.detail.find("Apache httpd error log: 1 x \"AH02261\" (Not accepted by client!?)"), std::string::npos) << f.detail;
  EXPECT_NE(f.detail.find("\"AH02255\""), std::string::npos) << f.detail;
  EXPECT_NE(f.detail.find("(server local time)"), std::string::npos) << f.detail;
  ASSERT_EQ(f.evidence.size(), 2u);
  EXPECT_EQ(f.evidence[0].ref, "ssl_error_log:1");
}

TEST(LogWebServerTls, AnnouncedRenegotiationThatDidNotFailIsNoFinding) {
  // AH02255 alone: the renegotiation was asked for and may well have worked.
  const std::string text(kApacheRenegotiation.substr(0, kApacheRenegotiation.find('\n') + 1));
  const auto r = run_check(log_web_server_tls_check(), log_evidence(text, "ssl_error_log"));
  EXPECT_TRUE(r.findings.empty());
  EXPECT_FALSE(r.not_checked);
}

TEST(LogWebServerTls, NginxHandshakeErrorsWithTheirAlert) {
  const auto r = run_check(log_web_server_tls_check(), log_evidence(kNginxHandshake, "error.log"));
  ASSERT_EQ(r.findings.size(), 1u);
  const Finding& f = r.findings[0];
  EXPECT_EQ(f.id, "log.tls-handshake-errors");
  EXPECT_EQ(f.title, "nginx logged TLS handshake failures");
  EXPECT_NE(f.detail.find("(tlsv1 alert unknown ca) alert 48"), std::string::npos) << f.detail;
  EXPECT_EQ(f.evidence.at(0).ref, "error.log:1");
}

TEST(LogWebServerTls, QuietNginxLogPassesAndIisLogIsNotChecked) {
  const auto quiet = run_check(log_web_server_tls_check(),
                               log_evidence("2026/10/11 14:37:00 [notice] 1234#0: signal process started\n", "error.log"));
  EXPECT_TRUE(quiet.findings.empty());
  EXPECT_FALSE(quiet.not_checked);
  std::string iis(kW3cHeader);
  iis += w3c_line("10:00:00", "192.0.2.1", "200 0 0");
  const auto skipped = run_check(log_web_server_tls_check(), log_evidence(iis));
  EXPECT_TRUE(skipped.not_checked);
}

TEST(LogWebServerTls, NginxNoCertificateIsClientCertRequiredNamingNginx) {
  const std::string text =
      "2026/10/11 14:32:52 [info] 1234#0: *5 client sent no required SSL certificate while reading client request "
      "headers, client: 192.0.2.7, server: api.example.test, request: \"GET /orders HTTP/1.1\"\n";
  const auto r = run_check(log_client_cert_required_check(), log_evidence(text, "error.log"));
  ASSERT_EQ(r.findings.size(), 1u);
  const Finding& f = r.findings[0];
  EXPECT_EQ(f.title, "nginx logged: client certificate required but none sent");
  EXPECT_EQ(f.detail.find("403.7"), std::string::npos) << "no IIS status was read: " << f.detail;
  EXPECT_NE(f.detail.find("nginx error log: 1 x \"no required SSL certificate\" at 2026-10-11T14:32:52 (server local time)"),
            std::string::npos)
      << f.detail;
  EXPECT_EQ(f.evidence.at(0).ref, "error.log:1");
  // No IIS binding to look at: the remedy does not send the user to netsh.
  for (const RemedyCommand& c : f.remedy.commands) EXPECT_EQ(c.command.find("netsh"), std::string::npos) << c.command;
}

TEST(LogWebServerTls, ApacheVerifyErrorIsClientCertUntrustedNamingApache) {
  const std::string text =
      "[Wed Oct 11 14:32:53.000001 2026] [ssl:error] [pid 1:tid 2] [client 1.2.3.5:5679] AH02039: Certificate "
      "Verification: Error (20): unable to get local issuer certificate\n";
  const auto r = run_check(log_client_cert_rejected_check(), log_evidence(text, "ssl_error_log"));
  ASSERT_EQ(r.findings.size(), 1u);
  const Finding& f = r.findings[0];
  EXPECT_EQ(f.id, "log.client-cert-untrusted");
  EXPECT_EQ(f.title, "Apache httpd logged: the client certificate did not verify");
  EXPECT_NE(f.detail.find("error 20 (unable to get local issuer certificate)"), std::string::npos) << f.detail;
  EXPECT_NE(f.detail.find("1.2.3.5 (1)"), std::string::npos) << f.detail;
}

TEST(LogWebServerTls, Nginx496And495InTheAccessLog) {
  const std::string text =
      "192.0.2.1 - - [11/Oct/2026:14:32:52 +0000] \"GET / HTTP/1.1\" 496 246 \"-\" \"curl/8.5.0\"\n"
      "192.0.2.2 - - [11/Oct/2026:14:32:53 +0000] \"GET / HTTP/1.1\" 495 246 \"-\" \"curl/8.5.0\"\n";
  const Evidence e = log_evidence(text, "access.log");
  const auto required = run_check(log_client_cert_required_check(), e);
  ASSERT_EQ(required.findings.size(), 1u);
  EXPECT_NE(required.findings[0].detail.find("nginx access log: 1 x \"status 496\" at 2026-10-11T14:32:52Z"),
            std::string::npos)
      << required.findings[0].detail;
  const auto rejected = run_check(log_client_cert_rejected_check(), e);
  ASSERT_EQ(rejected.findings.size(), 1u);
  EXPECT_EQ(rejected.findings[0].id, "log.client-cert-untrusted");
  EXPECT_NE(rejected.findings[0].detail.find("\"status 495\""), std::string::npos);
}

}  // namespace
}  // namespace mtls::checks
