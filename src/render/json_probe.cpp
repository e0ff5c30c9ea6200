// SPDX-License-Identifier: Apache-2.0
// evidence.probe as JSON (DESIGN §5).
#include "render/json_evidence.h"

namespace mtls::json {

Json probe(const ProbeEvidence& p) {
  Json attempts = Json::array();
  for (const ProbeAttempt& a : p.attempts) {
    attempts.push_back({{"number", a.number},
                        {"purpose", a.purpose},
                        {"tls_version", a.tls_version},
                        {"cipher", a.cipher},
                        {"alpn", a.alpn},
                        {"sni", a.sni},
                        {"offered_pha", a.offered_pha},
                        {"client_cert_sent", a.client_cert_sent},
                        {"cert_request", to_string(a.cert_request)},
                        {"ca_names", a.ca_names},
                        {"http_status", a.http_status ? Json(*a.http_status) : Json()},
                        {"alert", a.alert}});
  }
  Json chain = Json::array();
  for (const CertificateFacts& c : p.server_chain) chain.push_back(certificate(c));
  return {{"target", p.target}, {"address", p.address}, {"attempts", attempts}, {"server_chain", chain}};
}

}  // namespace mtls::json
