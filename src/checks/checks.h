// SPDX-License-Identifier: Apache-2.0
// Declarations of every check; each is defined in checks/<name>.cpp beside its test.
#pragma once

#include "core/check.h"

namespace mtls::checks {

// --- iis (issue 5): IIS configuration, http.sys bindings, Schannel registry, client zones ---
Check iis_ssl_cert_not_required_check();
Check iis_mapping_at_application_level_check();
Check iis_mapping_auth_disabled_check();
Check iis_wcf_needs_anonymous_check();
Check httpsys_negotiate_client_cert_disabled_check();
Check httpsys_ctl_store_missing_check();
Check httpsys_bindings_inconsistent_check();
Check httpsys_binding_missing_check();
Check schannel_trusted_issuer_list_check();
Check schannel_root_store_not_self_signed_check();
Check client_single_cert_auto_select_check();
// --- end iis ---

}  // namespace mtls::checks
