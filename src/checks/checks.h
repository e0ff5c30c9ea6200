// SPDX-License-Identifier: Apache-2.0
// Declarations of every check; each is defined in checks/<name>.cpp beside its test.
#pragma once

#include "core/check.h"

namespace mtls::checks {

// probe: findings from a live probe (src/checks/probe_*.cpp)
Check probe_reachability_check();
Check probe_request_timing_check();
Check probe_ca_list_empty_check();
Check probe_ca_list_excludes_check();
Check probe_client_cert_check();
Check probe_sni_check();
Check probe_http_status_check();
// Packet captures: evidence.pcap.
Check pcap_no_certificate_request_check();
Check pcap_client_cert_not_sent_check();
Check pcap_ca_list_empty_check();
Check pcap_ca_list_excludes_client_chain_check();
Check pcap_handshake_failed_check();
Check pcap_certificate_request_late_check();
Check pcap_middlebox_altered_handshake_check();
// --- certificates and trust stores (cert, store) ---
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
// --- logs: W3C, HTTPERR, FREB and event-log findings (log.*) ---
Check log_client_cert_required_check();
Check log_late_negotiation_check();
Check log_client_cert_rejected_check();
Check log_mapping_denied_check();
Check log_ctl_access_denied_check();
Check log_schannel_events_check();
Check log_unparsed_lines_check();
Check log_web_server_tls_check();
// --- iis: IIS configuration, http.sys bindings, Schannel registry, client zones ---
Check iis_ssl_cert_not_required_check();
Check iis_mapping_at_application_level_check();
Check iis_mapping_auth_disabled_check();
Check iis_wcf_needs_anonymous_check();
Check iis_section_locked_check();  // iis.section-locked (overrideMode / 500.19)
Check httpsys_negotiate_client_cert_disabled_check();
Check httpsys_ctl_store_missing_check();
Check httpsys_bindings_inconsistent_check();
Check httpsys_binding_missing_check();
Check diagnose_sources_disagree_check();
Check schannel_trusted_issuer_list_check();
Check schannel_root_store_not_self_signed_check();
Check schannel_issuer_list_size_check();
Check client_single_cert_auto_select_check();
// --- end iis ---

}  // namespace mtls::checks
