// SPDX-License-Identifier: Apache-2.0
// Declarations of every check; each is defined in checks/<name>.cpp beside its test.
#pragma once

#include "core/check.h"

namespace mtls::checks {

// Packet captures (issue 7): evidence.pcap.
Check pcap_no_certificate_request_check();
Check pcap_client_cert_not_sent_check();
Check pcap_ca_list_empty_check();
Check pcap_ca_list_excludes_client_chain_check();
Check pcap_handshake_failed_check();
Check pcap_certificate_request_late_check();
Check pcap_middlebox_altered_handshake_check();

}  // namespace mtls::checks
