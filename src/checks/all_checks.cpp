// SPDX-License-Identifier: Apache-2.0
// The one table of checks. Adding a check: write checks/<name>.cpp (+ _test.cpp) defining
// `Check <name>_check()`, declare it in checks/checks.h, and add it here.
#include "checks/all_checks.h"

#include <vector>

#include "checks/checks.h"

namespace mtls {

std::span<const Check> all_checks() {
  static const std::vector<Check> table{
      // --- certificates and trust stores (issue 3) ---
      checks::cert_private_key_check(),
      checks::cert_client_usage_check(),
      checks::cert_validity_check(),
      checks::cert_chain_check(),
      checks::cert_revoked_check(),
      checks::cert_strength_check(),
      checks::cert_ad_mapping_check(),
      checks::store_audit_check(),
      checks::store_issuer_list_check(),
      checks::store_client_issuer_check(),
      // --- end certificates and trust stores ---
  };
  return table;
}

}  // namespace mtls
