// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>

#include "checks/binding_match.h"
#include "checks/checks.h"

namespace mtls::checks {
namespace {

HttpSysBinding binding(HttpSysBindingKind kind, std::string endpoint, bool negotiate) {
  HttpSysBinding b;
  b.kind = kind;
  b.endpoint = std::move(endpoint);
  b.negotiate_client_certificate = negotiate;
  return b;
}

Evidence evidence(CertRequestTiming timing, std::vector<HttpSysBinding> bindings) {
  Evidence e;
  ProbeEvidence p;
  p.target = "https://www.example.test/app/";
  p.address = "127.0.0.1:443";
  p.host = "www.example.test";
  p.port = 443;
  ProbeAttempt a;
  a.number = 2;
  a.sni = "www.example.test";
  a.tls_version = "TLSv1.2";
  a.cert_request = timing;
  p.attempts.push_back(a);
  e.probe = p;
  IisEvidence iis;
  iis.bindings = std::move(bindings);
  iis.bindings_read = true;
  e.iis = iis;
  return e;
}

CheckResult run(const Evidence& e) { return diagnose_sources_disagree_check().run(e, {}); }

TEST(BindingMatch, MostSpecificFirst) {
  const std::vector<HttpSysBinding> b{binding(HttpSysBindingKind::ip_port, "0.0.0.0:443", true), binding(HttpSysBindingKind::ip_port, "127.0.0.1:443", true),
                                      binding(HttpSysBindingKind::hostname_port, "www.example.test:443", false)};
  EXPECT_EQ(match_binding(b, "www.example.test", "127.0.0.1:443", 443).binding, &b[2]);
  EXPECT_EQ(match_binding(b, "", "127.0.0.1:443", 443).binding, &b[1]);
  EXPECT_EQ(match_binding(b, "", "10.1.1.1:443", 443).binding, &b[0]);
  EXPECT_EQ(match_binding(b, "", "127.0.0.1:8443", 8443).binding, nullptr);
}

TEST(DiagnoseSourcesDisagree, EnabledBindingButLateRequest) {
  const CheckResult r = run(evidence(CertRequestTiming::renegotiation, {binding(HttpSysBindingKind::ip_port, "0.0.0.0:443", true)}));
  ASSERT_EQ(r.findings.size(), 1u);
  EXPECT_EQ(r.findings[0].id, "diagnose.sources-disagree");
  EXPECT_NE(r.findings[0].detail.find("Negotiate Client Certificate: Enabled"), std::string::npos);
  EXPECT_EQ(r.findings[0].remedy.commands[0].command, "netsh http show sslcert ipport=0.0.0.0:443");
}

TEST(DiagnoseSourcesDisagree, AgreeingSourcesPass) {
  EXPECT_TRUE(run(evidence(CertRequestTiming::renegotiation, {binding(HttpSysBindingKind::ip_port, "0.0.0.0:443", false)})).findings.empty());
  EXPECT_TRUE(run(evidence(CertRequestTiming::handshake, {binding(HttpSysBindingKind::ip_port, "0.0.0.0:443", true)})).findings.empty());
}

TEST(DiagnoseSourcesDisagree, NoBindingForThePortIsNotChecked) {
  const CheckResult r = run(evidence(CertRequestTiming::renegotiation, {binding(HttpSysBindingKind::ip_port, "0.0.0.0:8443", true)}));
  EXPECT_TRUE(r.not_checked.has_value());
}

}  // namespace
}  // namespace mtls::checks
