// SPDX-License-Identifier: Apache-2.0
// evidence.certificates as JSON (docs/report.schema.json).
#include "render/json_evidence.h"
#include "render/render.h"

namespace mtls::json {
namespace {


}  // namespace

Json certificate(const CertificateFacts& c) {
  return {{"role", to_string(c.role)},
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
          {"crl_distribution_points", c.crl_distribution_points},
          {"subject_key_id", c.subject_key_id},
          {"authority_key_id", c.authority_key_id},
          {"source", evidence_ref(c.origin)}};
}

Json certificates(const CertificateEvidence& c) {
  Json list = Json::array();
  for (const CertificateFacts& f : c.certificates) list.push_back(certificate(f));
  return list;
}

Json identity(const IdentityFacts& i) {
  Json j = {{"certificate_file", i.certificate_file},
            {"key_file", i.key_file},
            {"key_present", i.key_present},
            {"key_matches", i.key_matches ? Json(*i.key_matches) : Json()},
            {"key_type", i.key_type},
            {"pkcs12_legacy", i.pkcs12_legacy},
            {"ad_mapping", i.ad_mapping}};
  if (!i.as_user.empty()) {
    j["as_user"] = i.as_user;
    j["key_readable"] = i.key_readable ? Json(*i.key_readable) : Json();
    j["unreadable_reason"] = i.unreadable_reason;
    j["grant_commands"] = i.grant_commands;
  }
  return j;
}

Json chain(const ChainFacts& c) {
  Json errors = Json::array();
  for (const ChainError& e : c.errors) {
    errors.push_back({{"depth", e.depth}, {"code", e.code}, {"error", e.name}, {"subject", e.subject}});
  }
  Json j = {{"verdict", to_string(c.verdict)},
            {"trust_stores", c.trust_stores},
            {"untrusted_files", c.untrusted_files},
            {"trust_anchors", c.trust_anchor_count},
            {"errors", errors}};
  if (c.verdict == ChainFacts::Verdict::incomplete) {
    j["missing_issuer"] = {{"of", c.missing_issuer_of},
                           {"name", c.missing_issuer.text},
                           {"key_id", c.missing_issuer_key_id},
                           {"aia_ca_issuers", c.missing_issuer_aia},
                           {"same_name_other_key", c.same_name_other_key}};
  }
  if (!c.untrusted_root.empty()) j["untrusted_root"] = c.untrusted_root;
  return j;
}

Json revocation(const RevocationFacts& r) {
  return {{"crl_files", r.crl_files},
          {"covered", r.covered},
          {"revoked", r.revoked},
          {"crl_file", r.crl_file},
          {"revocation_date", r.revocation_date},
          {"reason", r.reason},
          {"crl_signature_ok", r.crl_signature_ok ? Json(*r.crl_signature_ok) : Json()},
          {"notes", r.notes}};
}

Json stores(const std::vector<StoreFacts>& s) {
  Json list = Json::array();
  for (const StoreFacts& store : s) {
    Json certs = Json::array();
    for (const CertificateFacts& c : store.certificates) certs.push_back(certificate(c));
    Json dups = Json::array();
    for (const auto& [first, copy] : store.duplicates) dups.push_back({{"first", first}, {"copy", copy}});
    Json one = {{"source", store.source},
                {"role", to_string(store.role)},
                {"certificates", certs},
                {"duplicates", dups},
                {"ca_names_count", store.ca_names_count},
                {"ca_names_bytes", store.ca_names_bytes},
                {"skipped", store.skipped}};
    if (!store.windows_store.empty()) one["windows_store"] = store.windows_store;
    list.push_back(std::move(one));
  }
  return list;
}

}  // namespace mtls::json
