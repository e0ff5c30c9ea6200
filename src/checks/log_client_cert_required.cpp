// SPDX-License-Identifier: Apache-2.0
// log.client-cert-required (C13): 403.7 entries, counted with when and who. 403.7 means no
// certificate arrived with the request (KB943891 MD_ERROR_SUB403_CERT_REQUIRED); the cause is
// elsewhere (C1, C3, C8, C11), which other findings name. nginx says the same with "client sent no
// required SSL certificate" and status 496 (ngx_http_ssl_module, "Error processing"), OpenSSL
// behind Apache with "peer did not return a certificate".
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
  const std::vector<const WebServerMessage*> web = web_messages(logs, LogFailureKind::cert_required);
  if (required == nullptr && denied == nullptr && web.empty()) {
    // C13 holds only when status codes were there to read: an empty log proves nothing.
    if (logs.entries == 0) return CheckResult::skip("no log entry was read (an empty log, or every entry filtered out)");
    return CheckResult::passed();
  }
  Finding f = knowledge::make_finding("log.client-cert-required");
  if (required != nullptr || denied != nullptr) {
    const LogFailure& main = required != nullptr ? *required : *denied;
    const std::uint64_t total = (required ? required->count : 0) + (denied ? denied->count : 0);
    f.detail = "IIS: " + failure_summary(main, "403.7");
    if (required != nullptr && denied != nullptr) {
      f.detail = fmt::format("IIS: {} 403.7 entries in all; {} of them with win32 status 5 (see log.ctl-access-denied). {}",
                             total, denied->count, failure_summary(*required, "other 403.7"));
    }
    if (!main.top_user_agents.empty()) f.detail += " Top user agents: " + top_text(main.top_user_agents, 2) + ".";
    f.detail += assumed_text(logs);
    f.evidence = example_refs(main);
  } else {
    // Only nginx / Apache said so: the catalog's title names IIS's 403.7.
    f.title = servers_text(web) + " logged: client certificate required but none sent";
  }
  if (!web.empty()) {
    f.detail += (f.detail.empty() ? "" : " ") + web_summary(web);
    for (EvidenceRef& r : web_refs(web)) f.evidence.push_back(std::move(r));
  }
  f.detail += " No certificate arrived with these requests; the findings ranked above name why.";
  f.remedy.commands = {knowledge::remedies::bash("mtls-doctor probe https://HOST/PATH --cert client.pem --key client.key")};
  if (required != nullptr || denied != nullptr) {
    f.remedy.commands.push_back(knowledge::remedies::netsh_show_sslcert({}, "Negotiate Client Certificate of the site's binding"));
  }
  return CheckResult::found({std::move(f)});
}

}  // namespace

Check log_client_cert_required_check() {
  return {"log_client_cert_required", Step::C13, {"log.client-cert-required"}, {EvidencePart::logs}, run};
}

}  // namespace mtls::checks
