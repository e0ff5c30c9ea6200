// SPDX-License-Identifier: Apache-2.0
// What the server said in HTTP (C3, C7, C2): http.client-cert-required, http.client-cert-rejected,
// http.mapping-denied, from the status, IIS's substatus in the error page, and nginx's 400 pages.
#include <fmt/format.h>

#include "checks/checks.h"
#include "checks/probe_support.h"
#include "knowledge/finding_catalog.h"
#include "knowledge/remedies.h"

namespace mtls::checks {
namespace {

bool required(const ProbeAttempt& a) {
  return a.iis_substatus == "403.7" || (a.http_status == 496) ||
         a.server_reason == "No required SSL certificate was sent";
}

bool nginx_reason(const ProbeAttempt& a) {
  return a.server_reason == "No required SSL certificate was sent" || a.server_reason == "The SSL certificate error" ||
         a.server_reason == "SSL certificate error";
}

/// 401 or 403 on a connection whose handshake took the client's certificate: whatever the server
/// software, the refusal came after TLS, from the application.
bool refused_after_handshake(const ProbeAttempt& a) {
  return a.client_cert_sent && a.handshake_completed && a.iis_substatus.empty() &&
         (a.http_status == 401 || a.http_status == 403);
}

bool rejected(const ProbeAttempt& a) {
  return a.iis_substatus == "403.13" || a.iis_substatus == "403.16" || a.iis_substatus == "403.17" ||
         a.http_status == 495 || a.server_reason == "The SSL certificate error" || a.server_reason == "SSL certificate error" ||
         (refused_after_handshake(a) && !a.server_reason.empty() && !nginx_reason(a));
}

bool mapping(const ProbeAttempt& a) {
  return a.iis_substatus == "403.12" || (a.client_cert_sent && a.iis_substatus.rfind("401.", 0) == 0) ||
         (refused_after_handshake(a) && a.server_reason.empty());
}

CheckResult run(const Evidence& e, const CheckContext&) {
  const ProbeEvidence& p = *e.probe;
  std::vector<Finding> out;
  bool any_status = false;
  bool done_required = false;
  bool done_rejected = false;
  bool done_mapping = false;
  for (const ProbeAttempt* a : probe::presenting(p)) {
    if (!a->http_status) continue;
    any_status = true;
    const EvidenceRef ref = probe::attempt_ref(*a, a->request_line + " -> " + probe::outcome(*a));
    if (required(*a) && !done_required) {
      done_required = true;
      Finding f = knowledge::make_finding("http.client-cert-required");
      f.detail = fmt::format("Attempt {} got {}: the server wanted a client certificate and {}.", a->number, probe::outcome(*a),
                             a->client_cert_sent ? "did not get one it could use"
                             : a->cert_request == CertRequestTiming::none ? "never asked for one on this connection"
                                                                          : "none was sent");
      if (!p.identity_given) f.detail += " No client identity was given to the probe (--cert/--key or --pfx).";
      f.evidence.push_back(ref);
      if (a->cert_request == CertRequestTiming::none && a->with_identity) probe::require_in_handshake(f, p);
      out.push_back(std::move(f));
    }
    if (rejected(*a) && !done_rejected) {
      done_rejected = true;
      Finding f = knowledge::make_finding("http.client-cert-rejected");
      std::string why = a->iis_substatus == "403.13" ? "revoked (IIS 403.13)"
                        : a->iis_substatus == "403.16" ? "untrusted or invalid (IIS 403.16)"
                        : a->iis_substatus == "403.17" ? "expired or not yet valid (IIS 403.17)"
                        : a->http_status == 495 ? "failed verification (nginx 495)"
                        : nginx_reason(*a)      ? "failed verification (nginx: \"" + a->server_reason + "\")"
                                                : "failed verification (the error page says \"" + a->server_reason + "\")";
      f.detail = fmt::format("Attempt {} sent the certificate and the server answered {}: the certificate was {}. The "
                             "server's error log names the verification error.",
                             a->number, probe::outcome(*a), why);
      f.evidence.push_back(ref);
      std::vector<RemedyCommand> commands = knowledge::remedies::refusal_log(p.server_software);
      for (RemedyCommand& c : knowledge::remedies::trust_client_issuer(
               probe::site(p), "if the server does not trust the client's CA, add it")) {
        commands.push_back(std::move(c));
      }
      probe::software_remedy(f, p,
                             "Check the certificate with mtls-doctor cert FILE --trust SERVER-CA; the server's error "
                             "log names the verification error.",
                             std::move(commands));
      out.push_back(std::move(f));
    }
    if (mapping(*a) && !done_mapping) {
      done_mapping = true;
      Finding f = knowledge::make_finding("http.mapping-denied");
      if (!a->iis_substatus.empty()) {
        f.detail = fmt::format("Attempt {} got {}: TLS accepted the certificate and the certificate-to-account mapping "
                               "refused it.",
                               a->number, probe::outcome(*a));
      } else {
        // Not IIS: the status alone does not say whether a mapping, an authorization rule or
        // the application's own check of the certificate refused it.
        f.detail = fmt::format("Attempt {} sent the client certificate, the TLS handshake completed with it, and the "
                               "server answered {}{}: the refusal came after TLS, from the server's certificate-to-user "
                               "mapping, its authorization rules, or the application's own check of the certificate. "
                               "The server's log says which.",
                               a->number, probe::outcome(*a),
                               a->server_header.empty() ? "" : " (Server: " + a->server_header + ")");
      }
      f.evidence.push_back(ref);
      if (p.server_software != ServerSoftware::iis) {
        // Not IIS's account mapping: whatever refused it after TLS is the server's or the application's rule.
        probe::software_remedy(f, p,
                               "Check the server's authorization rules for the certificate (subject, issuer) and the "
                               "application's own check of it; the server's log says which refused it.",
                               {});
      }
      out.push_back(std::move(f));
    }
  }
  if (!any_status) return CheckResult::skip("no HTTP status was received");
  return out.empty() ? CheckResult::passed() : CheckResult::found(std::move(out));
}

}  // namespace

Check probe_http_status_check() {
  return {"probe_http_status", Step::C3, {"http.client-cert-required", "http.client-cert-rejected", "http.mapping-denied"},
          {EvidencePart::probe}, run};
}

}  // namespace mtls::checks
