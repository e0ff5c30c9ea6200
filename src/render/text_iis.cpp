// SPDX-License-Identifier: Apache-2.0
// The text report's section on evidence.iis.
#include <fmt/format.h>

#include "render/text_evidence.h"

namespace mtls::text {
namespace {

std::string_view on_off(const std::optional<bool>& v) {
  if (!v) return "unknown";
  return *v ? "enabled" : "disabled";
}

}  // namespace

void iis(std::string& out, const text::Styler& s, const IisEvidence& i) {
  out += fmt::format("\n{} {} site{}, {} location{}, {} http.sys binding{}\n", s(Style::bold, "IIS:"), i.sites.size(),
                     i.sites.size() == 1 ? "" : "s", i.locations.size(), i.locations.size() == 1 ? "" : "s",
                     i.bindings.size(), i.bindings.size() == 1 ? "" : "s");
  for (const IisSite& site : i.sites) {
    out += fmt::format("  site \"{}\" (id {})\n", site.name, site.id);
    for (const IisBinding& b : site.bindings) {
      std::string flags;
      for (const std::string& n : b.ssl_flag_names) flags += (flags.empty() ? "" : ", ") + n;
      out += fmt::format("    {} {}{}\n", b.protocol, b.binding_information, flags.empty() ? "" : " [" + flags + "]");
    }
  }
  for (const IisLocation& l : i.locations) {
    if (!l.access && !l.iis_mapping && !l.anonymous_authentication && !l.client_certificate_mapping_authentication) continue;
    std::string parts;
    if (l.access) parts += fmt::format("sslFlags \"{}\"", l.access->text);
    if (l.anonymous_authentication) parts += fmt::format("{}anonymous {}", parts.empty() ? "" : ", ", on_off(l.anonymous_authentication));
    if (l.iis_mapping) {
      parts += fmt::format("{}iisClientCertificateMapping {} ({} mapping{}{})", parts.empty() ? "" : ", ", on_off(l.iis_mapping->enabled),
                           l.iis_mapping->mappings.size(), l.iis_mapping->mappings.size() == 1 ? "" : "s",
                           l.iis_mapping->edits.empty() ? std::string()
                                                        : fmt::format(", {} clear/remove", l.iis_mapping->edits.size()));
    }
    if (l.client_certificate_mapping_authentication) {
      parts += fmt::format("{}clientCertificateMapping {}", parts.empty() ? "" : ", ", on_off(l.client_certificate_mapping_authentication));
    }
    out += s.wrap(fmt::format("location \"{}\"{}{}: {}", l.path.empty() ? "(server)" : l.path,
                              l.override_mode.empty() ? "" : " overrideMode=", l.override_mode, parts),
                  "  ", "    ") + "\n";
  }
  for (const HttpSysBinding& b : i.bindings) {
    out += s.wrap(fmt::format("{} {}: certificate {}, negotiate client certificate {}, CTL store {}", to_string(b.kind), b.endpoint,
                              b.certificate_hash.empty() ? "(none)" : b.certificate_hash, on_off(b.negotiate_client_certificate),
                              b.ctl_store_name.empty() ? "(none)" : b.ctl_store_name),
                  "  ", "    ") + "\n";
  }
  if (i.schannel.read) {
    const auto value = [](const std::optional<unsigned>& v) { return v ? std::to_string(*v) : std::string("not set"); };
    out += fmt::format("  Schannel: SendTrustedIssuerList {}, ClientAuthTrustMode {}\n", value(i.schannel.send_trusted_issuer_list),
                       value(i.schannel.client_auth_trust_mode));
  }
  for (const ZoneSetting& z : i.zones) out += fmt::format("  zone {} ({}): 1A04 = {}\n", z.zone, z.hive, z.value);
  for (const CertificateStoreSummary& st : i.stores) {
    out += fmt::format("  store {}: {} certificate{}\n", st.store, st.certificates, st.certificates == 1 ? "" : "s");
  }
}

}  // namespace mtls::text
