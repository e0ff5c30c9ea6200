// SPDX-License-Identifier: Apache-2.0
// The HTML report's section on evidence.iis: sites and their bindings (binding sslFlags decoded),
// the locations that set client-certificate settings, the http.sys SSL bindings with their
// flags, Schannel, zones and machine stores (as render/text_iis.cpp, in tables).
#include <fmt/format.h>
#include <fmt/ranges.h>

#include "render/html_evidence.h"

namespace mtls::html {
namespace {

std::string on_off(const std::optional<bool>& v) {
  if (!v) return "<span class=\"dim\">not shown</span>";
  return *v ? "enabled" : "<strong>disabled</strong>";
}

std::string or_none(const std::string& v) { return v.empty() ? std::string("<span class=\"dim\">(none)</span>") : code(v); }

}  // namespace

void iis(std::string& out, const IisEvidence& i) {
  out += fmt::format("<section id=\"iis\">\n<h3>IIS and http.sys</h3>\n<p>{}, {}, {}</p>\n", count_of(i.sites.size(), "site", "sites"),
                     count_of(i.locations.size(), "location", "locations"),
                     count_of(i.bindings.size(), "http.sys binding", "http.sys bindings"));
  if (!i.sites.empty()) {
    std::vector<std::vector<std::string>> rows;
    for (const IisSite& site : i.sites) {
      if (site.bindings.empty()) rows.push_back({e(site.name), e(site.id), "<span class=\"dim\">no bindings</span>", "", ""});
      for (const IisBinding& b : site.bindings) {
        const std::string flags = b.ssl_flag_names.empty() ? std::string() : e(fmt::format("{}", fmt::join(b.ssl_flag_names, ", ")));
        rows.push_back({e(site.name), e(site.id), e(b.protocol), code(b.binding_information),
                        b.protocol == "https" ? fmt::format("{}{}", b.ssl_flags, flags.empty() ? "" : " (" + flags + ")") : flags});
      }
    }
    out += "<h4>Sites and bindings</h4>\n" + table({"site", "id", "protocol", "binding", "sslFlags"}, rows, "sites");
  }
  std::vector<std::vector<std::string>> locations;
  for (const IisLocation& l : i.locations) {
    if (!l.access && !l.iis_mapping && !l.anonymous_authentication && !l.client_certificate_mapping_authentication) continue;
    std::string mapping;
    if (l.iis_mapping) {
      mapping = fmt::format("iisClientCertificateMapping {} ({}{})", on_off(l.iis_mapping->enabled),
                            count_of(l.iis_mapping->mappings.size(), "mapping", "mappings"),
                            l.iis_mapping->edits.empty() ? std::string() : fmt::format(", {} clear/remove", l.iis_mapping->edits.size()));
    }
    if (l.client_certificate_mapping_authentication) {
      mapping += (mapping.empty() ? "" : "<br>") + std::string("clientCertificateMapping ") + on_off(l.client_certificate_mapping_authentication);
    }
    locations.push_back({l.path.empty() ? "<span class=\"dim\">(server)</span>" : code(l.path), e(l.override_mode),
                         l.access ? code(l.access->text) : "", l.anonymous_authentication ? on_off(l.anonymous_authentication) : "",
                         mapping, code(l.origin.ref)});
  }
  if (!locations.empty()) {
    out += "<h4>Locations</h4>\n" +
           table({"path", "overrideMode", "access sslFlags", "anonymous", "certificate mapping", "where"}, locations, "locations");
  }
  if (!i.bindings.empty()) {
    std::vector<std::vector<std::string>> rows;
    for (const HttpSysBinding& b : i.bindings) {
      std::vector<std::string> flags;
      const auto flag = [&](std::string_view name, const std::optional<bool>& v) {
        if (v && *v) flags.emplace_back(name);
      };
      flag("verify revocation", b.verify_client_certificate_revocation);
      flag("cached revocation only", b.verify_revocation_using_cached_client_certificate_only);
      flag("usage check", b.usage_check);
      flag("DS mapper", b.ds_mapper_usage);
      flag("reject connections", b.reject_connections);
      flag("disable HTTP/2", b.disable_http2);
      flag("disable QUIC", b.disable_quic);
      flag("disable TLS 1.2", b.disable_tls12);
      flag("disable TLS 1.3", b.disable_tls13);
      flag("disable OCSP stapling", b.disable_ocsp_stapling);
      flag("disable legacy TLS", b.disable_legacy_tls);
      std::string other = e(fmt::format("{}", fmt::join(flags, ", ")));
      if (b.default_flags) other += fmt::format("{}DefaultFlags 0x{:X}", other.empty() ? "" : "<br>", *b.default_flags);
      rows.push_back({e(to_string(b.kind)), code(b.endpoint), or_none(b.certificate_hash), or_none(b.certificate_store_name),
                      or_none(b.application_id), on_off(b.negotiate_client_certificate), or_none(b.ctl_store_name),
                      or_none(b.ctl_identifier), other, code(b.origin.ref)});
    }
    out += "<h4>http.sys SSL bindings</h4>\n" +
           table({"kind", "endpoint", "certificate", "store", "app id", "negotiate client certificate", "CTL store", "CTL identifier",
                  "other flags", "where"},
                 rows, "httpsys");
  }
  if (i.schannel.read) {
    const auto value = [](const std::optional<unsigned>& v) { return v ? std::to_string(*v) : std::string("not set"); };
    out += fmt::format("<p>Schannel: SendTrustedIssuerList {}, ClientAuthTrustMode {}</p>\n", value(i.schannel.send_trusted_issuer_list),
                       value(i.schannel.client_auth_trust_mode));
  }
  for (const ZoneSetting& z : i.zones) out += fmt::format("<p>zone {} ({}): 1A04 = {}</p>\n", e(z.zone), e(z.hive), z.value);
  if (!i.stores.empty()) {
    std::vector<std::vector<std::string>> rows;
    for (const CertificateStoreSummary& st : i.stores) rows.push_back({e(st.store), fmt::format("{}", st.certificates)});
    out += "<h4>Machine stores</h4>\n" + table({"store", "certificates"}, rows);
  }
  out += "</section>\n";
}

}  // namespace mtls::html
