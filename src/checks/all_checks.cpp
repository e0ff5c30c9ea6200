// SPDX-License-Identifier: Apache-2.0
// The one table of checks. Adding a check: write checks/<name>.cpp (+ _test.cpp) defining
// `Check <name>_check()`, declare it in checks/checks.h, and add it here.
#include "checks/all_checks.h"

#include <vector>

#include "checks/checks.h"

namespace mtls {

std::span<const Check> all_checks() {
  static const std::vector<Check> table{
      // --- logs (issue 6) ---
      checks::log_late_negotiation_check(),
      checks::log_ctl_access_denied_check(),
      checks::log_client_cert_rejected_check(),
      checks::log_mapping_denied_check(),
      checks::log_schannel_events_check(),
      checks::log_client_cert_required_check(),
      checks::log_unparsed_lines_check(),
  };
  return table;
}

}  // namespace mtls
