// SPDX-License-Identifier: Apache-2.0
// What happened to the client's certificate on the wire (C3, C6, C7): tls.client-cert-not-sent,
// tls.client-chain-not-sent, tls.client-cert-rejected.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

#include "checks/checks.h"
#include "checks/probe_support.h"
#include "knowledge/finding_catalog.h"
#include "knowledge/remedies.h"

namespace mtls::checks {
namespace {

bool refused_by_alert(const ProbeAttempt& a) {
  return a.alert && !a.alert->sent && (probe::is_certificate_alert(a.alert->code) || a.alert->code == 40);
}

bool refused_by_status(const ProbeAttempt& a) {
  if (!a.http_status) return false;
  const int s = *a.http_status;
  return a.iis_substatus == "403.7" || a.iis_substatus == "403.13" || a.iis_substatus == "403.16" ||
         a.iis_substatus == "403.17" || s == 495 || s == 496 || (s == 400 && !a.server_reason.empty());
}

/// A refusal that points at the chain: the server could not reach a trusted CA.
bool chain_refusal(const ProbeAttempt& a) {
  return (a.alert && !a.alert->sent && (a.alert->code == 48 || a.alert->code == 46 || a.alert->code == 42)) ||
         a.iis_substatus == "403.16" || a.server_reason == "The SSL certificate error" || a.server_reason == "SSL certificate error" ||
         (a.http_status && *a.http_status == 495);
}

CheckResult run(const Evidence& e, const CheckContext&) {
  const ProbeEvidence& p = *e.probe;
  std::vector<Finding> out;
  const auto attempts = probe::presenting(p);
  const ProbeAttempt* asked = nullptr;
  for (const ProbeAttempt* a : attempts) {
    if (a->cert_request != CertRequestTiming::none) {
      asked = a;
      break;
    }
  }
  if (!asked) return CheckResult::skip("the server sent no CertificateRequest to an attempt that could answer it");

  if (!p.identity_given) {
    // The probe had nothing to send: say so if the server then refused.
    for (const ProbeAttempt* a : attempts) {
      const bool dropped = a->empty_certificate_sent && probe::dropped_without_answer(*a);
      // An empty Certificate then 401/403, on any server: the refusal is for the missing certificate.
      const bool forbidden = a->empty_certificate_sent && (a->http_status == 401 || a->http_status == 403);
      if (a->cert_request == CertRequestTiming::none || !(refused_by_alert(*a) || refused_by_status(*a) || dropped || forbidden)) {
        continue;
      }
      Finding f = knowledge::make_finding("tls.client-cert-not-sent");
      // The probe sent nothing because it was given nothing: a fact about this probe, not a cause
      // on the server or the client. Ranked after what the server does wrong (late request, CA list).
      f.role = Role::context;
      const std::string refused =
          !dropped ? fmt::format("refused the connection without one ({})", probe::outcome(*a))
              : fmt::format("{} the connection after the empty Certificate, without an HTTP answer or an alert the "
                            "probe could read",
                            probe::drop_verb(*a));
      f.detail = fmt::format("The server asked for a client certificate ({}) and {}. No client identity was given to "
                             "the probe: give --cert/--key or --pfx to see what the server makes of yours.",
                             to_string(a->cert_request), refused);
      f.evidence.push_back(probe::attempt_ref(*a, "Certificate (empty) -> " + probe::outcome(*a)));
      f.remedy.commands = {
          knowledge::remedies::bash(fmt::format("mtls-doctor probe {} --cert client.pem --key client.key --chain intermediates.pem", p.target))};
      out.push_back(std::move(f));
      break;
    }
    return out.empty() ? CheckResult::passed() : CheckResult::found(std::move(out));
  }

  for (const ProbeAttempt* a : attempts) {
    if (!a->with_identity || a->cert_request == CertRequestTiming::none) continue;
    if (a->empty_certificate_sent && !a->client_cert_sent) {
      Finding f = knowledge::make_finding("tls.client-cert-not-sent");
      f.detail = fmt::format("Attempt {}: the server asked ({}) and the client answered with an empty Certificate "
                             "although an identity was loaded: its key type or signature algorithm matches none the "
                             "server accepts (signature algorithms: {}).",
                             a->number, to_string(a->cert_request),
                             a->signature_algorithms.empty() ? "none listed" : fmt::format("{}", fmt::join(a->signature_algorithms, ", ")));
      f.evidence.push_back(probe::attempt_ref(*a, "Certificate (empty)"));
      out.push_back(std::move(f));
      break;
    }
  }

  const CertificateFacts* leaf = nullptr;
  if (e.certificates && !e.certificates->certificates.empty()) leaf = &e.certificates->certificates.front();
  for (const ProbeAttempt* a : attempts) {
    if (!a->client_cert_sent) continue;
    const bool by_alert = refused_by_alert(*a);
    const bool by_status = refused_by_status(*a) && a->iis_substatus != "403.7" && a->server_reason != "No required SSL certificate was sent";
    const bool dropped = !by_alert && !by_status && probe::dropped_without_answer(*a);
    if (!by_alert && !by_status && !dropped) continue;
    if (a->client_chain_sent == 1 && leaf && !leaf->self_signed && chain_refusal(*a)) {
      Finding f = knowledge::make_finding("tls.client-chain-not-sent");
      // Only the leaf is known: its issuer may be an intermediate the server lacks, or a root the
      // server does not trust (then sending it changes nothing). A hypothesis, ranked after the
      // server's own refusal.
      f.role = Role::context;
      f.detail = fmt::format("Attempt {} sent only the leaf certificate ({}, issued by {}) and the server refused it "
                             "({}). If {} is an intermediate, the server cannot reach a trusted root without it: the "
                             "client must send it or the server must hold it. If it is a root, the server does not "
                             "trust it and sending it changes nothing (see tls.client-cert-rejected).",
                             a->number, leaf->subject, leaf->issuer, probe::outcome(*a), leaf->issuer);
      f.evidence.push_back(probe::attempt_ref(*a, "Certificate (1 certificate) -> " + probe::outcome(*a)));
      f.evidence.push_back(leaf->origin);
      namespace remedies = knowledge::remedies;
      const remedies::ServerSite site = probe::site(p);
      std::vector<RemedyCommand> commands = {remedies::bash(
          fmt::format("mtls-doctor probe {} --cert client.pem --key client.key --chain intermediates.pem", p.target), "",
          fmt::format("if it is an intermediate, send the chain: intermediates.pem holds \"{}\" (or a PFX that has it)",
                      leaf->issuer))};
      if (site.software == ServerSoftware::iis) {
        commands.push_back(remedies::certutil_addstore("CA", "intermediate.cer", "or install the intermediate on the server"));
      } else if (site.software == ServerSoftware::nginx) {
        commands.push_back(remedies::config("ssl_trusted_certificate /etc/nginx/intermediates.pem;", "nginx",
                                            "or install it on the server"));
      } else {
        for (RemedyCommand& c : remedies::trust_client_issuer(site, "or add the intermediate on the server")) {
          commands.push_back(std::move(c));
        }
      }
      probe::software_remedy(f, p,
                             "Make the client send its chain (--chain, or a PKCS#12 with the intermediates), or give "
                             "the server the intermediate.",
                             std::move(commands));
      out.push_back(std::move(f));
    }
    Finding f = knowledge::make_finding("tls.client-cert-rejected");
    const std::string sent = fmt::format("Attempt {} sent the client certificate{} ({} certificate{})", a->number,
                                         leaf ? " " + leaf->subject : "", a->client_chain_sent,
                                         a->client_chain_sent == 1 ? "" : "s");
    if (dropped) {
      // No alert was read: say what was seen, and what it most likely means.
      f.detail = fmt::format("{} and the server then {} the connection {}, with no HTTP answer and no alert the "
                             "probe could read: the server most likely refused the certificate. Its error log says "
                             "why.",
                             sent, probe::drop_verb(*a), a->handshake_completed ? "after the handshake" : "during the handshake");
    } else {
      const std::string reason = by_alert ? probe::alert_meaning(a->alert->code) : probe::outcome(*a);
      f.detail = fmt::format("{} and the server refused it: {}.", sent, reason);
    }
    f.evidence.push_back(probe::attempt_ref(*a, "Certificate -> " + probe::outcome(*a)));
    std::vector<RemedyCommand> commands = {
        knowledge::remedies::bash("mtls-doctor cert CLIENT.pem --key CLIENT.key --chain CHAIN.pem --trust SERVER-CA.pem", "",
                                  "lists what the server can object to")};
    for (RemedyCommand& c : knowledge::remedies::trust_client_issuer(
             probe::site(p), "if the server does not trust the client's CA, add it (root, and intermediates it lacks)")) {
      commands.push_back(std::move(c));
    }
    for (RemedyCommand& c : knowledge::remedies::refusal_log(p.server_software)) commands.push_back(std::move(c));
    probe::software_remedy(f, p,
                           "Read the reason the server gave and fix the certificate, its chain or the CAs the server "
                           "trusts for client certificates accordingly.",
                           std::move(commands));
    out.push_back(std::move(f));
    break;
  }
  return out.empty() ? CheckResult::passed() : CheckResult::found(std::move(out));
}

}  // namespace

Check probe_client_cert_check() {
  return {"probe_client_cert", Step::C3, {"tls.client-cert-not-sent", "tls.client-chain-not-sent", "tls.client-cert-rejected"},
          {EvidencePart::probe}, run};
}

}  // namespace mtls::checks
