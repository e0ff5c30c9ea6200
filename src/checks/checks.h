// SPDX-License-Identifier: Apache-2.0
// Declarations of every check; each is defined in checks/<name>.cpp beside its test.
#pragma once

#include "core/check.h"

namespace mtls::checks {

// --- logs (issue 6): W3C, HTTPERR, FREB and event-log findings (log.*) ---
Check log_client_cert_required_check();
Check log_late_negotiation_check();
Check log_client_cert_rejected_check();
Check log_mapping_denied_check();
Check log_ctl_access_denied_check();
Check log_schannel_events_check();
Check log_unparsed_lines_check();

}  // namespace mtls::checks
