// SPDX-License-Identifier: Apache-2.0
// C1: client-certificate mapping is enabled for content whose sslFlags neither require
// (SslRequireCert) nor accept (SslNegotiateCert) a client certificate: IIS never asks for one, so
// the mapping never sees a certificate (step C1: the server must require or request it).
#include <fmt/format.h>

#include "checks/checks.h"
#include "checks/iis_correlation.h"
#include "knowledge/finding_catalog.h"
#include "knowledge/remedies.h"

namespace mtls::checks {
namespace {

CheckResult run(const Evidence& evidence, const CheckContext&) {
  const IisEvidence& e = *evidence.iis;
  if (!e.config_read) return CheckResult::skip("no applicationHost.config or web.config was given (--config)");
  std::vector<Finding> findings;
  for (const IisLocation& l : e.locations) {
    if (l.path.empty()) continue;  // the server level is judged where sites and applications inherit it
    const bool sets_something = l.access || l.iis_mapping || l.client_certificate_mapping_authentication;
    if (!sets_something) continue;
    const iis::Effective eff = iis::effective_at(e, l.path);
    const bool mapping = eff.mapping_enabled == true || eff.ad_mapping_enabled == true;
    if (!mapping || (eff.access && (eff.access->require_cert || eff.access->negotiate_cert))) continue;
    Finding f = knowledge::make_finding("iis.ssl-cert-not-required");
    const std::string current = eff.access ? eff.access->text : std::string("(not set: None)");
    const char* which = eff.mapping_enabled == true ? "iisClientCertificateMappingAuthentication"
                                                    : "clientCertificateMappingAuthentication";
    f.detail = fmt::format("{} is enabled for \"{}\" but its sslFlags are \"{}\": neither SslRequireCert nor "
                           "SslNegotiateCert is set, so IIS never asks the client for a certificate and the mapping "
                           "has nothing to map.",
                           which, l.path, current);
    f.evidence.push_back(eff.mapping_enabled == true ? eff.mapping_origin : eff.ad_mapping_origin);
    if (eff.access) f.evidence.push_back(eff.access->origin);
    f.remedy.commands = knowledge::remedies::iis_set_config(l.path, "system.webServer/security/access", "sslFlags",
                                                 "Ssl, SslNegotiateCert, SslRequireCert", "Ssl,SslNegotiateCert,SslRequireCert");
    findings.push_back(std::move(f));
  }
  // C1 holds where a site asks for the certificate; a configuration where nothing does shows
  // nothing of the kind (sslFlags="0" on a binding is not <access sslFlags>).
  if (findings.empty() && !iis::any_site_wants_client_certificate(e)) {
    return CheckResult::skip(std::string(iis::kNoSiteWantsCertificate));
  }
  return CheckResult::found(std::move(findings));
}

}  // namespace

Check iis_ssl_cert_not_required_check() {
  return {"iis_ssl_cert_not_required", Step::C1, {"iis.ssl-cert-not-required"}, {EvidencePart::iis}, run};
}

}  // namespace mtls::checks
