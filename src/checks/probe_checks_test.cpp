// SPDX-License-Identifier: Apache-2.0
// The probe checks on hand-built evidence: each finding fires on the attempts that show it and
// stays quiet on a healthy probe.
#include <gtest/gtest.h>

#include <algorithm>

#include "checks/checks.h"
#include "knowledge/remedies.h"

namespace mtls::checks {
namespace {

ProbeAttempt attempt(int number, CertRequestTiming timing, std::optional<int> status, std::string alpn = "http/1.1") {
  ProbeAttempt a;
  a.number = number;
  a.purpose = "test";
  a.connected = true;
  a.handshake_completed = true;
  a.tls_version = "TLSv1.3";
  a.alpn = std::move(alpn);
  a.sni = "www.example.test";
  a.cert_request = timing;
  a.request_sent = true;
  a.request_line = "GET /app/ HTTP/1.1";
  a.http_status = status;
  return a;
}

Evidence evidence(std::vector<ProbeAttempt> attempts, bool identity = true) {
  Evidence e;
  ProbeEvidence p;
  p.target = "https://www.example.test:8443/app/";
  p.host = "www.example.test";
  p.port = 8443;
  p.path = "/app/";
  p.identity_given = identity;
  p.attempts = std::move(attempts);
  CertificateFacts server;
  server.sha1 = "AABBCC";
  p.server_chain.push_back(server);
  e.probe = p;
  return e;
}

std::vector<std::string> ids(const Check& check, const Evidence& e) {
  const CheckResult r = check.run(e, CheckContext{});
  std::vector<std::string> out;
  for (const Finding& f : r.findings) out.push_back(f.id);
  return out;
}

bool contains(const std::vector<std::string>& v, std::string_view id) { return std::find(v.begin(), v.end(), id) != v.end(); }

TEST(ProbeChecks, UnreachableWhenTheFirstConnectFails) {
  ProbeAttempt a;
  a.number = 1;
  a.connect_error = "TCP connect to 127.0.0.1:8443: connection refused";
  const Evidence e = evidence({a});
  const CheckResult r = probe_reachability_check().run(e, CheckContext{});
  ASSERT_EQ(r.findings.size(), 1u);
  EXPECT_EQ(r.findings[0].id, "tls.unreachable");
  EXPECT_NE(r.findings[0].detail.find("connection refused"), std::string::npos);
}

TEST(ProbeChecks, HandshakeFailureIsNotACertificateRefusal) {
  ProbeAttempt a = attempt(1, CertRequestTiming::none, std::nullopt);
  a.handshake_completed = false;
  a.alert = ProbeAlert{40, "handshake_failure", true, false};
  a.alert_text = "handshake_failure (40) received";
  EXPECT_TRUE(contains(ids(probe_reachability_check(), evidence({a})), "tls.handshake-failed"));
  a.cert_request = CertRequestTiming::handshake;  // asked, then refused: a certificate matter
  EXPECT_FALSE(contains(ids(probe_reachability_check(), evidence({a})), "tls.handshake-failed"));
}

TEST(ProbeChecks, ServerChainUntrustedIsInfo) {
  ProbeAttempt a = attempt(1, CertRequestTiming::handshake, 200);
  a.server_verify_error = "unable to get local issuer certificate";
  const CheckResult r = probe_reachability_check().run(evidence({a}), CheckContext{});
  ASSERT_EQ(r.findings.size(), 1u);
  EXPECT_EQ(r.findings[0].id, "tls.server-cert-untrusted");
  EXPECT_EQ(r.findings[0].severity, Severity::info);
}

TEST(ProbeChecks, NoRequestAnywhere) {
  const auto found = ids(probe_request_timing_check(), evidence({attempt(1, CertRequestTiming::none, 200, "h2"),
                                                                 attempt(2, CertRequestTiming::none, 200)}));
  EXPECT_EQ(found, std::vector<std::string>{"tls.no-certificate-request"});
}

TEST(ProbeChecks, LateRequestAndHttp2Block) {
  ProbeAttempt browser = attempt(1, CertRequestTiming::none, 403, "h2");
  ProbeAttempt late = attempt(2, CertRequestTiming::renegotiation, 200);
  late.with_identity = true;
  const Evidence e = evidence({browser, late});
  const CheckResult r = probe_request_timing_check().run(e, CheckContext{});
  std::vector<std::string> found;
  for (const Finding& f : r.findings) found.push_back(f.id);
  EXPECT_TRUE(contains(found, "tls.certificate-request-late"));
  EXPECT_TRUE(contains(found, "tls.renegotiation-blocked-by-http2"));
  // The remedy names the user's own binding and certificate.
  const std::vector<std::string> commands = knowledge::remedies::command_lines(r.findings[0].remedy);
  EXPECT_TRUE(std::any_of(commands.begin(), commands.end(), [](const std::string& c) {
    return c.find("hostnameport=www.example.test:8443 certhash=AABBCC") != std::string::npos &&
           c.find("clientcertnegotiation=enable") != std::string::npos;
  }));
}

TEST(ProbeChecks, PostHandshakeRequest) {
  const auto found = ids(probe_request_timing_check(), evidence({attempt(1, CertRequestTiming::none, 403),
                                                                 attempt(2, CertRequestTiming::post_handshake, 200)}));
  EXPECT_EQ(found, std::vector<std::string>{"tls.certificate-request-post-handshake"});
}

TEST(ProbeChecks, HandshakeRequestIsHealthy) {
  EXPECT_TRUE(ids(probe_request_timing_check(), evidence({attempt(1, CertRequestTiming::handshake, 400, "h2"),
                                                          attempt(2, CertRequestTiming::handshake, 200)}))
                  .empty());
}

TEST(ProbeChecks, CaListEmptyAndExcluding) {
  ProbeAttempt a = attempt(2, CertRequestTiming::handshake, 200);
  a.with_identity = true;
  EXPECT_EQ(ids(probe_ca_list_empty_check(), evidence({a})), std::vector<std::string>{"tls.ca-list-empty"});

  DistinguishedName listed{.text = "CN=Other CA", .der_hex = "3011", .canonical = "AA"};
  DistinguishedName issuer{.text = "CN=Issuing CA", .der_hex = "3022", .canonical = "BB"};
  a.ca_list = {listed};
  a.ca_names = {listed.text};
  Evidence e = evidence({a});
  CertificateFacts leaf;
  leaf.subject = "CN=client";
  leaf.issuer = issuer.text;
  leaf.issuer_name = issuer;
  e.certificates = CertificateEvidence{{leaf}};
  EXPECT_EQ(ids(probe_ca_list_excludes_check(), e), std::vector<std::string>{"tls.ca-list-excludes-client-chain"});
  // Same name in canonical form (case differs in DER): listed.
  e.probe->attempts[0].ca_list[0].canonical = "BB";
  EXPECT_TRUE(ids(probe_ca_list_excludes_check(), e).empty());
}

TEST(ProbeChecks, ClientCertificateRejectedAndLeafOnly) {
  ProbeAttempt a = attempt(2, CertRequestTiming::handshake, std::nullopt);
  a.with_identity = true;
  a.client_cert_sent = true;
  a.client_chain_sent = 1;
  a.alert = ProbeAlert{48, "unknown_ca", true, false};
  a.alert_text = "unknown_ca (48) received";
  Evidence e = evidence({a});
  CertificateFacts leaf;
  leaf.subject = "CN=client";
  leaf.issuer = "CN=Issuing CA";
  e.certificates = CertificateEvidence{{leaf}};
  const auto found = ids(probe_client_cert_check(), e);
  EXPECT_TRUE(contains(found, "tls.client-chain-not-sent"));
  EXPECT_TRUE(contains(found, "tls.client-cert-rejected"));
  e.probe->attempts[0].client_chain_sent = 2;  // chain was sent: only the rejection remains
  EXPECT_EQ(ids(probe_client_cert_check(), e), std::vector<std::string>{"tls.client-cert-rejected"});
}

TEST(ProbeChecks, EmptyCertificateWithAnIdentity) {
  ProbeAttempt a = attempt(2, CertRequestTiming::handshake, std::nullopt);
  a.with_identity = true;
  a.empty_certificate_sent = true;
  EXPECT_EQ(ids(probe_client_cert_check(), evidence({a})), std::vector<std::string>{"tls.client-cert-not-sent"});
}

TEST(ProbeChecks, SniBindingsDiffer) {
  ProbeAttempt with = attempt(2, CertRequestTiming::handshake, 200);
  with.offered_pha = true;
  ProbeAttempt without = attempt(4, CertRequestTiming::renegotiation, 200);
  without.sni.clear();
  without.sni_comparison = true;
  EXPECT_EQ(ids(probe_sni_check(), evidence({with, without})), std::vector<std::string>{"tls.sni-bindings-differ"});
  without.cert_request = CertRequestTiming::handshake;
  EXPECT_TRUE(ids(probe_sni_check(), evidence({with, without})).empty());
}

TEST(ProbeChecks, HttpStatuses) {
  ProbeAttempt a = attempt(2, CertRequestTiming::none, 403);
  a.with_identity = true;
  a.iis_substatus = "403.7";
  EXPECT_EQ(ids(probe_http_status_check(), evidence({a})), std::vector<std::string>{"http.client-cert-required"});
  a.iis_substatus = "403.16";
  a.client_cert_sent = true;
  EXPECT_EQ(ids(probe_http_status_check(), evidence({a})), std::vector<std::string>{"http.client-cert-rejected"});
  a.iis_substatus = "403.12";
  EXPECT_EQ(ids(probe_http_status_check(), evidence({a})), std::vector<std::string>{"http.mapping-denied"});
  a.http_status = 400;
  a.iis_substatus.clear();
  a.server_reason = "No required SSL certificate was sent";
  EXPECT_EQ(ids(probe_http_status_check(), evidence({a})), std::vector<std::string>{"http.client-cert-required"});
  // The browser-like attempt without a certificate does not speak for an identity that was given.
  ProbeAttempt browser = attempt(1, CertRequestTiming::handshake, 400);
  browser.server_reason = "No required SSL certificate was sent";
  ProbeAttempt ok = attempt(2, CertRequestTiming::handshake, 200);
  ok.with_identity = true;
  ok.client_cert_sent = true;
  EXPECT_TRUE(ids(probe_http_status_check(), evidence({browser, ok})).empty());
}

}  // namespace
}  // namespace mtls::checks
