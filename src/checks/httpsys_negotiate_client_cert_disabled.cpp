// SPDX-License-Identifier: Apache-2.0
// C11: a site asks for client certificates (SslNegotiateCert / SslRequireCert) but the http.sys
// binding that serves it has Negotiate Client Certificate disabled, so the certificate is
// requested only by renegotiation after the request: impossible over HTTP/2 and TLS 1.3, and seen
// as "500 0 64" before the 403.7 in the W3C log.
#include <fmt/format.h>

#include "checks/checks.h"
#include "checks/iis_correlation.h"
#include "knowledge/finding_catalog.h"
#include "knowledge/remedies.h"

namespace mtls::checks {
namespace {

CheckResult run(const Evidence& evidence, const CheckContext&) {
  const IisEvidence& e = *evidence.iis;
  if (!e.bindings_read) return CheckResult::skip("no http.sys bindings were given (--sslcert netsh.txt or --registry SYSTEM)");
  if (e.sites.empty()) return CheckResult::skip("no sites: give applicationHost.config (--config) to know which bindings serve client-certificate content");
  // The binding's negotiation matters only for content that asks for a certificate (C11).
  if (!iis::any_site_wants_client_certificate(e)) return CheckResult::skip(std::string(iis::kNoSiteWantsCertificate));
  std::vector<Finding> findings;
  for (const IisSite& site : e.sites) {
    if (!iis::site_wants_client_certificate(e, site.name)) continue;
    for (const HttpSysBinding* b : iis::bindings_serving_site(e, site)) {
      if (b->negotiate_client_certificate != false) continue;
      Finding f = knowledge::make_finding("httpsys.negotiate-client-cert-disabled");
      f.detail = fmt::format("Site \"{}\" asks for client certificates, but the http.sys binding {} {} that serves it has "
                             "Negotiate Client Certificate disabled: the certificate is requested only by renegotiation "
                             "after the HTTP request, which HTTP/2 forbids and TLS 1.3 cannot do (logged as 500 0 64, then 403.7).",
                             site.name, to_string(b->kind), b->endpoint);
      f.evidence.push_back(b->origin);
      f.evidence.push_back(site.origin);
      f.remedy.commands.push_back(knowledge::remedies::netsh_update_sslcert(*b, {.clientcertnegotiation = true}));
      findings.push_back(std::move(f));
    }
  }
  return CheckResult::found(std::move(findings));
}

}  // namespace

Check httpsys_negotiate_client_cert_disabled_check() {
  return {"httpsys_negotiate_client_cert_disabled", Step::C11, {"httpsys.negotiate-client-cert-disabled"}, {EvidencePart::iis}, run};
}

}  // namespace mtls::checks
