// SPDX-License-Identifier: Apache-2.0
// C2: mappings are defined at the site level but the authentication that uses them is off where
// the content asks for a certificate: iisClientCertificateMappingAuthentication enabled="false"
// (its default), or the one-to-one / many-to-one switch of the kind of mapping defined is off.
#include <fmt/format.h>

#include <algorithm>

#include "checks/checks.h"
#include "checks/iis_correlation.h"
#include "knowledge/finding_catalog.h"
#include "knowledge/remedies.h"

namespace mtls::checks {
namespace {

constexpr const char* kSection = "system.webServer/security/authentication/iisClientCertificateMappingAuthentication";

CheckResult run(const Evidence& evidence, const CheckContext&) {
  const IisEvidence& e = *evidence.iis;
  if (!e.config_read) return CheckResult::skip("no applicationHost.config or web.config was given (--config)");
  std::vector<Finding> findings;
  // Every site: the sites of the configuration and the site-level locations (a fragment may
  // hold only <location path="Site">).
  std::vector<std::string> sites;
  const auto add_site = [&](const std::string& name) {
    if (name.empty() || name.find('/') != std::string::npos) return;
    for (const std::string& s : sites) {
      if (iis::is_within(s, name) && s.size() == name.size()) return;
    }
    sites.push_back(name);
  };
  for (const IisLocation& l : e.locations) add_site(l.path);
  for (const IisSite& s : e.sites) add_site(s.name);
  for (const std::string& site : sites) {
    // IIS reads the mappings at the site level: the collection in effect there, server-level
    // items included, minus what a <clear/> or <remove> took out.
    const std::vector<iis::EffectiveMapping> mappings = iis::effective_mappings(e, site);
    if (mappings.empty()) continue;
    bool many = false;
    bool one = false;
    bool inherited = false;
    std::vector<EvidenceRef> sections;
    for (const iis::EffectiveMapping& m : mappings) {
      (m.mapping->kind == IisMappingKind::many_to_one ? many : one) = true;
      if (m.location->path.empty()) inherited = true;
      if (std::find(sections.begin(), sections.end(), m.location->iis_mapping->origin) == sections.end()) {
        sections.push_back(m.location->iis_mapping->origin);
      }
    }
    // The site itself and every location below it that asks for a certificate.
    std::vector<std::string> paths{site};
    for (const IisLocation& l : e.locations) {
      if (!iequals(l.path, site) && iis::is_within(l.path, site) &&
          std::find(paths.begin(), paths.end(), l.path) == paths.end()) {
        paths.push_back(l.path);
      }
    }
    for (const std::string& path : paths) {
      const iis::Effective eff = iis::effective_at(e, path);
      const bool wants = eff.access && (eff.access->negotiate_cert || eff.access->require_cert);
      if (path != site && !wants) continue;
      std::vector<std::string> off;
      if (eff.mapping_enabled != true) off.push_back(eff.mapping_enabled ? "enabled=\"false\"" : "enabled not set (default false)");
      if (many && eff.many_to_one_enabled == false) off.push_back("manyToOneCertificateMappingsEnabled=\"false\"");
      if (one && eff.one_to_one_enabled == false) off.push_back("oneToOneCertificateMappingsEnabled=\"false\"");
      if (off.empty()) continue;
      Finding f = knowledge::make_finding("iis.mapping-auth-disabled");
      std::string why;
      for (const std::string& o : off) why += (why.empty() ? "" : ", ") + o;
      f.detail = fmt::format("\"{}\" {} {} certificate mapping{}{}, but at \"{}\" iisClientCertificateMappingAuthentication "
                             "has {}: the mappings are never used and clients are refused (401.2 / 403.7).",
                             site, inherited ? "has" : "defines", mappings.size(), mappings.size() == 1 ? "" : "s",
                             inherited ? " in effect (some inherited from the server level)" : "", path, why);
      for (const EvidenceRef& r : sections) f.evidence.push_back(r);
      if (std::find(sections.begin(), sections.end(), eff.mapping_origin) == sections.end() && !eff.mapping_origin.ref.empty()) {
        f.evidence.push_back(eff.mapping_origin);
      }
      namespace remedies = knowledge::remedies;
      std::string args = "/enabled:\"True\"";
      if (many) args += " /manyToOneCertificateMappingsEnabled:\"True\"";
      if (one) args += " /oneToOneCertificateMappingsEnabled:\"True\"";
      f.remedy.commands.push_back(remedies::appcmd_set_config(path, kSection, args));
      RemedyCommand ps = remedies::set_web_configuration_property(path, kSection, "enabled", "True");
      ps.note = "or the same in PowerShell";
      f.remedy.commands.push_back(std::move(ps));
      if (many) {
        f.remedy.commands.push_back(
            remedies::set_web_configuration_property(path, kSection, "manyToOneCertificateMappingsEnabled", "True"));
      }
      if (one) {
        f.remedy.commands.push_back(
            remedies::set_web_configuration_property(path, kSection, "oneToOneCertificateMappingsEnabled", "True"));
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
