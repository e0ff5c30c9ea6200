// SPDX-License-Identifier: Apache-2.0
// Declarations of every check; each is defined in checks/<name>.cpp beside its test.
#pragma once

#include "core/check.h"

namespace mtls::checks {

// --- certificates and trust stores (issue 3: cert, store) ---
Check cert_private_key_check();
Check cert_client_usage_check();
Check cert_validity_check();
Check cert_chain_check();
Check cert_revoked_check();
Check cert_strength_check();
Check cert_ad_mapping_check();
Check store_audit_check();
Check store_issuer_list_check();
Check store_client_issuer_check();
// --- end certificates and trust stores ---

}  // namespace mtls::checks
