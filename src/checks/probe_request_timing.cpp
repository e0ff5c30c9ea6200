// SPDX-License-Identifier: Apache-2.0
// When does the server ask for the certificate (C1, C11): tls.no-certificate-request,
// tls.certificate-request-late, tls.certificate-request-post-handshake,
// tls.renegotiation-blocked-by-http2.
#include <fmt/format.h>

#include "checks/checks.h"
#include "checks/probe_support.h"
#include "knowledge/finding_catalog.h"
#include "knowledge/http2_errors.h"

namespace mtls::checks {
namespace {

const ProbeAttempt* first_with(const std::vector<const ProbeAttempt*>& attempts, CertRequestTiming timing) {
  for (const ProbeAttempt* a : attempts) {
    if (a->cert_request == timing) return a;
  }
  return nullptr;
}

CheckResult run(const Evidence& e, const CheckContext&) {
  const ProbeEvidence& p = *e.probe;
  const std::vector<const ProbeAttempt*> attempts = probe::primary(p);
  bool answered = false;  // a request went out and something came back
  for (const ProbeAttempt* a : attempts) {
    answered = answered || (a->handshake_completed && a->request_sent &&
                            (a->http_status || a->alert || a->h2_error || a->tcp_reset));
  }
  const ProbeAttempt* in_handshake = first_with(attempts, CertRequestTiming::handshake);
  const ProbeAttempt* late = first_with(attempts, CertRequestTiming::renegotiation);
  const ProbeAttempt* post = first_with(attempts, CertRequestTiming::post_handshake);
  if (!in_handshake && !late && !post && !answered) {
    return CheckResult::skip("no attempt completed a handshake and an HTTP exchange");
  }
  std::vector<Finding> out;
  const std::string browser = p.browser_experience.empty() ? "" : " " + p.browser_experience;
  if (!in_handshake && !late && !post) {
    Finding f = knowledge::make_finding("tls.no-certificate-request");
    std::string seen;
    for (const ProbeAttempt* a : attempts) {
      seen += fmt::format("{}attempt {} ({}{}{}): {}", seen.empty() ? "" : "; ", a->number, a->tls_version,
                          a->alpn.empty() ? "" : ", " + a->alpn, a->offered_pha ? ", PHA offered" : "", probe::outcome(*a));
      f.evidence.push_back(probe::attempt_ref(*a, a->request_line.empty() ? "handshake" : a->request_line + " -> " + probe::outcome(*a)));
    }
    const ProbeAttempt* renegotiated = nullptr;
    for (const ProbeAttempt* a : attempts) {
      if (a->renegotiations > 0 && !renegotiated) renegotiated = a;
    }
    // A server may renegotiate and still never ask: an abbreviated (resumed) renegotiation
    // carries no CertificateRequest (RFC 5246 §7.3), as Node's renegotiate() with tickets does.
    const std::string how_renegotiated =
        renegotiated ? fmt::format("the server did renegotiate (attempt {}: {} HelloRequest{}) but that handshake "
                                   "carried no CertificateRequest (an abbreviated, resumed handshake asks for nothing)",
                                   renegotiated->number, renegotiated->renegotiations,
                                   renegotiated->renegotiations == 1 ? "" : "s")
                     : std::string("not by renegotiation after the request");
    f.detail = fmt::format("No CertificateRequest came for {}: not in the handshake, {}, not by post-handshake "
                           "authentication. Seen: {}.",
                           p.path, how_renegotiated, seen);
    probe::require_in_handshake(f, p);
    out.push_back(std::move(f));
  }
  if (!in_handshake && late) {
    Finding f = knowledge::make_finding("tls.certificate-request-late");
    f.detail = fmt::format("The handshake of attempt {} ({}) had no CertificateRequest; after `{}` the server sent a "
                           "HelloRequest and asked for the certificate in the renegotiation. Clients on HTTP/2 or "
                           "TLS 1.3 cannot renegotiate, so they are never asked.{}",
                           late->number, late->tls_version, late->request_line, browser);
    f.evidence.push_back(probe::attempt_ref(*late, late->request_line + " -> HelloRequest"));
    probe::require_in_handshake(f, p);
    out.push_back(std::move(f));
  }
  if (!in_handshake && post) {
    Finding f = knowledge::make_finding("tls.certificate-request-post-handshake");
    f.detail = fmt::format("Under TLS 1.3 the server asked for the certificate only after `{}`, by post-handshake "
                           "authentication (RFC 8446 §4.6.2), which attempt {} offered. Browsers do not offer it "
                           "and HTTP/2 forbids it (RFC 8740), so they are never asked.{}",
                           post->request_line, post->number, browser);
    if (!post->http_status) f.detail += fmt::format(" Attempt {} got no HTTP answer: {}.", post->number, probe::outcome(*post));
    f.evidence.push_back(probe::attempt_ref(*post, post->request_line + " -> CertificateRequest (post-handshake)"));
    probe::require_in_handshake(f, p);
    out.push_back(std::move(f));
  }
  // The browser-like attempt got h2 and no request, while HTTP/1.1 attempts were asked later (or
  // the server told it to retry on HTTP/1.1): renegotiation cannot happen on HTTP/2 (RFC 7540
  // §9.2.1), so the browser is never asked.
  const ProbeAttempt& first = p.attempts.front();
  if (!first.skipped && first.alpn == "h2" && first.cert_request == CertRequestTiming::none && !in_handshake &&
      (late || post || (first.h2_error && *first.h2_error == knowledge::kHttp2Http11Required))) {
    Finding f = knowledge::make_finding("tls.renegotiation-blocked-by-http2");
    f.detail = fmt::format("Attempt 1 negotiated HTTP/2 and was never asked for a certificate ({}), while the server "
                           "asks only later on HTTP/1.1{}. HTTP/2 forbids renegotiation after the connection preface "
                           "(RFC 7540 §9.2.1), so a browser using h2 gets the error without ever being asked.",
                           probe::outcome(first),
                           late ? fmt::format(" (attempt {}: renegotiation)", late->number)
                                : post ? fmt::format(" (attempt {}: post-handshake)", post->number) : "");
    f.evidence.push_back(probe::attempt_ref(first, first.request_line + " -> " + probe::outcome(first)));
    probe::require_in_handshake(f, p);
    out.push_back(std::move(f));
  }
  return out.empty() ? CheckResult::passed() : CheckResult::found(std::move(out));
}

}  // namespace

Check probe_request_timing_check() {
  return {"probe_request_timing",
          Step::C11,
          {"tls.no-certificate-request", "tls.certificate-request-late", "tls.certificate-request-post-handshake",
           "tls.renegotiation-blocked-by-http2"},
          {EvidencePart::probe},
          run};
}

}  // namespace mtls::checks
