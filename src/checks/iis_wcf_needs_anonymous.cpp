// SPDX-License-Identifier: Apache-2.0
// C14: a WCF service with transport security and client certificates, hosted in IIS, also needs
// anonymous authentication enabled: WCF authenticates the certificate itself and IIS must let the
// request reach it (WCF hosting in IIS; IIS support guidance on client certificates with WCF).
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
    if (!l.wcf_transport_certificate && !l.wcf_svc_handler) continue;
    const iis::Effective eff = iis::effective_at(e, l.path);
    const bool wants_cert = eff.access && (eff.access->negotiate_cert || eff.access->require_cert);
    // A .svc handler alone is any WCF service; it matters here when the content takes certificates.
    if (!l.wcf_transport_certificate && !wants_cert) continue;
    if (eff.anonymous != false) continue;  // enabled, or inherited from the default (enabled)
    Finding f = knowledge::make_finding("iis.wcf-needs-anonymous");
    const std::string where = l.path.empty() ? std::string("the configuration's root") : "\"" + l.path + "\"";
    f.detail = fmt::format("{} hosts a WCF service {} while anonymousAuthentication is disabled there: IIS rejects "
                           "the request before WCF can authenticate the client certificate.",
                           where,
                           l.wcf_transport_certificate ? "with transport security and clientCredentialType=\"Certificate\""
                                                       : "(a *.svc handler) on content that takes client certificates");
    if (l.wcf_transport_certificate) f.evidence.push_back(*l.wcf_transport_certificate);
    if (l.wcf_svc_handler) f.evidence.push_back(*l.wcf_svc_handler);
    f.evidence.push_back(eff.anonymous_origin);
    if (!l.path.empty()) {
      f.remedy.commands = knowledge::remedies::iis_set_config(
          l.path, "system.webServer/security/authentication/anonymousAuthentication", "enabled", "True", "True");
    }
    findings.push_back(std::move(f));
  }
  return CheckResult::found(std::move(findings));
}

}  // namespace

Check iis_wcf_needs_anonymous_check() {
  return {"iis_wcf_needs_anonymous", Step::C14, {"iis.wcf-needs-anonymous"}, {EvidencePart::iis}, run};
}

}  // namespace mtls::checks
