// SPDX-License-Identifier: Apache-2.0
// C3, context: the Internet Settings zone value 1A04 "Don't prompt for client certificate
// selection when only one certificate exists" is 0 (enabled) on the client: the browser picks the
// one certificate silently, so nothing shows which certificate (if any) was offered.
#include <fmt/format.h>

#include "checks/checks.h"
#include "knowledge/finding_catalog.h"
#include "knowledge/remedies.h"

namespace mtls::checks {
namespace {

std::string_view zone_name(std::string_view zone) {
  if (zone == "0") return "Computer";
  if (zone == "1") return "Local intranet";
  if (zone == "2") return "Trusted sites";
  if (zone == "3") return "Internet";
  if (zone == "4") return "Restricted sites";
  return "custom";
}

CheckResult run(const Evidence& evidence, const CheckContext&) {
  const IisEvidence& e = *evidence.iis;
  if (e.zones.empty()) return CheckResult::skip("no Internet Settings zones (--registry with a client's .reg export or NTUSER.DAT)");
  std::vector<Finding> findings;
  for (const ZoneSetting& z : e.zones) {
    if (z.value != 0) continue;
    Finding f = knowledge::make_finding("client.single-cert-auto-select");
    f.detail = fmt::format("Zone {} ({}) under {} has 1A04 = 0: \"Don't prompt for client certificate selection when "
                           "only one certificate exists\" is enabled, so the browser sends its only certificate without "
                           "asking and you cannot see whether one was offered.",
                           z.zone, zone_name(z.zone), z.hive);
    f.evidence.push_back(z.origin);
    f.remedy.commands = {knowledge::remedies::reg_add_dword(z.key, "1A04", 3, "always show the certificate selection prompt")};
    findings.push_back(std::move(f));
  }
  return CheckResult::found(std::move(findings));
}

}  // namespace

Check client_single_cert_auto_select_check() {
  return {"client_single_cert_auto_select", Step::C3, {"client.single-cert-auto-select"}, {EvidencePart::iis}, run};
}

}  // namespace mtls::checks
