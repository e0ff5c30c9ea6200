// SPDX-License-Identifier: Apache-2.0
// C2: a web.config names a security section (access sslFlags, a certificate-mapping or anonymous
// authentication section) that is locked at its level. IIS ships these sections with
// overrideModeDefault="Deny" in applicationHost.config's <configSections>; a lower-level file that
// names a locked section makes IIS answer HTTP 500.19 for that content, error 0x80070021 "This
// configuration section cannot be used at this path. This happens when the section is locked at a
// parent level" (learn.microsoft.com/troubleshoot/developer/webapps/iis/health-diagnostic-
// performance/http-error-500-19-webpage; IIS configuration reference, <location> overrideMode).
// The "Require SSL + client certificate" written in web.config then never takes effect.
#include <fmt/format.h>

#include <algorithm>

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
  std::vector<std::string> undeclared;
  for (const IisLocation& l : e.locations) {
    if (!l.from_web_config) continue;  // applicationHost.config itself is where the lock lives
    for (const IisSectionUse& use : l.sections) {
      const std::optional<iis::SectionLock> lock = iis::section_lock_at(e, use.section, l.path);
      if (!lock) {
        if (std::find(undeclared.begin(), undeclared.end(), use.section) == undeclared.end()) undeclared.push_back(use.section);
        continue;
      }
      if (!lock->locked) continue;
      Finding f = knowledge::make_finding("iis.section-locked");
      const std::string place = l.path.empty() ? std::string("the server level") : "\"" + l.path + "\"";
      f.detail = fmt::format("{} names {} for {}, but that section is locked there ({}): IIS answers HTTP 500.19 "
                             "(0x80070021, \"This configuration section cannot be used at this path\") for the content, "
                             "so what the web.config sets{} never takes effect.",
                             l.config_file, use.section, place, lock->decided_by,
                             l.access && use.section == "system.webServer/security/access"
                                 ? fmt::format(" (sslFlags=\"{}\")", l.access->text)
                                 : std::string());
      f.evidence.push_back(use.origin);
      f.evidence.push_back(lock->because);
      if (!l.path.empty()) {
        namespace remedies = knowledge::remedies;
        f.remedy.commands = {
            remedies::appcmd(fmt::format("unlock config \"{}\" -section:{} /commit:apphost", l.path, use.section)),
            remedies::powershell(fmt::format("Set-WebConfiguration -Filter {} -PSPath 'MACHINE/WEBROOT/APPHOST' -Location {} "
                                             "-Metadata overrideMode -Value Allow",
                                             remedies::ps_quote("/" + use.section), remedies::ps_quote(l.path)),
                                 "IIS", "the same in PowerShell"),
        };
        // Or keep the lock and write the value where IIS allows it: applicationHost.config.
        if (l.access && use.section == "system.webServer/security/access") {
          std::string ps = l.access->text;
          std::erase(ps, ' ');
          for (RemedyCommand& c : knowledge::remedies::iis_set_config(l.path, use.section, "sslFlags", l.access->text, ps)) {
            if (c.shell == Shell::cmd) c.note = "or keep the lock and set the value in applicationHost.config";
            f.remedy.commands.push_back(std::move(c));
          }
        }
      } else {
        f.remedy.commands = {knowledge::remedies::appcmd(fmt::format("unlock config -section:{}", use.section))};
      }
      findings.push_back(std::move(f));
    }
  }
  if (findings.empty() && !undeclared.empty()) {
    std::string names;
    for (const std::string& s : undeclared) names += (names.empty() ? "" : ", ") + s;
    return CheckResult::skip(fmt::format("a web.config names {} but no applicationHost.config <configSections> declaring "
                                         "it was given (--config), so whether it is locked is unknown",
                                         names));
  }
  return CheckResult::found(std::move(findings));
}

}  // namespace

Check iis_section_locked_check() {
  return {"iis_section_locked", Step::C2, {"iis.section-locked"}, {EvidencePart::iis}, run};
}

}  // namespace mtls::checks
