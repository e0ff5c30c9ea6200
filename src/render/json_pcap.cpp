// SPDX-License-Identifier: Apache-2.0
// evidence.pcap as JSON (docs/report.schema.json; the stable fields first, then what the capture adds).
#include "render/json_evidence.h"

namespace mtls::json {
namespace {

Json optional_frame(const std::optional<std::uint64_t>& frame) { return frame ? Json(*frame) : Json(); }

Json chain(const std::vector<CertificateFacts>& certs) {
  Json out = Json::array();
  for (const CertificateFacts& c : certs) out.push_back(certificate(c));
  return out;
}

}  // namespace

Json pcap(const PcapEvidence& p) {
  Json connections = Json::array();
  for (const PcapConnection& c : p.connections) {
    connections.push_back({{"client", c.client},
                           {"server", c.server},
                           {"tls_version", c.tls_version},
                           {"cert_request", c.cert_request_text()},
                           {"ca_names", c.ca_names},
                           {"client_cert", c.client_cert},
                           {"alerts", c.alerts},
                           {"file", c.file},
                           {"side", c.side},
                           {"number", c.number},
                           {"first_frame", c.first_frame},
                           {"last_frame", c.last_frame},
                           {"start_time", c.start_time},
                           {"duration_ms", c.duration_ms},
                           {"sni", c.sni},
                           {"alpn_offered", c.alpn_offered},
                           {"alpn", c.alpn},
                           {"client_versions", c.client_versions},
                           {"offered_pha", c.offered_pha},
                           {"client_random", c.client_random},
                           {"client_hello_frame", c.client_hello_frame},
                           {"server_hello_frame", c.server_hello_frame},
                           {"handshake_encrypted", c.handshake_encrypted},
                           {"handshake_finished", c.handshake_finished},
                           {"server_chain", chain(c.server_chain)},
                           {"cert_request_frame", optional_frame(c.cert_request_frame)},
                           {"certificate_types", c.certificate_types},
                           {"signature_algorithms", c.signature_algorithms},
                           {"client_cert_frame", optional_frame(c.client_cert_frame)},
                           {"client_cert_subject", c.client_cert_subject},
                           {"client_cert_issuer", c.client_cert_issuer},
                           {"client_chain", chain(c.client_chain)},
                           {"renegotiation_frame", optional_frame(c.renegotiation_frame)},
                           {"resets", c.resets},
                           {"notes", c.notes}});
    // Only with --keylog, so reports of captures read without one keep their shape.
    if (!p.keylog.empty()) connections.back()["decrypted"] = c.decrypted;
  }
  Json matches = Json::array();
  for (const PcapMatch& m : p.matches) {
    matches.push_back({{"client_side", m.client_side},
                       {"server_side", m.server_side},
                       {"matched_by", m.matched_by},
                       {"differences", m.differences}});
  }
  Json out = {{"files", p.files},
              {"frames", p.frames},
              {"tls_connections", p.tls_connections},
              {"certificate_requests", p.certificate_requests},
              {"connections", connections},
              {"undetailed_connections", p.undetailed_connections},
              {"matches", matches},
              {"notes", p.notes}};
  if (!p.keylog.empty()) {
    out["keylog"] = p.keylog;
    out["decrypted_connections"] = p.decrypted_connections();
  }
  return out;
}

}  // namespace mtls::json
