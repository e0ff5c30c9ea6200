// SPDX-License-Identifier: Apache-2.0
// evidence.iis as JSON (docs/report.schema.json): sites, locations, http.sys bindings, Schannel, zones, stores.
#include "render/json_evidence.h"

namespace mtls::json {
namespace {

template <typename T>
Json optional(const std::optional<T>& v) {
  return v ? Json(*v) : Json();
}

Json binding(const IisBinding& b) {
  return {{"protocol", b.protocol}, {"binding_information", b.binding_information},
          {"ip", b.ip},             {"port", b.port},
          {"host", b.host},         {"ssl_flags", b.ssl_flags},
          {"ssl_flag_names", b.ssl_flag_names}, {"source", evidence_ref(b.origin)}};
}

Json site(const IisSite& s) {
  Json bindings = Json::array();
  for (const IisBinding& b : s.bindings) bindings.push_back(binding(b));
  Json applications = Json::array();
  for (const IisApplication& a : s.applications) {
    Json vdirs = Json::array();
    for (const IisVirtualDirectory& v : a.virtual_directories) {
      vdirs.push_back({{"path", v.path}, {"physical_path", v.physical_path}});
    }
    applications.push_back({{"path", a.path}, {"application_pool", a.application_pool}, {"virtual_directories", vdirs}});
  }
  return {{"name", s.name}, {"id", s.id}, {"bindings", bindings}, {"applications", applications}, {"source", evidence_ref(s.origin)}};
}

Json mapping(const IisClientCertificateMappingAuthentication& m) {
  Json mappings = Json::array();
  for (const IisCertificateMapping& c : m.mappings) {
    Json rules = Json::array();
    for (const IisManyToOneRule& r : c.rules) {
      rules.push_back({{"certificateField", r.certificate_field},
                       {"certificateSubField", r.certificate_sub_field},
                       {"matchCriteria", r.match_criteria},
                       {"compareCaseSensitive", r.compare_case_sensitive}});
    }
    // The password is never rendered, only whether one is set.
    mappings.push_back({{"kind", to_string(c.kind)},
                        {"name", c.name},
                        {"enabled", c.enabled},
                        {"permissionMode", c.permission_mode},
                        {"userName", c.user_name},
                        {"password_set", c.has_password},
                        {"rules", rules},
                        {"source", evidence_ref(c.origin)}});
  }
  // <clear/> and <remove> of the collections, in document order ("before": the index in
  // "mappings" of the first <add> after it).
  Json edits = Json::array();
  for (const IisCollectionEdit& e : m.edits) {
    edits.push_back({{"collection", collection_name(e.collection)}, {"action", to_string(e.action)}, {"key", e.key}, {"before", e.before},
                     {"source", evidence_ref(e.origin)}});
  }
  return {{"enabled", optional(m.enabled)},
          {"oneToOneCertificateMappingsEnabled", optional(m.one_to_one_enabled)},
          {"manyToOneCertificateMappingsEnabled", optional(m.many_to_one_enabled)},
          {"mappings", mappings},
          {"edits", edits},
          {"source", evidence_ref(m.origin)}};
}

Json location(const IisLocation& l) {
  Json out = {{"path", l.path}, {"overrideMode", l.override_mode}, {"config_file", l.config_file},
              {"web_config", l.from_web_config}};
  out["sslFlags"] = l.access ? Json(l.access->text) : Json();
  out["anonymousAuthentication"] = optional(l.anonymous_authentication);
  out["windowsAuthentication"] = optional(l.windows_authentication);
  out["clientCertificateMappingAuthentication"] = optional(l.client_certificate_mapping_authentication);
  out["iisClientCertificateMappingAuthentication"] = l.iis_mapping ? mapping(*l.iis_mapping) : Json();
  out["wcf_svc_handler"] = l.wcf_svc_handler.has_value();
  out["wcf_transport_certificate"] = l.wcf_transport_certificate.has_value();
  Json sections = Json::array();
  for (const IisSectionUse& u : l.sections) sections.push_back(u.section);
  out["sections"] = sections;
  out["source"] = evidence_ref(l.origin);
  return out;
}

Json http_sys(const HttpSysBinding& b) {
  Json extended = Json::array();
  for (const HttpSysExtendedProperty& p : b.extended_properties) {
    Json fields = Json::object();
    for (const auto& [name, value] : p.fields) fields[name] = value;
    extended.push_back({{"property_id", p.property_id}, {"fields", fields}});
  }
  Json other = Json::object();
  for (const auto& [name, value] : b.other_fields) other[name] = value;
  return {{"kind", to_string(b.kind)},
          {"endpoint", b.endpoint},
          {"certificate_hash", b.certificate_hash},
          {"application_id", b.application_id},
          {"certificate_store_name", b.certificate_store_name},
          {"verify_client_certificate_revocation", optional(b.verify_client_certificate_revocation)},
          {"verify_revocation_using_cached_client_certificate_only",
           optional(b.verify_revocation_using_cached_client_certificate_only)},
          {"usage_check", optional(b.usage_check)},
          {"revocation_freshness_time", optional(b.revocation_freshness_time)},
          {"url_retrieval_timeout", optional(b.url_retrieval_timeout)},
          {"ctl_identifier", b.ctl_identifier},
          {"ctl_store_name", b.ctl_store_name},
          {"ds_mapper_usage", optional(b.ds_mapper_usage)},
          {"negotiate_client_certificate", optional(b.negotiate_client_certificate)},
          {"reject_connections", optional(b.reject_connections)},
          {"disable_http2", optional(b.disable_http2)},
          {"disable_quic", optional(b.disable_quic)},
          {"disable_tls12", optional(b.disable_tls12)},
          {"disable_tls13", optional(b.disable_tls13)},
          {"disable_ocsp_stapling", optional(b.disable_ocsp_stapling)},
          {"enable_token_binding", optional(b.enable_token_binding)},
          {"log_extended_events", optional(b.log_extended_events)},
          {"disable_legacy_tls", optional(b.disable_legacy_tls)},
          {"enable_session_ticket", optional(b.enable_session_ticket)},
          {"enable_caching_client_hello", optional(b.enable_caching_client_hello)},
          {"default_flags", optional(b.default_flags)},
          {"extended_properties", extended},
          {"other_fields", other},
          {"source", evidence_ref(b.origin)}};
}

}  // namespace

Json iis(const IisEvidence& i) {
  Json sites = Json::array();
  for (const IisSite& s : i.sites) sites.push_back(site(s));
  Json locations = Json::array();
  for (const IisLocation& l : i.locations) locations.push_back(location(l));
  Json bindings = Json::array();
  for (const HttpSysBinding& b : i.bindings) bindings.push_back(http_sys(b));
  Json protocols = Json::array();
  for (const SchannelProtocol& p : i.schannel.protocols) {
    protocols.push_back({{"protocol", p.protocol}, {"side", p.side}, {"Enabled", optional(p.enabled)},
                         {"DisabledByDefault", optional(p.disabled_by_default)}});
  }
  Json schannel = {{"read", i.schannel.read},
                   {"SendTrustedIssuerList", optional(i.schannel.send_trusted_issuer_list)},
                   {"ClientAuthTrustMode", optional(i.schannel.client_auth_trust_mode)},
                   {"EventLogging", optional(i.schannel.event_logging)},
                   {"protocols", protocols}};
  Json zones = Json::array();
  for (const ZoneSetting& z : i.zones) {
    zones.push_back({{"hive", z.hive}, {"key", z.key}, {"zone", z.zone}, {"1A04", z.value}, {"source", evidence_ref(z.origin)}});
  }
  Json stores = Json::array();
  for (const CertificateStoreSummary& s : i.stores) stores.push_back({{"store", s.store}, {"certificates", s.certificates}});
  Json store_certificates = Json::array();
  for (const StoreCertificate& c : i.store_certificates) {
    Json entry = {{"store", c.store}, {"thumbprint", c.thumbprint}, {"der_bytes", c.der.size()}};
    if (c.facts) {
      entry["subject"] = c.facts->subject;
      entry["issuer"] = c.facts->issuer;
      entry["sha1"] = c.facts->sha1;
      entry["self_signed"] = c.facts->self_signed;
    } else {
      entry["decode_error"] = c.decode_error;
    }
    entry["source"] = evidence_ref(c.origin);
    store_certificates.push_back(entry);
  }
  Json declarations = Json::array();
  for (const IisSectionDeclaration& d : i.section_declarations) {
    declarations.push_back({{"section", d.section},
                            {"overrideModeDefault", d.override_mode_default},
                            {"source", evidence_ref(d.origin)}});
  }
  return {{"sites", sites},
          {"locations", locations},
          {"section_declarations", declarations},
          {"config_read", i.config_read},
          {"bindings", bindings},
          {"bindings_read", i.bindings_read},
          {"schannel", schannel},
          {"zones", zones},
          {"stores", stores},
          {"store_certificates", store_certificates},
          {"inputs", i.inputs}};
}

}  // namespace mtls::json
