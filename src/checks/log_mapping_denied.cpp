// SPDX-License-Identifier: Apache-2.0
// log.mapping-denied (C2): 403.12 (MD_ERROR_SUB403_MAPPER_DENY_ACCESS) and 401s that a FREB trace
// shows were set by a certificate-mapping module. A plain 401.1/401.2 in a W3C log is also the
// normal first step of NTLM/Negotiate, so those alone are not counted.
#include <fmt/format.h>

#include "checks/checks.h"
#include "checks/log_common.h"
#include "knowledge/finding_catalog.h"
#include "knowledge/remedies.h"

namespace mtls::checks {
namespace {

CheckResult run(const Evidence& evidence, const CheckContext&) {
  using namespace log_detail;
  const LogFailure* m = find_failure(*evidence.logs, LogFailureKind::mapping_denied);
  if (m == nullptr) return CheckResult::passed();
  Finding f = knowledge::make_finding("log.mapping-denied");
  f.detail = failure_summary(*m, "certificate-mapping denial (403.12, or 401 from a mapping module)") +
             " TLS accepted the certificate; the one-to-one or many-to-one mapping refused it or could not "
             "log the mapped account on. IIS reads mappings at the site level only.";
  f.evidence = example_refs(*m);
  f.remedy.commands = {knowledge::remedies::appcmd("list config \"SITE\" "
                                  "-section:system.webServer/security/authentication/iisClientCertificateMappingAuthentication",
                                  "SITE: the site of the log")};
  return CheckResult::found({std::move(f)});
}

}  // namespace

Check log_mapping_denied_check() {
  return {"log_mapping_denied", Step::C2, {"log.mapping-denied"}, {EvidencePart::logs}, run};
}

}  // namespace mtls::checks
