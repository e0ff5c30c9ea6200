// SPDX-License-Identifier: Apache-2.0
// log.client-cert-required (C13): 403.7 entries, counted with when and who. 403.7 means no
// certificate arrived with the request (KB943891 MD_ERROR_SUB403_CERT_REQUIRED); the cause is
// elsewhere (C1, C3, C8, C11), which other findings name.
#include <fmt/format.h>

#include "checks/checks.h"
#include "checks/log_common.h"
#include "knowledge/finding_catalog.h"
#include "knowledge/remedies.h"

namespace mtls::checks {
namespace {

CheckResult run(const Evidence& evidence, const CheckContext&) {
  using namespace log_detail;
  const LogEvidence& logs = *evidence.logs;
  const LogFailure* required = find_failure(logs, LogFailureKind::cert_required);
  const LogFailure* denied = find_failure(logs, LogFailureKind::ctl_access_denied);
  if (required == nullptr && denied == nullptr) {
    // C13 holds only when status codes were there to read: an empty log proves nothing.
    if (logs.entries == 0) return CheckResult::skip("no log entry was read (an empty log, or every entry filtered out)");
    return CheckResult::passed();
  }
  const LogFailure& main = required != nullptr ? *required : *denied;
  const std::uint64_t total = (required ? required->count : 0) + (denied ? denied->count : 0);
  Finding f = knowledge::make_finding("log.client-cert-required");
  f.detail = failure_summary(main, "403.7");
  if (required != nullptr && denied != nullptr) {
    f.detail = fmt::format("{} 403.7 entries in all; {} of them with win32 status 5 (see log.ctl-access-denied). {}",
                           total, denied->count, failure_summary(*required, "other 403.7"));
  }
  if (!main.top_user_agents.empty()) f.detail += " Top user agents: " + top_text(main.top_user_agents, 2) + ".";
  f.detail += " No certificate arrived with these requests; the findings ranked above name why.";
  f.evidence = example_refs(main);
  f.remedy.commands = {knowledge::remedies::bash("mtls-doctor probe https://HOST/PATH --cert client.pem --key client.key"),
                       knowledge::remedies::netsh_show_sslcert({}, "Negotiate Client Certificate of the site's binding")};
  return CheckResult::found({std::move(f)});
}

}  // namespace

Check log_client_cert_required_check() {
  return {"log_client_cert_required", Step::C13, {"log.client-cert-required"}, {EvidencePart::logs}, run};
}

}  // namespace mtls::checks
