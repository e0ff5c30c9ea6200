// SPDX-License-Identifier: Apache-2.0
// evidence.certificates as JSON (DESIGN §5).
#include "render/json_evidence.h"
#include "render/render.h"

namespace mtls::json {
namespace {

std::string_view role_name(CertificateRole role) {
  switch (role) {
    case CertificateRole::client: return "client";
    case CertificateRole::intermediate: return "intermediate";
    case CertificateRole::root: return "root";
    case CertificateRole::server: return "server";
  }
  return "client";
}

}  // namespace

Json certificate(const CertificateFacts& c) {
  return {{"role", role_name(c.role)},
          {"subject", c.subject},
          {"issuer", c.issuer},
          {"serial", c.serial},
          {"sha1", c.sha1},
          {"sha256", c.sha256},
          {"not_before", rfc3339(c.not_before)},
          {"not_after", rfc3339(c.not_after)},
          {"eku", c.has_eku ? Json(c.eku) : Json()},
          {"key_usage", c.has_key_usage ? Json(c.key_usage) : Json()},
          {"self_signed", c.self_signed},
          {"is_ca", c.is_ca},
          {"public_key", c.public_key},
          {"signature_algorithm", c.signature_algorithm},
          {"subject_alt_names", c.subject_alt_names},
          {"aia_ca_issuers", c.aia_ca_issuers},
          {"source", evidence_ref(c.origin)}};
}

Json certificates(const CertificateEvidence& c) {
  Json list = Json::array();
  for (const CertificateFacts& f : c.certificates) list.push_back(certificate(f));
  return list;
}

}  // namespace mtls::json
