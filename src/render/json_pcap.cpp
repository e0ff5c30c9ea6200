// SPDX-License-Identifier: Apache-2.0
// evidence.pcap as JSON (DESIGN §5).
#include "render/json_evidence.h"

namespace mtls::json {

Json pcap(const PcapEvidence& p) {
  Json connections = Json::array();
  for (const PcapConnection& c : p.connections) {
    connections.push_back({{"client", c.client},
                           {"server", c.server},
                           {"tls_version", c.tls_version},
                           {"cert_request", to_string(c.cert_request)},
                           {"ca_names", c.ca_names},
                           {"client_cert", c.client_cert},
                           {"alerts", c.alerts}});
  }
  return {{"files", p.files}, {"connections", connections}};
}

}  // namespace mtls::json
