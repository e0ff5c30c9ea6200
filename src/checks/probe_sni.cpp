// SPDX-License-Identifier: Apache-2.0
// tls.sni-bindings-differ (C10): with and without SNI the server asks differently. On IIS the
// hostname:port and IP:port bindings are separate http.sys bindings, each with its own CTL store
// and clientcertnegotiation flag.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

#include "checks/checks.h"
#include "checks/probe_support.h"
#include "knowledge/finding_catalog.h"
#include "knowledge/remedies.h"

namespace mtls::checks {
namespace {

std::vector<std::string> names(const ProbeAttempt& a) {
  std::vector<std::string> out;
  for (const DistinguishedName& d : a.ca_list) out.push_back(d.der_hex);
  std::sort(out.begin(), out.end());
  return out;
}

CheckResult run(const Evidence& e, const CheckContext&) {
  const ProbeEvidence& p = *e.probe;
  const ProbeAttempt* with = nullptr;
  const ProbeAttempt* without = nullptr;
  for (const ProbeAttempt& a : p.attempts) {
    if (a.skipped || !a.handshake_completed) continue;
    if (a.sni_comparison) {
      without = &a;
    } else if (!a.sni.empty() && a.offered_pha && !with) {
      with = &a;
    }
  }
  if (!with || !without) return CheckResult::skip("no pair of attempts with and without SNI completed a handshake");
  // Asking differently matters only when the path without SNI serves the content without the
  // certificate; a server that answers 421 Misdirected Request (RFC 9110 §15.5.20, Caddy) or
  // otherwise refuses clients without SNI protects the site either way.
  const bool served_without_certificate =
      without->http_status && *without->http_status >= 200 && *without->http_status < 400 && !without->client_cert_sent;
  // The other way the difference matters (an IIS IP:port binding that lost its CTL store while the
  // hostname:port one kept it): the identity the SNI path accepts is refused with 403 without
  // SNI, so clients that send no server name fail. 421 is not a refusal of the certificate.
  const bool accepted_with_sni = std::any_of(p.attempts.begin(), p.attempts.end(), [](const ProbeAttempt& a) {
    return !a.sni_comparison && !a.sni.empty() && a.client_cert_sent && a.http_status && *a.http_status >= 200 &&
           *a.http_status < 300;
  });
  const bool refused_without_sni = without->http_status && *without->http_status == 403;
  if (!served_without_certificate && !(accepted_with_sni && refused_without_sni)) return CheckResult::passed();
  std::vector<std::string> differences;
  if (with->cert_request != without->cert_request) {
    differences.push_back(fmt::format("certificate request {} with SNI, {} without", to_string(with->cert_request),
                                      to_string(without->cert_request)));
  }
  if (names(*with) != names(*without)) {
    differences.push_back(fmt::format("CA list of {} names with SNI, {} without (different names)", with->ca_list.size(),
                                      without->ca_list.size()));
  }
  if (differences.empty()) return CheckResult::passed();
  Finding f = knowledge::make_finding("tls.sni-bindings-differ");
  f.detail = fmt::format("With SNI {} (attempt {}) and without SNI (attempt {}) the server asks differently: {}. Two "
                         "bindings answer this site and they disagree; clients that send no SNI (older ones, some "
                         "libraries) or that do get different treatment.",
                         with->sni, with->number, without->number, fmt::join(differences, "; "));
  f.evidence.push_back(probe::attempt_ref(*with, "with SNI: " + std::string(to_string(with->cert_request))));
  f.evidence.push_back(probe::attempt_ref(*without, "without SNI: " + std::string(to_string(without->cert_request))));
  namespace remedies = knowledge::remedies;
  std::vector<RemedyCommand> commands;
  switch (p.server_software) {
    case ServerSoftware::iis:
      commands = {remedies::netsh_show_sslcert(fmt::format("hostnameport={}:{}", p.host, p.port)),
                  remedies::netsh_show_sslcert(fmt::format("ipport=0.0.0.0:{}", p.port),
                                               "both must show the same Ctl Store Name and Negotiate Client Certificate")};
      break;
    case ServerSoftware::nginx:
      commands = {remedies::config("ssl_verify_client on;", "nginx",
                                   "also in the default server for the port: it answers clients without SNI")};
      break;
    case ServerSoftware::apache:
      commands = {remedies::config("SSLVerifyClient require", "Apache",
                                   "also in the first virtual host for the port: it answers clients without SNI")};
      break;
    default:
      for (RemedyCommand& c : remedies::require_client_certificate(probe::site(p))) {
        c.note += "; also where clients without SNI land (the port's default site)";
        commands.push_back(std::move(c));
      }
  }
  probe::software_remedy(f, p,
                         "Make every name and address of the site (with SNI and without) ask for the client "
                         "certificate the same way, with the same CA list.",
                         std::move(commands));
  return CheckResult::found({std::move(f)});
}

}  // namespace

Check probe_sni_check() {
  return {"probe_sni", Step::C10, {"tls.sni-bindings-differ"}, {EvidencePart::probe}, run};
}

}  // namespace mtls::checks
