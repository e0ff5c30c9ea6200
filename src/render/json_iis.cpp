// SPDX-License-Identifier: Apache-2.0
// evidence.iis as JSON (DESIGN §5).
#include "render/json_evidence.h"

namespace mtls::json {

Json iis(const IisEvidence& i) {
  Json sites = Json::array();
  for (const IisSite& s : i.sites) {
    Json bindings = Json::array();
    for (const IisBinding& b : s.bindings) {
      bindings.push_back({{"protocol", b.protocol},
                          {"binding_information", b.binding_information},
                          {"ssl_flags", b.ssl_flags}});
    }
    sites.push_back({{"name", s.name}, {"id", s.id}, {"bindings", bindings}, {"source", evidence_ref(s.origin)}});
  }
  Json bindings = Json::array();
  for (const HttpSysBinding& b : i.bindings) {
    bindings.push_back({{"kind", b.kind},
                        {"endpoint", b.endpoint},
                        {"certificate_hash", b.certificate_hash},
                        {"application_id", b.application_id},
                        {"certificate_store_name", b.certificate_store_name},
                        {"ctl_store_name", b.ctl_store_name},
                        {"negotiate_client_certificate",
                         b.negotiate_client_certificate ? Json(*b.negotiate_client_certificate) : Json()},
                        {"source", evidence_ref(b.origin)}});
  }
  auto optional_number = [](const std::optional<unsigned>& v) { return v ? Json(*v) : Json(); };
  Json schannel = {{"SendTrustedIssuerList", optional_number(i.schannel.send_trusted_issuer_list)},
                   {"ClientAuthTrustMode", optional_number(i.schannel.client_auth_trust_mode)}};
  return {{"sites", sites}, {"bindings", bindings}, {"schannel", schannel}};
}

}  // namespace mtls::json
