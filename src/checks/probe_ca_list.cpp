// SPDX-License-Identifier: Apache-2.0
// The CertificateRequest's certificate_authorities (C8): tls.ca-list-empty (probe only) and
// tls.ca-list-excludes-client-chain (probe + the presented identity).
#include <fmt/format.h>

#include "checks/ca_list_match.h"
#include "checks/checks.h"
#include "checks/probe_support.h"
#include "knowledge/finding_catalog.h"
#include "knowledge/remedies.h"

namespace mtls::checks {
namespace {

/// The attempt whose CertificateRequest speaks for the user's connection.
const ProbeAttempt* requesting(const ProbeEvidence& p) {
  const ProbeAttempt* found = nullptr;
  for (const ProbeAttempt* a : probe::primary(p)) {
    if (a->cert_request == CertRequestTiming::none) continue;
    if (!found || (a->with_identity && !found->with_identity)) found = a;
  }
  return found;
}

CheckResult run_empty(const Evidence& e, const CheckContext&) {
  const ProbeAttempt* a = requesting(*e.probe);
  if (!a) return CheckResult::skip("the server sent no CertificateRequest");
  if (!a->ca_names.empty()) return CheckResult::passed();
  Finding f = knowledge::make_finding("tls.ca-list-empty");
  f.detail = fmt::format("The CertificateRequest of attempt {} ({}) names no certificate authorities: a client may "
                         "offer any certificate (RFC 5246 §7.4.4), and browsers list every client certificate the "
                         "user has.",
                         a->number, to_string(a->cert_request));
  f.evidence.push_back(probe::attempt_ref(*a, "CertificateRequest certificate_authorities: empty"));
  return CheckResult::holds({std::move(f)});  // C8: the list is absent
}

// A client that filters by the list offers a certificate when any certificate of its chain is
// issued by, or is, a listed CA; the shared matcher compares DER-exact, then canonically, and
// explains near misses (same CN, a renewed CA).
CheckResult run_excludes(const Evidence& e, const CheckContext&) {
  const ProbeAttempt* a = requesting(*e.probe);
  if (!a) return CheckResult::skip("the server sent no CertificateRequest");
  if (a->ca_list.empty()) return CheckResult::skip("the CertificateRequest names no CAs (see tls.ca-list-empty)");
  const auto& chain = e.certificates->certificates;
  if (chain.empty()) return CheckResult::skip("no client certificate given");
  const CaListVerdict verdict = match_ca_list(chain, a->ca_list);
  if (verdict.matched) return CheckResult::passed();
  Finding f = knowledge::make_finding("tls.ca-list-excludes-client-chain");
  std::string issuers;
  for (const CertificateFacts& c : chain) issuers += fmt::format("{}{}", issuers.empty() ? "" : "; ", c.issuer);
  f.detail = fmt::format("The server's CertificateRequest (attempt {}) lists {} CA name{} ({} bytes), none of which "
                         "issued the client certificate or its chain (issuers: {}). Clients that filter by the list "
                         "(browsers, Schannel, .NET) offer nothing.",
                         a->number, a->ca_list.size(), a->ca_list.size() == 1 ? "" : "s", a->ca_names_bytes, issuers);
  for (const std::string& near : verdict.near_misses) f.detail += " " + near;
  if (!chain.back().self_signed) {
    // The chain the tool holds stops below its root: a listed name may be an ancestor of the top
    // certificate held (a client that builds its chain from its own store would then match), so
    // the exclusion cannot be decided, and it ranks after what the server itself did.
    f.severity = Severity::warning;
    f.role = Role::context;
    f.detail += fmt::format(" The chain held ends at {}, issued by {}, which is not given: if a listed CA is above "
                            "it, clients that build the chain from their own store do match, so this cannot be "
                            "decided without the rest of the chain (give it with --chain).",
                            chain.back().subject, chain.back().issuer);
  }
  f.evidence.push_back(probe::attempt_ref(*a, fmt::format("CertificateRequest certificate_authorities ({} names)", a->ca_list.size())));
  f.evidence.push_back(chain.front().origin);
  namespace remedies = knowledge::remedies;
  const remedies::ServerSite site = probe::site(*e.probe);
  std::vector<RemedyCommand> commands =
      remedies::trust_client_issuer(site, fmt::format("add the issuer of {} to it", chain.front().subject));
  if (site.software == ServerSoftware::nginx) {
    commands.back().note += "; ssl_trusted_certificate verifies without listing";
  } else if (site.software == ServerSoftware::apache) {
    commands.push_back(remedies::config("SSLCADNRequestFile /etc/apache2/client-ca-names.pem", "Apache",
                                        "or list the names from another file than the one that verifies"));
  } else if (site.software == ServerSoftware::iis) {
    commands.push_back(remedies::reg_add_dword(remedies::kSchannelKey, "SendTrustedIssuerList", 0, "or send no list"));
  }
  probe::software_remedy(f, *e.probe,
                         "Add the client's issuing CA to the CA list the server sends (on most servers the CA file "
                         "it verifies client certificates with), or use a client certificate from a listed CA.",
                         std::move(commands));
  return CheckResult::found({std::move(f)});
}

}  // namespace

Check probe_ca_list_empty_check() {
  return {"probe_ca_list_empty", Step::C8, {"tls.ca-list-empty"}, {EvidencePart::probe}, run_empty};
}

Check probe_ca_list_excludes_check() {
  return {"probe_ca_list_excludes", Step::C8, {"tls.ca-list-excludes-client-chain"},
          {EvidencePart::probe, EvidencePart::certificates}, run_excludes};
}

}  // namespace mtls::checks
