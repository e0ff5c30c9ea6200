// SPDX-License-Identifier: Apache-2.0
// log.ctl-access-denied (C10): 403.7 with sc-win32-status 5 (ERROR_ACCESS_DENIED). With
// ClientAuthTrustMode 1/2 or SendTrustedIssuerList 1, a binding without its CTL store ("Ctl Store
// Name") rejects every certificate this way; IIS Manager drops the store name when it rewrites a
// binding (KB2405568).
#include <fmt/format.h>

#include "checks/checks.h"
#include "checks/log_common.h"
#include "knowledge/finding_catalog.h"
#include "knowledge/remedies.h"

namespace mtls::checks {
namespace {

CheckResult run(const Evidence& evidence, const CheckContext&) {
  using namespace log_detail;
  const LogFailure* d = find_failure(*evidence.logs, LogFailureKind::ctl_access_denied);
  if (d == nullptr) return CheckResult::passed();
  Finding f = knowledge::make_finding("log.ctl-access-denied");
  f.detail = failure_summary(*d, "403.7 with win32 status 5 (ERROR_ACCESS_DENIED)") +
             " The certificate was refused by the binding's trusted-issuer configuration: check that every "
             "SSL binding of the site names its CTL store (usually ClientAuthIssuer) when ClientAuthTrustMode "
             "is 1 or 2 or SendTrustedIssuerList is 1.";
  f.evidence = example_refs(*d);
  f.remedy.commands = {
      knowledge::remedies::netsh_show_sslcert({}, "lists every binding with its Ctl Store Name"),
      knowledge::remedies::netsh_update_sslcert(knowledge::remedies::UnreadBinding{.key = "ipport=<ip:port>", .certhash = {}},
                              {.sslctlstorename = "ClientAuthIssuer"}),
      knowledge::remedies::reg_query(knowledge::remedies::kSchannelKey, {}, "ClientAuthTrustMode and SendTrustedIssuerList")};
  return CheckResult::found({std::move(f)});
}

}  // namespace

Check log_ctl_access_denied_check() {
  return {"log_ctl_access_denied", Step::C10, {"log.ctl-access-denied"}, {EvidencePart::logs}, run};
}

}  // namespace mtls::checks
