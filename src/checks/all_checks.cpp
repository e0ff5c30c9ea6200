// SPDX-License-Identifier: Apache-2.0
// The one table of checks. Adding a check: write checks/<name>.cpp (+ _test.cpp) defining
// `Check <name>_check()`, declare it in checks/checks.h, and add it here. `findings_only(...)`
// marks a check whose clean run does not show its step holds (a log without 500 0 64 says
// nothing of the binding): its step stays not checked unless another check proves it.
#include "checks/all_checks.h"

#include <vector>

#include "checks/checks.h"

namespace mtls {

std::span<const Check> all_checks() {
  static const std::vector<Check> table{
      // probe: findings from a live probe
      checks::probe_reachability_check(),
      checks::probe_request_timing_check(),
      findings_only(checks::probe_ca_list_empty_check()),
      checks::probe_ca_list_excludes_check(),
      checks::probe_client_cert_check(),
      checks::probe_sni_check(),
      checks::probe_http_status_check(),
      // Packet captures.
      checks::pcap_no_certificate_request_check(),
      checks::pcap_client_cert_not_sent_check(),
      findings_only(checks::pcap_ca_list_empty_check()),
      checks::pcap_ca_list_excludes_client_chain_check(),
      checks::pcap_handshake_failed_check(),
      checks::pcap_certificate_request_late_check(),
      checks::pcap_middlebox_altered_handshake_check(),
      // --- certificates and trust stores ---
      checks::cert_private_key_check(),
      checks::cert_client_usage_check(),
      checks::cert_validity_check(),
      checks::cert_chain_check(),
      checks::cert_revoked_check(),
      checks::cert_strength_check(),
      checks::cert_ad_mapping_check(),
      checks::store_audit_check(),
      findings_only(checks::store_issuer_list_check()),
      checks::store_client_issuer_check(),
      // --- end certificates and trust stores ---
      // --- logs ---
      findings_only(checks::log_late_negotiation_check()),
      findings_only(checks::log_ctl_access_denied_check()),
      findings_only(checks::log_client_cert_rejected_check()),
      findings_only(checks::log_mapping_denied_check()),
      findings_only(checks::log_schannel_events_check()),
      findings_only(checks::log_web_server_tls_check()),
      checks::log_client_cert_required_check(),
      checks::log_unparsed_lines_check(),
      // --- iis ---
      checks::iis_ssl_cert_not_required_check(),
      checks::iis_mapping_at_application_level_check(),
      checks::iis_mapping_auth_disabled_check(),
      checks::iis_wcf_needs_anonymous_check(),
      checks::iis_section_locked_check(),  // overrideMode / 500.19
      checks::httpsys_negotiate_client_cert_disabled_check(),
      checks::httpsys_ctl_store_missing_check(),
      checks::httpsys_bindings_inconsistent_check(),
      checks::httpsys_binding_missing_check(),
      findings_only(checks::schannel_trusted_issuer_list_check()),
      checks::schannel_root_store_not_self_signed_check(),
      findings_only(checks::schannel_issuer_list_size_check()),
      findings_only(checks::client_single_cert_auto_select_check()),
      // --- end iis ---
      // Across sources: the configuration against the live server.
      findings_only(checks::diagnose_sources_disagree_check()),
  };
  return table;
}

}  // namespace mtls
