// SPDX-License-Identifier: Apache-2.0
// The one table of checks. Adding a check: write checks/<name>.cpp (+ _test.cpp) defining
// `Check <name>_check()`, declare it in checks/checks.h, and add it here.
#include "checks/all_checks.h"

#include <vector>

#include "checks/checks.h"

namespace mtls {

std::span<const Check> all_checks() {
  static const std::vector<Check> table{
      // --- iis (issue 5) ---
      checks::iis_ssl_cert_not_required_check(),
      checks::iis_mapping_at_application_level_check(),
      checks::iis_mapping_auth_disabled_check(),
      checks::iis_wcf_needs_anonymous_check(),
      checks::httpsys_negotiate_client_cert_disabled_check(),
      checks::httpsys_ctl_store_missing_check(),
      checks::httpsys_bindings_inconsistent_check(),
      checks::httpsys_binding_missing_check(),
      checks::schannel_trusted_issuer_list_check(),
      checks::schannel_root_store_not_self_signed_check(),
      checks::client_single_cert_auto_select_check(),
      // --- end iis ---
  };
  return table;
}

}  // namespace mtls
