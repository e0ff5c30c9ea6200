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
  Evidence e = evidence({browser, late});
  e.probe->server_software = ServerSoftware::iis;
  e.probe->server_software_basis = "attempt 1: Server: Microsoft-IIS/10.0";
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
  // The client holds its leaf only: the listed CA may be the root above the leaf's issuer, so the
  // exclusion is undecided, a warning ranked after the refusal.
  const CheckResult undecided = probe_ca_list_excludes_check().run(e, CheckContext{});
  ASSERT_EQ(undecided.findings.size(), 1u);
  EXPECT_EQ(undecided.findings[0].severity, Severity::warning);
  EXPECT_EQ(undecided.findings[0].role, Role::context);
  EXPECT_NE(undecided.findings[0].detail.find("cannot be decided"), std::string::npos);
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
  // Only the leaf is known: its issuer may be a root, so the chain finding is a hypothesis
  // ranked after the server's refusal, and says so.
  const CheckResult r = probe_client_cert_check().run(e, CheckContext{});
  ASSERT_EQ(r.findings.size(), 2u);
  EXPECT_EQ(r.findings[0].id, "tls.client-chain-not-sent");
  EXPECT_EQ(r.findings[0].role, Role::context);
  EXPECT_NE(r.findings[0].detail.find("If CN=Issuing CA is an intermediate"), std::string::npos);
  EXPECT_EQ(r.findings[0].detail.find("cannot reach a trusted root without the intermediate,"), std::string::npos);
  EXPECT_NE(r.findings[1].role, Role::context);
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

// Under TLS 1.3 the refusal races the request: a certificate sent, then a reset with no alert
// read and no HTTP answer, is a refusal, never "no problem".
TEST(ProbeChecks, CertificateSentThenConnectionDroppedIsARefusal) {
  ProbeAttempt a = attempt(2, CertRequestTiming::handshake, std::nullopt);
  a.with_identity = true;
  a.client_cert_sent = true;
  a.client_chain_sent = 1;
  a.tcp_reset = true;
  a.http_error = "the server reset the connection before the request could be written";
  const CheckResult r = probe_client_cert_check().run(evidence({a}), CheckContext{});
  ASSERT_EQ(r.findings.size(), 1u);
  EXPECT_EQ(r.findings[0].id, "tls.client-cert-rejected");
  EXPECT_NE(r.findings[0].detail.find("reset the connection after the handshake"), std::string::npos) << r.findings[0].detail;
  // Closed rather than reset: the same verdict, worded as seen.
  a.tcp_reset = false;
  a.http_error = "the server closed the connection without an HTTP answer";
  const CheckResult closed = probe_client_cert_check().run(evidence({a}), CheckContext{});
  ASSERT_EQ(closed.findings.size(), 1u);
  EXPECT_NE(closed.findings[0].detail.find("closed the connection"), std::string::npos);
  // A timeout is not a refusal, nor is a malformed answer.
  a.http_error = "no complete HTTP answer (the probe's --timeout of 3 s ran out after 0 bytes)";
  a.timed_out = true;
  EXPECT_TRUE(ids(probe_client_cert_check(), evidence({a})).empty());
  a.timed_out = false;
  a.http_error = "not an HTTP response (status line)";
  EXPECT_TRUE(ids(probe_client_cert_check(), evidence({a})).empty());
  // Reset during the handshake after the certificate: the refusal, not a generic handshake failure.
  ProbeAttempt h = attempt(2, CertRequestTiming::handshake, std::nullopt);
  h.handshake_completed = false;
  h.with_identity = true;
  h.client_cert_sent = true;
  h.tcp_reset = true;
  h.tls_error = "the server reset the connection during the handshake";
  EXPECT_EQ(ids(probe_client_cert_check(), evidence({h})), std::vector<std::string>{"tls.client-cert-rejected"});
  EXPECT_FALSE(contains(ids(probe_reachability_check(), evidence({h})), "tls.handshake-failed"));
}

TEST(ProbeChecks, EmptyCertificateThenDroppedOrForbiddenWithoutIdentity) {
  ProbeAttempt a = attempt(1, CertRequestTiming::handshake, std::nullopt, "h2");
  a.empty_certificate_sent = true;
  a.tcp_reset = true;
  a.http_error = "the connection failed before an HTTP/2 answer";
  const CheckResult r = probe_client_cert_check().run(evidence({a}, false), CheckContext{});
  ASSERT_EQ(r.findings.size(), 1u);
  EXPECT_EQ(r.findings[0].id, "tls.client-cert-not-sent");
  EXPECT_NE(r.findings[0].detail.find("reset the connection after the empty Certificate"), std::string::npos);
  // An empty Certificate then a plain 403 (no IIS or nginx page): C3 does not pass.
  ProbeAttempt f = attempt(1, CertRequestTiming::handshake, 403);
  f.empty_certificate_sent = true;
  EXPECT_EQ(ids(probe_client_cert_check(), evidence({f}, false)), std::vector<std::string>{"tls.client-cert-not-sent"});
}

// A 401/403 after a handshake that took the certificate is judged on any server software.
TEST(ProbeChecks, ForbiddenAfterTheCertificateOnAnyServer) {
  ProbeAttempt a = attempt(2, CertRequestTiming::handshake, 403);
  a.with_identity = true;
  a.client_cert_sent = true;
  a.client_chain_sent = 2;
  a.server_header = "Caddy";
  const CheckResult r = probe_http_status_check().run(evidence({a}), CheckContext{});
  ASSERT_EQ(r.findings.size(), 1u);
  EXPECT_EQ(r.findings[0].id, "http.mapping-denied");
  EXPECT_NE(r.findings[0].detail.find("after TLS"), std::string::npos);
  EXPECT_EQ(r.findings[0].detail.find("IIS"), std::string::npos);
  // Node's page names the verification error: the certificate itself was refused.
  a.server_reason = "UNABLE_TO_VERIFY_LEAF_SIGNATURE";
  EXPECT_EQ(ids(probe_http_status_check(), evidence({a})), std::vector<std::string>{"http.client-cert-rejected"});
  a.http_status = 401;
  EXPECT_EQ(ids(probe_http_status_check(), evidence({a})), std::vector<std::string>{"http.client-cert-rejected"});
  // No certificate went out: not this finding.
  a.client_cert_sent = false;
  a.server_reason.clear();
  EXPECT_TRUE(ids(probe_http_status_check(), evidence({a})).empty());
}

// The fix is in the terms of the software that answered, and never IIS's for another server.
TEST(ProbeChecks, RemediesFollowTheServerSoftware) {
  Evidence e = evidence({attempt(1, CertRequestTiming::none, 200, "h2"), attempt(2, CertRequestTiming::none, 200)});
  const auto remedy = [&] {
    const CheckResult r = probe_request_timing_check().run(e, CheckContext{});
    EXPECT_EQ(r.findings.size(), 1u);
    return r.findings.empty() ? Remedy{} : r.findings[0].remedy;
  };
  // Unknown: the generic rule, said to be so, and no product's commands.
  e.probe->server_software_basis = "attempt 1: Server: Kestrel";
  Remedy r = remedy();
  EXPECT_TRUE(r.commands.empty());
  EXPECT_NE(r.text.find("not recognised from its answers (attempt 1: Server: Kestrel)"), std::string::npos) << r.text;
  EXPECT_EQ(r.text.find("IIS"), std::string::npos) << r.text;
  // Caddy: Caddy's client_auth, and nothing of IIS, nginx or Apache.
  e.probe->server_software = ServerSoftware::caddy;
  e.probe->server_software_basis = "attempt 1: Server: Caddy";
  r = remedy();
  ASSERT_FALSE(r.commands.empty());
  for (const RemedyCommand& c : r.commands) EXPECT_EQ(c.label, "Caddy") << c.command;
  EXPECT_EQ(r.commands[0].command, "mode require_and_verify");
  EXPECT_NE(r.text.find("client_auth"), std::string::npos) << r.text;
  EXPECT_NE(r.text.find("recognised from attempt 1: Server: Caddy"), std::string::npos) << r.text;
  // HAProxy: the bind line with the probe's own port.
  e.probe->server_software = ServerSoftware::haproxy;
  r = remedy();
  ASSERT_FALSE(r.commands.empty());
  EXPECT_NE(r.commands[0].command.find("bind :8443 ssl crt"), std::string::npos) << r.commands[0].command;
  EXPECT_NE(r.commands[0].command.find("verify required"), std::string::npos) << r.commands[0].command;
}

TEST(ProbeChecks, RefusalFixesNameTheSoftwaresCaFile) {
  ProbeAttempt a = attempt(2, CertRequestTiming::handshake, std::nullopt);
  a.with_identity = true;
  a.client_cert_sent = true;
  a.client_chain_sent = 2;
  a.alert = ProbeAlert{48, "unknown_ca", true, false};
  a.alert_text = "unknown_ca (48) received";
  Evidence e = evidence({a});
  e.probe->server_software = ServerSoftware::lighttpd;
  e.probe->server_software_basis = "attempt 1: Server: lighttpd/1.4.69";
  const CheckResult r = probe_client_cert_check().run(e, CheckContext{});
  ASSERT_EQ(r.findings.size(), 1u);
  const std::vector<std::string> commands = knowledge::remedies::command_lines(r.findings[0].remedy);
  EXPECT_TRUE(contains(commands, "ssl.ca-file = \"/etc/lighttpd/client-ca.pem\"")) << ::testing::PrintToString(commands);
  for (const RemedyCommand& c : r.findings[0].remedy.commands) EXPECT_NE(c.label, "IIS");
  // Unknown: only the product-neutral check of the certificate.
  e.probe->server_software = ServerSoftware::unknown;
  const CheckResult u = probe_client_cert_check().run(e, CheckContext{});
  ASSERT_EQ(u.findings[0].remedy.commands.size(), 1u);
  EXPECT_TRUE(u.findings[0].remedy.commands[0].command.starts_with("mtls-doctor cert "));
  EXPECT_NE(u.findings[0].remedy.text.find("not recognised"), std::string::npos);
}

// A server that keeps asking after the request: the post-handshake finding says how it ended.
TEST(ProbeChecks, PostHandshakeLoopSaysHowTheAttemptEnded) {
  ProbeAttempt a = attempt(2, CertRequestTiming::post_handshake, std::nullopt);
  a.offered_pha = true;
  a.cert_requests = 5;
  a.http_error = "the server sent 5 CertificateRequests on one connection without answering the request; the probe stopped there";
  const CheckResult r = probe_request_timing_check().run(evidence({a}), CheckContext{});
  ASSERT_FALSE(r.findings.empty());
  EXPECT_EQ(r.findings[0].id, "tls.certificate-request-post-handshake");
  EXPECT_NE(r.findings[0].detail.find("5 CertificateRequests"), std::string::npos) << r.findings[0].detail;
}

TEST(ProbeChecks, OwnTls12AttemptRefusedByATls13ServerIsNotAFailure) {
  ProbeAttempt ok = attempt(2, CertRequestTiming::post_handshake, 200);
  ProbeAttempt tls12 = attempt(3, CertRequestTiming::none, std::nullopt);
  tls12.handshake_completed = false;
  tls12.tls_version.clear();
  tls12.tls_version_limit = "TLSv1.2";
  tls12.alert = ProbeAlert{70, "protocol_version", true, false};
  tls12.alert_text = "protocol_version (70) received";
  EXPECT_FALSE(contains(ids(probe_reachability_check(), evidence({ok, tls12})), "tls.handshake-failed"));
  // When nothing speaks TLS 1.3 there, the failure stands.
  ok.tls_version = "TLSv1.2";
  EXPECT_TRUE(contains(ids(probe_reachability_check(), evidence({ok, tls12})), "tls.handshake-failed"));
}

TEST(ProbeChecks, AlertTheProbeSentIsWordedAsWhatTheServerDid) {
  ProbeAttempt a = attempt(1, CertRequestTiming::none, std::nullopt);
  a.handshake_completed = false;
  a.alert = ProbeAlert{50, "decode_error", true, true};
  a.alert_text = "decode_error (50) sent";
  a.tls_error = "the server closed the connection before the handshake finished, without an alert";
  const CheckResult r = probe_reachability_check().run(evidence({a}), CheckContext{});
  ASSERT_EQ(r.findings.size(), 1u);
  const std::string& d = r.findings[0].detail;
  EXPECT_LT(d.find("the server closed the connection"), d.find("decode_error")) << d;
}

TEST(ProbeChecks, SniDifferenceMattersOnlyWhenContentIsServedWithoutTheCertificate) {
  ProbeAttempt with = attempt(2, CertRequestTiming::handshake, 200);
  with.offered_pha = true;
  ProbeAttempt without = attempt(4, CertRequestTiming::none, 421);
  without.sni.clear();
  without.sni_comparison = true;
  EXPECT_TRUE(ids(probe_sni_check(), evidence({with, without})).empty());  // Caddy: 421 without SNI
  without.http_status = 403;
  EXPECT_TRUE(ids(probe_sni_check(), evidence({with, without})).empty());
  without.cert_request = CertRequestTiming::renegotiation;
  without.http_status = 200;
  without.client_cert_sent = true;  // asked later, but asked: the content needed the certificate
  EXPECT_TRUE(ids(probe_sni_check(), evidence({with, without})).empty());
  without.client_cert_sent = false;
  without.cert_request = CertRequestTiming::none;
  EXPECT_EQ(ids(probe_sni_check(), evidence({with, without})), std::vector<std::string>{"tls.sni-bindings-differ"});
}

TEST(ProbeChecks, RenegotiationWithoutARequestIsSaidAsSeen) {
  ProbeAttempt a = attempt(2, CertRequestTiming::none, 403);
  a.tls_version = "TLSv1.2";
  a.renegotiations = 1;
  const CheckResult r = probe_request_timing_check().run(evidence({a}), CheckContext{});
  ASSERT_FALSE(r.findings.empty());
  EXPECT_EQ(r.findings[0].id, "tls.no-certificate-request");
  EXPECT_NE(r.findings[0].detail.find("the server did renegotiate (attempt 2: 1 HelloRequest)"), std::string::npos)
      << r.findings[0].detail;
  EXPECT_EQ(r.findings[0].detail.find("not by renegotiation"), std::string::npos);
}

// A handshake that completed and then no answer before the budget ran out is not "no problem".
TEST(ProbeChecks, NoAnswerBeforeTheTimeoutIsReported) {
  ProbeAttempt a = attempt(1, CertRequestTiming::none, std::nullopt, "h2");
  a.timed_out = true;
  a.http_error = "no HTTP/2 answer (the probe's --timeout of 3 s ran out)";
  ProbeAttempt b;
  b.number = 2;
  b.skipped = true;
  b.skip_reason = "no time left: the probe's --timeout of 3 s ran out";
  const CheckResult r = probe_reachability_check().run(evidence({a, b}), CheckContext{});
  ASSERT_EQ(r.findings.size(), 1u);
  EXPECT_EQ(r.findings[0].id, "tls.unreachable");
  EXPECT_NE(r.findings[0].detail.find("1 attempt was not run for lack of time"), std::string::npos) << r.findings[0].detail;
  // An answer was seen: the other checks judge it.
  a.http_status = 200;
  EXPECT_TRUE(ids(probe_reachability_check(), evidence({a, b})).empty());
}

}  // namespace
}  // namespace mtls::checks
