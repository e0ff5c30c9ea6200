// SPDX-License-Identifier: Apache-2.0
// tls.unreachable, tls.handshake-failed, tls.server-cert-untrusted: could the probe talk to the
// server at all, and did the server's own chain verify.
#include <fmt/format.h>

#include "checks/checks.h"
#include "checks/probe_support.h"
#include "knowledge/finding_catalog.h"
#include "knowledge/remedies.h"

namespace mtls::checks {
namespace {

/// A failed handshake that is the server refusing the client's certificate is reported by the
/// certificate checks, not as a generic handshake failure.
bool refused_certificate(const ProbeAttempt& a) {
  if (a.cert_request == CertRequestTiming::none) return false;
  if ((a.client_cert_sent || a.empty_certificate_sent) && probe::dropped_without_answer(a)) return true;
  return a.alert && !a.alert->sent && (probe::is_certificate_alert(a.alert->code) || a.alert->code == 40);
}

CheckResult run(const Evidence& e, const CheckContext&) {
  const ProbeEvidence& p = *e.probe;
  std::vector<Finding> out;
  if (p.attempts.empty()) return CheckResult::skip("the probe made no attempt");
  const ProbeAttempt& first = p.attempts.front();
  if (!first.skipped && !first.connected) {
    Finding f = knowledge::make_finding("tls.unreachable");
    f.detail = fmt::format("{} (after {:.0f} ms). Nothing else could be probed.", first.connect_error, first.connect_ms);
    f.evidence.push_back(probe::attempt_ref(first, "TCP connect"));
    f.remedy.commands = {knowledge::remedies::bash(fmt::format("getent hosts {}", p.host), "", "does the name resolve?"),
                         knowledge::remedies::bash(fmt::format("nc -vz {} {}", p.host, p.port), "", "is the port open from here?")};
    out.push_back(std::move(f));
    return CheckResult::found(std::move(out));
  }
  bool tls13_works = false;
  for (const ProbeAttempt* a : probe::primary(p)) tls13_works = tls13_works || a->tls_version == "TLSv1.3";
  for (const ProbeAttempt* a : probe::primary(p)) {
    if (!a->connected || a->handshake_completed || refused_certificate(*a)) continue;
    // The probe's own TLS 1.2-only attempt refused by a server that speaks TLS 1.3: a fact about
    // the server's versions, not a failure of the user's connection.
    if (a->tls_version_limit == "TLSv1.2" && tls13_works) continue;
    Finding f = knowledge::make_finding("tls.handshake-failed");
    std::string how;
    if (a->alert && a->alert->sent && !a->tls_error.empty()) {
      // An alert the probe's own OpenSSL sent (decode_error when the server closed mid-message)
      // is its reaction; what the server did comes first.
      how = fmt::format("{} (the probe's OpenSSL then sent alert {} ({}))", a->tls_error, a->alert->name, a->alert->code);
    } else if (a->alert) {
      how = fmt::format("alert {} ({})", a->alert_text, probe::alert_meaning(a->alert->code));
    } else if (a->tcp_reset) {
      how = "the server reset the TCP connection";
    } else if (a->timed_out) {
      how = a->tls_error.empty() ? "the handshake timed out" : a->tls_error;
    } else {
      how = a->tls_error.empty() ? "the connection ended" : a->tls_error;
    }
    f.detail = fmt::format("Attempt {} ({}): the TLS handshake failed: {}.{}", a->number, a->purpose, how,
                           a->tls_error.empty() || !a->alert || a->alert->sent ? "" : " OpenSSL: " + a->tls_error + ".");
    f.evidence.push_back(probe::attempt_ref(*a, "TLS handshake"));
    out.push_back(std::move(f));
    break;
  }
  if (out.empty()) {
    // The --timeout budget ran out before the server answered any request: what it does with a
    // client certificate was not seen, which must not read as "no problem".
    const ProbeAttempt* waited = nullptr;
    bool answered = false;
    int not_run = 0;
    for (const ProbeAttempt& a : p.attempts) {
      if (a.skipped && a.skip_reason.rfind("no time left", 0) == 0) ++not_run;
      if (a.skipped || a.sni_comparison) continue;
      answered = answered || a.http_status || a.h2_error || (a.alert && !a.alert->sent);
      if (a.timed_out && !waited) waited = &a;
    }
    if (!answered && (waited || not_run > 0)) {
      Finding f = knowledge::make_finding("tls.unreachable");
      f.detail = fmt::format("The server gave no answer before the probe's --timeout ran out{}{}. What it does with a "
                             "client certificate could not be seen; try a longer --timeout.",
                             waited ? fmt::format(" (attempt {}: {})", waited->number, probe::outcome(*waited)) : "",
                             not_run > 0 ? fmt::format("; {} attempt{} not run for lack of time", not_run, not_run == 1 ? " was" : "s were")
                                         : "");
      if (waited) f.evidence.push_back(probe::attempt_ref(*waited, "no answer in time"));
      out.push_back(std::move(f));
    }
  }
  for (const ProbeAttempt* a : probe::primary(p)) {
    if (a->server_verify_error.empty()) continue;
    Finding f = knowledge::make_finding("tls.server-cert-untrusted");
    f.detail = fmt::format("The server's certificate chain did not verify: {}. Probing went on; give --ca FILE with "
                           "the server's root to check it.",
                           a->server_verify_error);
    f.evidence.push_back(probe::attempt_ref(*a, "server Certificate"));
    out.push_back(std::move(f));
    break;
  }
  return out.empty() ? CheckResult::passed() : CheckResult::found(std::move(out));
}

}  // namespace

Check probe_reachability_check() {
  return {"probe_reachability", Step::none, {"tls.unreachable", "tls.handshake-failed", "tls.server-cert-untrusted"},
          {EvidencePart::probe}, run};
}

}  // namespace mtls::checks
