// SPDX-License-Identifier: Apache-2.0
// diagnose.sources-disagree (C11): the exported binding that serves the probed address says
// "Negotiate Client Certificate: Enabled", yet the live server asked for the certificate only after
// the handshake (or, disabled, asked in the handshake). The two facts cannot both describe one
// http.sys binding answering directly: the export is from elsewhere, or something else answers.
#include <fmt/format.h>

#include "checks/binding_match.h"
#include "checks/checks.h"
#include "knowledge/finding_catalog.h"
#include "knowledge/remedies.h"

namespace mtls::checks {
namespace {

/// How the live server asked over its attempts: in the handshake at least once, only later, or never.
enum class Asked { in_handshake, only_later, never };

Asked how_asked(const ProbeEvidence& probe, const ProbeAttempt** example) {
  bool later = false;
  for (const ProbeAttempt& a : probe.attempts) {
    if (a.cert_request == CertRequestTiming::handshake) {
      *example = &a;
      return Asked::in_handshake;
    }
    if (a.cert_request == CertRequestTiming::renegotiation || a.cert_request == CertRequestTiming::post_handshake) {
      later = true;
      *example = &a;
    }
  }
  return later ? Asked::only_later : Asked::never;
}

CheckResult run(const Evidence& evidence, const CheckContext&) {
  const ProbeEvidence& probe = *evidence.probe;
  const IisEvidence& iis = *evidence.iis;
  if (!iis.bindings_read) return CheckResult::skip("no http.sys bindings were given (netsh http show sslcert output)");
  std::string sni;
  for (const ProbeAttempt& a : probe.attempts) {
    if (!a.sni.empty()) sni = a.sni;
  }
  const BindingMatch match = match_binding(iis.bindings, sni, probe.address, probe.port);
  if (match.binding == nullptr) {
    return CheckResult::skip(fmt::format("no exported binding serves port {} of the probed server", probe.port));
  }
  const std::optional<bool> negotiate = match.binding->negotiate_client_certificate;
  if (!negotiate) return CheckResult::skip("the binding does not say whether it negotiates the client certificate");
  const ProbeAttempt* example = nullptr;
  const Asked asked = how_asked(probe, &example);
  if (asked == Asked::never || example == nullptr) return CheckResult::passed();
  const bool disagree = (*negotiate && asked == Asked::only_later) || (!*negotiate && asked == Asked::in_handshake);
  if (!disagree) return CheckResult::passed();
  Finding f = knowledge::make_finding("diagnose.sources-disagree");
  f.detail = fmt::format(
      "The binding that serves {} ({}) says Negotiate Client Certificate: {}, but the probe saw the server ask for "
      "the certificate {}. A binding that negotiates the certificate asks in the initial handshake; one that does not "
      "asks only by renegotiation. So either this export is from another server or binding than the one answering "
      "{}, or a device in front of it (load balancer, proxy) terminates TLS.",
      probe.address, match.how, *negotiate ? "Enabled" : "Disabled",
      asked == Asked::in_handshake ? "in the initial handshake" : "only after the handshake", probe.target);
  f.evidence.push_back(at_input("netsh", match.binding->endpoint,
                                fmt::format("{} {}: Negotiate Client Certificate {}", to_string(match.binding->kind),
                                            match.binding->endpoint, *negotiate ? "Enabled" : "Disabled")));
  f.evidence.push_back(at_attempt(example->number, fmt::format("CertificateRequest: {}", to_string(example->cert_request)),
                                  fmt::format("{} over {}", example->tls_version, example->alpn.empty() ? "HTTP/1.1" : example->alpn)));
  f.remedy.commands = {knowledge::remedies::netsh_show_sslcert(
      knowledge::remedies::netsh_key(*match.binding), "on the server that answers this address: compare with the export")};
  return CheckResult::found({std::move(f)});
}

}  // namespace

Check diagnose_sources_disagree_check() {
  return {"diagnose_sources_disagree", Step::C11, {"diagnose.sources-disagree"}, {EvidencePart::probe, EvidencePart::iis},
          run};
}

}  // namespace mtls::checks
