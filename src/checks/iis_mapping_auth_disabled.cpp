// SPDX-License-Identifier: Apache-2.0
// C2: mappings are defined at the site level but the authentication that uses them is off where
// the content asks for a certificate: iisClientCertificateMappingAuthentication enabled="false"
// (its default), or the one-to-one / many-to-one switch of the kind of mapping defined is off.
#include <fmt/format.h>

#include "checks/checks.h"
#include "checks/iis_correlation.h"
#include "knowledge/finding_catalog.h"

namespace mtls::checks {
namespace {

constexpr const char* kSection = "system.webServer/security/authentication/iisClientCertificateMappingAuthentication";

CheckResult run(const Evidence& evidence, const CheckContext&) {
  const IisEvidence& e = *evidence.iis;
  if (!e.config_read) return CheckResult::skip("no applicationHost.config or web.config was given (--config)");
  std::vector<Finding> findings;
  for (const IisLocation& site_level : e.locations) {
    if (!site_level.iis_mapping || site_level.iis_mapping->mappings.empty()) continue;
    if (site_level.path.empty() || site_level.path.find('/') != std::string::npos) continue;
    bool many = false;
    bool one = false;
    for (const IisCertificateMapping& m : site_level.iis_mapping->mappings) (m.kind == "manyToOne" ? many : one) = true;
    // The site itself and every location below it that asks for a certificate.
    std::vector<std::string> paths{site_level.path};
    for (const IisLocation& l : e.locations) {
      if (l.path != site_level.path && iis::is_within(l.path, site_level.path)) paths.push_back(l.path);
    }
    for (const std::string& path : paths) {
      const iis::Effective eff = iis::effective_at(e, path);
      const bool wants = eff.access && (eff.access->negotiate_cert || eff.access->require_cert);
      if (path != site_level.path && !wants) continue;
      std::vector<std::string> off;
      if (eff.mapping_enabled != true) off.push_back(eff.mapping_enabled ? "enabled=\"false\"" : "enabled not set (default false)");
      if (many && eff.many_to_one_enabled == false) off.push_back("manyToOneCertificateMappingsEnabled=\"false\"");
      if (one && eff.one_to_one_enabled == false) off.push_back("oneToOneCertificateMappingsEnabled=\"false\"");
      if (off.empty()) continue;
      Finding f = knowledge::make_finding("iis.mapping-auth-disabled");
      std::string why;
      for (const std::string& o : off) why += (why.empty() ? "" : ", ") + o;
      f.detail = fmt::format("\"{}\" defines {} certificate mapping{}, but at \"{}\" iisClientCertificateMappingAuthentication "
                             "has {}: the mappings are never used and clients are refused (401.2 / 403.7).",
                             site_level.path, site_level.iis_mapping->mappings.size(),
                             site_level.iis_mapping->mappings.size() == 1 ? "" : "s", path, why);
      f.evidence.push_back(site_level.iis_mapping->origin);
      if (eff.mapping_origin != site_level.iis_mapping->origin && !eff.mapping_origin.ref.empty()) f.evidence.push_back(eff.mapping_origin);
      std::string cmd = fmt::format("%windir%\\system32\\inetsrv\\appcmd.exe set config \"{}\" -section:{} /enabled:\"True\"", path, kSection);
      if (many) cmd += " /manyToOneCertificateMappingsEnabled:\"True\"";
      if (one) cmd += " /oneToOneCertificateMappingsEnabled:\"True\"";
      f.remedy.commands.push_back(cmd + " /commit:apphost");
      f.remedy.commands.push_back(fmt::format("Set-WebConfigurationProperty -PSPath 'MACHINE/WEBROOT/APPHOST' -Location {} -Filter '{}' "
                                              "-Name 'enabled' -Value 'True'",
                                              iis::ps_quote(path), kSection));
      if (many) {
        f.remedy.commands.push_back(fmt::format("Set-WebConfigurationProperty -PSPath 'MACHINE/WEBROOT/APPHOST' -Location {} -Filter '{}' "
                                                "-Name 'manyToOneCertificateMappingsEnabled' -Value 'True'",
                                                iis::ps_quote(path), kSection));
      }
      if (one) {
        f.remedy.commands.push_back(fmt::format("Set-WebConfigurationProperty -PSPath 'MACHINE/WEBROOT/APPHOST' -Location {} -Filter '{}' "
                                                "-Name 'oneToOneCertificateMappingsEnabled' -Value 'True'",
                                                iis::ps_quote(path), kSection));
      }
      findings.push_back(std::move(f));
    }
  }
  return CheckResult::found(std::move(findings));
}

}  // namespace

Check iis_mapping_auth_disabled_check() {
  return {"iis_mapping_auth_disabled", Step::C2, {"iis.mapping-auth-disabled"}, {EvidencePart::iis}, run};
}

}  // namespace mtls::checks
