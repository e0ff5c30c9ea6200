// SPDX-License-Identifier: Apache-2.0
// evidence.probe as JSON (docs/report.schema.json; the stable fields first, then the rest of what was seen).
#include "render/json_evidence.h"

namespace mtls::json {
namespace {

Json optional_int(const std::optional<int>& v) { return v ? Json(*v) : Json(); }

Json attempt(const ProbeAttempt& a) {
  Json messages = Json::array();
  for (const ProbeMessage& m : a.messages) {
    messages.push_back({{"direction", m.sent ? "sent" : "received"}, {"message", m.name}, {"length", m.length}, {"at_ms", m.at_ms}});
  }
  Json alert;
  if (a.alert) {
    alert = {{"code", a.alert->code}, {"name", a.alert->name}, {"level", a.alert->fatal ? "fatal" : "warning"},
             {"direction", a.alert->sent ? "sent" : "received"}};
  }
  return {{"number", a.number},
          {"purpose", a.purpose},
          {"skipped", a.skipped},
          {"skip_reason", a.skip_reason},
          {"tls_version", a.tls_version},
          {"cipher", a.cipher},
          {"alpn", a.alpn},
          {"offered_alpn", a.offered_alpn},
          {"sni", a.sni},
          {"offered_pha", a.offered_pha},
          {"with_identity", a.with_identity},
          {"sni_comparison", a.sni_comparison},
          {"client_cert_sent", a.client_cert_sent},
          {"empty_certificate_sent", a.empty_certificate_sent},
          {"client_chain_sent", a.client_chain_sent},
          {"cert_request", to_string(a.cert_request)},
          {"cert_requests", a.cert_requests},
          {"ca_names", a.ca_names},
          {"ca_names_count", a.ca_names.size()},
          {"ca_names_bytes", a.ca_names_bytes},
          {"certificate_types", a.certificate_types},
          {"signature_algorithms", a.signature_algorithms},
          {"renegotiations", a.renegotiations},
          {"http_status", optional_int(a.http_status)},
          {"alert", a.alert_text},
          {"alert_detail", alert},
          {"connected", a.connected},
          {"connect_error", a.connect_error},
          {"tcp_reset", a.tcp_reset},
          {"timed_out", a.timed_out},
          {"handshake_completed", a.handshake_completed},
          {"tls_error", a.tls_error},
          {"server_verify_error", a.server_verify_error},
          {"request", a.request_line},
          {"http_version", a.http_version},
          {"http_reason", a.http_reason},
          {"iis_substatus", a.iis_substatus},
          {"server_reason", a.server_reason},
          {"server_header", a.server_header},
          {"body_bytes", a.body_bytes},
          {"body_truncated", a.body_truncated},
          {"h2_error", a.h2_error ? Json(*a.h2_error) : Json()},
          {"http_error", a.http_error},
          {"timings_ms", {{"connect", a.connect_ms}, {"handshake", a.handshake_ms}, {"response", a.response_ms}, {"total", a.total_ms}}},
          {"messages", messages},
          {"messages_truncated", a.messages_truncated}};
}

}  // namespace

Json probe(const ProbeEvidence& p) {
  Json attempts = Json::array();
  for (const ProbeAttempt& a : p.attempts) attempts.push_back(attempt(a));
  Json chain = Json::array();
  for (const CertificateFacts& c : p.server_chain) chain.push_back(certificate(c));
  return {{"target", p.target},
          {"address", p.address},
          {"attempts", attempts},
          {"server_chain", chain},
          {"host", p.host},
          {"port", p.port},
          {"path", p.path},
          {"identity_given", p.identity_given},
          {"browser_experience", p.browser_experience},
          {"server_software",
           {{"name", to_string(p.server_software)}, {"display", display_name(p.server_software)}, {"basis", p.server_software_basis}}}};
}

}  // namespace mtls::json
