// SPDX-License-Identifier: Apache-2.0
// C2: one-to-one and many-to-one mappings are read at the site level only; mappings written under
// an application's <location> (or its web.config) are silently ignored (IIS support guidance on
// 403.7/403.16: "mappings need to be at the site level").
#include <fmt/format.h>

#include "checks/checks.h"
#include "checks/iis_correlation.h"
#include "knowledge/finding_catalog.h"
#include "knowledge/remedies.h"

namespace mtls::checks {
namespace {

namespace remedies = knowledge::remedies;

constexpr const char* kSection = "system.webServer/security/authentication/iisClientCertificateMappingAuthentication";

RemedyCommand appcmd_add(const std::string& site, const IisCertificateMapping& m) {
  // The password is never restated: the administrator types it.
  const std::string password_note = fmt::format("<password of {}>: the account's password", m.user_name);
  if (m.kind == IisMappingKind::one_to_one) {
    return remedies::appcmd_set_config(
        site, kSection,
        fmt::format("/+\"oneToOneMappings.[userName='{}',password='<password of {}>',certificate='{}']\"", m.user_name,
                    m.user_name, m.certificate),
        password_note);
  }
  std::string attrs = fmt::format("name='{}'", m.name);
  if (!m.enabled.empty()) attrs += fmt::format(",enabled='{}'", m.enabled);
  if (!m.permission_mode.empty()) attrs += fmt::format(",permissionMode='{}'", m.permission_mode);
  if (!m.user_name.empty()) attrs += fmt::format(",userName='{}',password='<password of {}>'", m.user_name, m.user_name);
  return remedies::appcmd_set_config(site, kSection, fmt::format("/+\"manyToOneMappings.[{}]\"", attrs),
                                     m.user_name.empty() ? std::string() : password_note);
}

RemedyCommand appcmd_rule(const std::string& site, const IisCertificateMapping& m, const IisManyToOneRule& r) {
  std::string attrs = fmt::format("certificateField='{}',certificateSubField='{}',matchCriteria='{}'", r.certificate_field,
                                  r.certificate_sub_field, r.match_criteria);
  if (!r.compare_case_sensitive.empty()) attrs += fmt::format(",compareCaseSensitive='{}'", r.compare_case_sensitive);
  return remedies::appcmd_set_config(site, kSection, fmt::format("/+\"manyToOneMappings.[name='{}'].rules.[{}]\"", m.name, attrs));
}

RemedyCommand powershell_add(const std::string& site, const IisCertificateMapping& m) {
  if (m.kind == IisMappingKind::one_to_one) {
    return remedies::powershell(fmt::format("Add-WebConfigurationProperty -PSPath 'MACHINE/WEBROOT/APPHOST' -Location {} -Filter '{}/oneToOneMappings' "
                       "-Name '.' -Value @{{userName={};password='<password of {}>';certificate={}}}",
                       remedies::ps_quote(site), kSection, remedies::ps_quote(m.user_name), m.user_name,
                       remedies::ps_quote(m.certificate)), "IIS");
  }
  std::string value = fmt::format("name={}", remedies::ps_quote(m.name));
  if (!m.enabled.empty()) value += fmt::format(";enabled={}", remedies::ps_quote(m.enabled));
  if (!m.permission_mode.empty()) value += fmt::format(";permissionMode={}", remedies::ps_quote(m.permission_mode));
  if (!m.user_name.empty()) value += fmt::format(";userName={};password='<password of {}>'", remedies::ps_quote(m.user_name), m.user_name);
  return remedies::powershell(fmt::format("Add-WebConfigurationProperty -PSPath 'MACHINE/WEBROOT/APPHOST' -Location {} "
                                          "-Filter '{}/manyToOneMappings' -Name '.' -Value @{{{}}}",
                                          remedies::ps_quote(site), kSection, value), "IIS");
}

RemedyCommand powershell_rule(const std::string& site, const IisCertificateMapping& m, const IisManyToOneRule& r) {
  std::string value = fmt::format("certificateField={};certificateSubField={};matchCriteria={}", remedies::ps_quote(r.certificate_field),
                                  remedies::ps_quote(r.certificate_sub_field), remedies::ps_quote(r.match_criteria));
  if (!r.compare_case_sensitive.empty()) value += fmt::format(";compareCaseSensitive={}", remedies::ps_quote(r.compare_case_sensitive));
  return remedies::powershell(fmt::format("Add-WebConfigurationProperty -PSPath 'MACHINE/WEBROOT/APPHOST' -Location {} "
                                          "-Filter \"{}/manyToOneMappings/add[@name='{}']/rules\" -Name '.' -Value @{{{}}}",
                                          remedies::ps_quote(site), kSection, m.name, value), "IIS");
}

CheckResult run(const Evidence& evidence, const CheckContext&) {
  const IisEvidence& e = *evidence.iis;
  if (!e.config_read) return CheckResult::skip("no applicationHost.config or web.config was given (--config)");
  std::vector<Finding> findings;
  for (const IisLocation& l : e.locations) {
    if (!l.iis_mapping || l.iis_mapping->mappings.empty()) continue;
    if (l.path.find('/') == std::string::npos) continue;  // server or site level: read by IIS
    // Only the mappings this location adds that are still in the collection at its path (a later
    // <remove> or <clear/> there, or deeper in the same path, takes them out again).
    std::vector<const IisCertificateMapping*> added;
    for (const iis::EffectiveMapping& m : iis::effective_mappings(e, l.path)) {
      if (m.location == &l) added.push_back(m.mapping);
    }
    if (added.empty()) continue;
    const std::string site = iis::site_of(l.path);
    Finding f = knowledge::make_finding("iis.mapping-at-application-level");
    f.detail = fmt::format("{} certificate mapping{} defined for \"{}\", below the site \"{}\". IIS reads "
                           "iisClientCertificateMappingAuthentication mappings at the site level only and ignores these, "
                           "so certificates that should map are refused (403.7, 401.2) or map to nobody.",
                           added.size(), added.size() == 1 ? " is" : "s are", l.path, site);
    f.evidence.push_back(l.iis_mapping->origin);
    for (const IisCertificateMapping* m : added) f.evidence.push_back(m->origin);
    std::string enable = "/enabled:\"True\"";
    bool many = false;
    bool one = false;
    for (const IisCertificateMapping* m : added) (m->kind == IisMappingKind::many_to_one ? many : one) = true;
    if (many) enable += " /manyToOneCertificateMappingsEnabled:\"True\"";
    if (one) enable += " /oneToOneCertificateMappingsEnabled:\"True\"";
    f.remedy.commands.push_back(remedies::appcmd_set_config(site, kSection, enable, "at the site, where IIS reads mappings"));
    for (const IisCertificateMapping* m : added) {
      f.remedy.commands.push_back(appcmd_add(site, *m));
      for (const IisManyToOneRule& r : m->rules) f.remedy.commands.push_back(appcmd_rule(site, *m, r));
    }
    f.remedy.commands.push_back(remedies::appcmd(fmt::format("clear config \"{}\" -section:{} /commit:apphost", l.path, kSection),
                                                 "then remove them from the application"));
    RemedyCommand ps_enable = remedies::set_web_configuration_property(site, kSection, "enabled", "True");
    ps_enable.note = "or the same in PowerShell";
    f.remedy.commands.push_back(std::move(ps_enable));
    for (const IisCertificateMapping* m : added) {
      f.remedy.commands.push_back(powershell_add(site, *m));
      for (const IisManyToOneRule& r : m->rules) f.remedy.commands.push_back(powershell_rule(site, *m, r));
    }
    f.remedy.commands.push_back(remedies::powershell(
        fmt::format("Clear-WebConfiguration -PSPath 'MACHINE/WEBROOT/APPHOST' -Location {} -Filter '{}'",
                    remedies::ps_quote(l.path), kSection),
        "IIS"));
    findings.push_back(std::move(f));
  }
  return CheckResult::found(std::move(findings));
}

}  // namespace

Check iis_mapping_at_application_level_check() {
  return {"iis_mapping_at_application_level", Step::C2, {"iis.mapping-at-application-level"}, {EvidencePart::iis}, run};
}

}  // namespace mtls::checks
