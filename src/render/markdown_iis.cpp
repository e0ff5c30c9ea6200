// SPDX-License-Identifier: Apache-2.0
// The Markdown report's section on evidence.iis: the facts of render/text_iis.cpp as tables
// (sites and bindings, locations, http.sys bindings, Schannel, zones, stores).
#include <fmt/format.h>

#include "render/markdown_evidence.h"

namespace mtls::md {
namespace {

std::string_view on_off(const std::optional<bool>& v) {
  if (!v) return "unknown";
  return *v ? "enabled" : "disabled";
}

}  // namespace

void iis(std::string& out, const IisEvidence& i) {
  out += fmt::format("\n### IIS: {} site{}, {} location{}, {} http.sys binding{}\n", i.sites.size(), i.sites.size() == 1 ? "" : "s",
                     i.locations.size(), i.locations.size() == 1 ? "" : "s", i.bindings.size(), i.bindings.size() == 1 ? "" : "s");
  std::vector<std::vector<std::string>> sites;
  for (const IisSite& site : i.sites) {
    if (site.bindings.empty()) sites.push_back({cell(site.name), fmt::format("{}", site.id), "", "", ""});
    for (const IisBinding& b : site.bindings) {
      std::string flags;
      for (const std::string& n : b.ssl_flag_names) flags += (flags.empty() ? "" : ", ") + n;
      sites.push_back({cell(site.name), fmt::format("{}", site.id), cell(b.protocol), code(b.binding_information), cell(flags)});
    }
  }
  if (!sites.empty()) out += "\n" + table({"site", "id", "protocol", "binding", "flags"}, sites);
  std::vector<std::vector<std::string>> locations;
  for (const IisLocation& l : i.locations) {
    if (!l.access && !l.iis_mapping && !l.anonymous_authentication && !l.client_certificate_mapping_authentication) continue;
    std::string mapping;
    if (l.iis_mapping) {
      mapping = fmt::format("{} ({} mapping{}{})", on_off(l.iis_mapping->enabled), l.iis_mapping->mappings.size(),
                            l.iis_mapping->mappings.size() == 1 ? "" : "s",
                            l.iis_mapping->edits.empty() ? std::string() : fmt::format(", {} clear/remove", l.iis_mapping->edits.size()));
    }
    locations.push_back({l.path.empty() ? "(server)" : code(l.path), cell(l.override_mode), l.access ? code(l.access->text) : "",
                         l.anonymous_authentication ? std::string(on_off(l.anonymous_authentication)) : "", mapping,
                         l.client_certificate_mapping_authentication ? std::string(on_off(l.client_certificate_mapping_authentication)) : ""});
  }
  if (!locations.empty()) {
    out += "\n" + table({"location", "overrideMode", "sslFlags", "anonymous", "iisClientCertificateMapping", "clientCertificateMapping"},
                        locations);
  }
  std::vector<std::vector<std::string>> bindings;
  for (const HttpSysBinding& b : i.bindings) {
    bindings.push_back({cell(to_string(b.kind)), code(b.endpoint), b.certificate_hash.empty() ? "(none)" : code(b.certificate_hash),
                        std::string(on_off(b.negotiate_client_certificate)), b.ctl_store_name.empty() ? "(none)" : code(b.ctl_store_name)});
  }
  if (!bindings.empty()) out += "\n" + table({"http.sys binding", "endpoint", "certificate", "negotiate client certificate", "CTL store"}, bindings);
  std::vector<std::string> lines;
  if (i.schannel.read) {
    const auto value = [](const std::optional<unsigned>& v) { return v ? std::to_string(*v) : std::string("not set"); };
    lines.push_back(fmt::format("Schannel: SendTrustedIssuerList {}, ClientAuthTrustMode {}", value(i.schannel.send_trusted_issuer_list),
                                value(i.schannel.client_auth_trust_mode)));
  }
  for (const ZoneSetting& z : i.zones) lines.push_back(fmt::format("zone {} ({}): 1A04 = {}", text(z.zone), text(z.hive), z.value));
  for (const CertificateStoreSummary& st : i.stores) {
    lines.push_back(fmt::format("store {}: {} certificate{}", code(st.store), st.certificates, st.certificates == 1 ? "" : "s"));
  }
  if (!lines.empty()) {
    out += "\n";
    for (const std::string& l : lines) out += "- " + l + "\n";
  }
}

}  // namespace mtls::md
