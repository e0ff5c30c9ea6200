// SPDX-License-Identifier: Apache-2.0
// Declarations of every check; each is defined in checks/<name>.cpp beside its test.
#pragma once

#include "core/check.h"

namespace mtls::checks {

// probe (issue 4): findings from a live probe (src/checks/probe_*.cpp)
Check probe_reachability_check();
Check probe_request_timing_check();
Check probe_ca_list_empty_check();
Check probe_ca_list_excludes_check();
Check probe_client_cert_check();
Check probe_sni_check();
Check probe_http_status_check();

}  // namespace mtls::checks
