// SPDX-License-Identifier: Apache-2.0
#include "parse/iis/iis_config.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <pugixml.hpp>

#include "parse/iis/text_decoding.h"

namespace mtls::parse {
namespace {

constexpr int kMaxDepth = 200;

/// Maps pugixml byte offsets to line numbers.
class LineIndex {
 public:
  explicit LineIndex(std::string_view text) {
    for (std::size_t i = 0; i < text.size(); ++i) {
      if (text[i] == '\n') newlines_.push_back(i);
    }
  }
  std::size_t line_of(std::ptrdiff_t offset) const {
    if (offset < 0) return 0;
    return static_cast<std::size_t>(std::lower_bound(newlines_.begin(), newlines_.end(),
                                                     static_cast<std::size_t>(offset)) -
                                    newlines_.begin()) +
           1;
  }

 private:
  std::vector<std::size_t> newlines_;
};

class Reader {
 public:
  Reader(std::string_view text, std::string_view source, std::optional<std::string> base)
      : text_(text), source_(source), lines_(text), base_(std::move(base)) {}

  Expected<IisConfig> run() {
    pugi::xml_document doc;
    const pugi::xml_parse_result result =
        doc.load_buffer(text_.data(), text_.size(), pugi::parse_default | pugi::parse_fragment, pugi::encoding_utf8);
    if (!result) {
      return unexpected(fmt::format("not well-formed XML ({})", result.description()),
                        fmt::format("{}:{}", source_, lines_.line_of(result.offset)));
    }
    if (!doc.first_child() || !doc.find_child([](pugi::xml_node n) { return n.type() == pugi::node_element; })) {
      return unexpected("no XML element (expected applicationHost.config or web.config)", std::string(source_));
    }
    // Without a virtual path, a <configuration> is a web.config unless it holds what only
    // applicationHost.config holds: <system.applicationHost>, or the declaration of the
    // system.webServer section group in <configSections>.
    const pugi::xml_node configuration = doc.child("configuration");
    const bool declares_web_server =
        configuration.child("configSections").find_child_by_attribute("sectionGroup", "name", "system.webServer");
    web_config_ = base_.has_value() ||
                  (configuration && !configuration.child("system.applicationHost") && !declares_web_server);
    for (pugi::xml_node child : doc.children()) {
      if (child.type() != pugi::node_element) continue;
      if (auto r = walk(child, root_path(), 0); !r) return unexpected(r.error());
    }
    return std::move(config_);
  }

 private:
  std::string root_path() const { return base_.value_or(""); }

  std::string where(pugi::xml_node node) const {
    return fmt::format("{}:{}", source_, lines_.line_of(node.offset_debug()));
  }
  std::size_t line(pugi::xml_node node) const { return lines_.line_of(node.offset_debug()); }

  /// The start tag of `node` as written (first line only), for evidence text.
  std::string start_tag(pugi::xml_node node) const {
    std::ptrdiff_t at = node.offset_debug();
    if (at > 0 && text_[static_cast<std::size_t>(at) - 1] == '<') --at;  // pugixml points at the name
    if (at < 0 || static_cast<std::size_t>(at) >= text_.size()) return std::string("<") + node.name() + ">";
    std::string_view rest = text_.substr(static_cast<std::size_t>(at));
    std::size_t end = rest.find('>');
    const std::size_t nl = rest.find('\n');
    if (end == std::string_view::npos || (nl != std::string_view::npos && nl < end)) {
      end = nl == std::string_view::npos ? std::min<std::size_t>(rest.size(), 200) : nl;
      return std::string(trim(rest.substr(0, end)));
    }
    return std::string(rest.substr(0, end + 1));
  }

  /// Evidence text never carries a secret: password attribute values are replaced.
  static std::string redact(std::string text) {
    std::size_t at = 0;
    while (true) {
      std::size_t found = std::string::npos;
      for (std::size_t i = at; i + 9 <= text.size(); ++i) {
        if (iequals(std::string_view(text).substr(i, 9), "password=")) {
          found = i;
          break;
        }
      }
      if (found == std::string::npos || found + 10 > text.size()) return text;
      const char quote = text[found + 9];
      if (quote != '"' && quote != '\'') return text;
      const std::size_t end = text.find(quote, found + 10);
      const std::size_t stop = end == std::string::npos ? text.size() : end;
      text.replace(found + 10, stop - (found + 10), "(not shown)");
      at = found + 10;
    }
  }

  EvidenceRef ref(pugi::xml_node node) const {
    return at_line("iis", std::string(source_), line(node), redact(start_tag(node)));
  }

  Expected<std::optional<bool>> boolean(pugi::xml_node node, const char* name) const {
    const pugi::xml_attribute a = node.attribute(name);
    if (!a) return std::optional<bool>();
    const std::string_view v = trim(a.value());
    if (iequals(v, "true")) return std::optional<bool>(true);
    if (iequals(v, "false")) return std::optional<bool>(false);
    return unexpected(fmt::format("{}=\"{}\" is not true or false", name, a.value()), where(node));
  }

  IisLocation& location_for(const std::string& path, pugi::xml_node origin, const std::string& override_mode) {
    for (IisLocation& l : config_.locations) {
      if (l.path == path && l.override_mode == override_mode && l.config_file == source_) return l;
    }
    IisLocation l;
    l.path = path;
    l.override_mode = override_mode;
    l.config_file = std::string(source_);
    l.from_web_config = web_config_;
    l.origin = ref(origin);
    config_.locations.push_back(std::move(l));
    return config_.locations.back();
  }

  std::string join(const std::string& base, std::string_view path) const {
    std::string p(trim(path));
    while (!p.empty() && (p.front() == '/' || p.front() == '\\')) p.erase(0, 1);
    while (!p.empty() && (p.back() == '/' || p.back() == '\\')) p.pop_back();
    if (base.empty()) return p;
    if (p.empty()) return base;
    return base + "/" + p;
  }

  Expected<Done> walk(pugi::xml_node node, const std::string& path, int depth) {
    if (depth > kMaxDepth) return unexpected(fmt::format("elements nested deeper than {}", kMaxDepth), where(node));
    const std::string_view name = node.name();
    if (name == "sites") return sites(node);
    if (name == "configSections") return config_sections(node, "", depth + 1);
    if (name == "location") {
      const std::string loc_path = join(web_config_ ? root_path() : std::string(), node.attribute("path").value());
      IisLocation& l = location_for(loc_path, node, node.attribute("overrideMode").value());
      (void)l;
      for (pugi::xml_node child : node.children()) {
        if (child.type() != pugi::node_element) continue;
        if (auto r = section_group(child, loc_path, node.attribute("overrideMode").value(), node, depth + 1); !r) return r;
      }
      return Done{};
    }
    if (name == "system.webServer" || name == "system.serviceModel") {
      return section_group(node, path, "", node, depth);
    }
    for (pugi::xml_node child : node.children()) {
      if (child.type() != pugi::node_element) continue;
      if (auto r = walk(child, path, depth + 1); !r) return r;
    }
    return Done{};
  }

  /// <configSections><sectionGroup name="system.webServer"><sectionGroup name="security">
  /// <section name="access" overrideModeDefault="Deny"/>: the lock default of the security
  /// sections (IIS ships access and the authentication sections with "Deny").
  Expected<Done> config_sections(pugi::xml_node node, const std::string& prefix, int depth) {
    if (depth > kMaxDepth) return unexpected(fmt::format("elements nested deeper than {}", kMaxDepth), where(node));
    for (pugi::xml_node child : node.children()) {
      if (child.type() != pugi::node_element) continue;
      const std::string_view kind = child.name();
      const std::string full = prefix.empty() ? std::string(child.attribute("name").value())
                                              : prefix + "/" + child.attribute("name").value();
      if (kind == "sectionGroup") {
        if (auto r = config_sections(child, full, depth + 1); !r) return r;
      } else if (kind == "section" && istarts_with(full, "system.webServer/security/")) {
        config_.section_declarations.push_back({full, child.attribute("overrideModeDefault").value(), ref(child)});
      }
    }
    return Done{};
  }

  Expected<Done> section_group(pugi::xml_node node, const std::string& path, const std::string& override_mode,
                               pugi::xml_node location_node, int depth) {
    const std::string_view name = node.name();
    if (name == "system.webServer") {
      IisLocation& l = location_for(path, location_node, override_mode);
      return web_server(node, l);
    }
    if (name == "system.serviceModel") {
      IisLocation& l = location_for(path, location_node, override_mode);
      return service_model(node, l, depth);
    }
    return walk(node, path, depth + 1);
  }

  Expected<Done> web_server(pugi::xml_node ws, IisLocation& l) {
    const pugi::xml_node security = ws.child("security");
    // The sections whose lock matters for client certificates (named even when empty: IIS rejects
    // a locked section's mere presence in web.config with 500.19).
    if (const pugi::xml_node access = security.child("access")) {
      l.sections.push_back({"system.webServer/security/access", ref(access)});
    }
    for (const char* section : {"anonymousAuthentication", "clientCertificateMappingAuthentication",
                                "iisClientCertificateMappingAuthentication"}) {
      if (const pugi::xml_node a = security.child("authentication").child(section)) {
        l.sections.push_back({fmt::format("system.webServer/security/authentication/{}", section), ref(a)});
      }
    }
    if (const pugi::xml_node access = security.child("access"); access && access.attribute("sslFlags")) {
      auto flags = parse_access_ssl_flags(access.attribute("sslFlags").value());
      if (!flags) return unexpected(flags.error().message, where(access));
      flags->origin = ref(access);
      l.access = *flags;
    }
    const pugi::xml_node auth = security.child("authentication");
    if (const pugi::xml_node a = auth.child("anonymousAuthentication")) {
      auto v = boolean(a, "enabled");
      if (!v) return unexpected(v.error());
      if (*v) {
        l.anonymous_authentication = *v;
        l.anonymous_origin = ref(a);
      }
    }
    if (const pugi::xml_node a = auth.child("windowsAuthentication")) {
      auto v = boolean(a, "enabled");
      if (!v) return unexpected(v.error());
      if (*v) l.windows_authentication = *v;
    }
    if (const pugi::xml_node a = auth.child("clientCertificateMappingAuthentication")) {
      auto v = boolean(a, "enabled");
      if (!v) return unexpected(v.error());
      if (*v) {
        l.client_certificate_mapping_authentication = *v;
        l.client_certificate_mapping_origin = ref(a);
      }
    }
    if (const pugi::xml_node a = auth.child("iisClientCertificateMappingAuthentication")) {
      auto m = iis_mapping(a);
      if (!m) return unexpected(m.error());
      l.iis_mapping = std::move(*m);
    }
    for (pugi::xml_node add : ws.child("handlers").children("add")) {
      const std::string_view p = add.attribute("path").value();
      if (p.size() >= 4 && iequals(p.substr(p.size() - 4), ".svc")) {
        l.wcf_svc_handler = ref(add);
        break;
      }
    }
    return Done{};
  }

  Expected<IisClientCertificateMappingAuthentication> iis_mapping(pugi::xml_node a) {
    IisClientCertificateMappingAuthentication m;
    m.origin = ref(a);
    auto enabled = boolean(a, "enabled");
    if (!enabled) return unexpected(enabled.error());
    m.enabled = *enabled;
    auto one = boolean(a, "oneToOneCertificateMappingsEnabled");
    if (!one) return unexpected(one.error());
    m.one_to_one_enabled = *one;
    auto many = boolean(a, "manyToOneCertificateMappingsEnabled");
    if (!many) return unexpected(many.error());
    m.many_to_one_enabled = *many;
    // Collections are read in document order: <add>, <remove> and <clear/> (IIS configuration
    // reference, "Collections"). The unique keys are oneToOne `certificate` and manyToOne `name`
    // (IIS_schema.xml); a rule's key is certificateField + certificateSubField + matchCriteria.
    for (pugi::xml_node item : a.child("oneToOneMappings").children()) {
      if (item.type() != pugi::node_element) continue;
      const std::string_view kind = item.name();
      if (kind == "clear" || kind == "remove") {
        m.edits.push_back({IisMappingKind::one_to_one, kind == "clear" ? IisCollectionAction::clear : IisCollectionAction::remove,
                            item.attribute("certificate").value(), m.mappings.size(), ref(item)});
        continue;
      }
      if (kind != "add") continue;
      IisCertificateMapping mapping;
      mapping.kind = IisMappingKind::one_to_one;
      mapping.enabled = item.attribute("enabled").value();
      mapping.user_name = item.attribute("userName").value();
      mapping.has_password = !std::string_view(item.attribute("password").value()).empty();
      mapping.certificate = item.attribute("certificate").value();
      mapping.origin = ref(item);
      m.mappings.push_back(std::move(mapping));
    }
    for (pugi::xml_node item : a.child("manyToOneMappings").children()) {
      if (item.type() != pugi::node_element) continue;
      const std::string_view kind = item.name();
      if (kind == "clear" || kind == "remove") {
        m.edits.push_back({IisMappingKind::many_to_one, kind == "clear" ? IisCollectionAction::clear : IisCollectionAction::remove,
                            item.attribute("name").value(), m.mappings.size(), ref(item)});
        continue;
      }
      if (kind != "add") continue;
      IisCertificateMapping mapping;
      mapping.kind = IisMappingKind::many_to_one;
      mapping.name = item.attribute("name").value();
      mapping.enabled = item.attribute("enabled").value();
      mapping.permission_mode = item.attribute("permissionMode").value();
      mapping.user_name = item.attribute("userName").value();
      mapping.has_password = !std::string_view(item.attribute("password").value()).empty();
      mapping.origin = ref(item);
      // A rules collection lives inside one <add>: its clear/remove act on the rules before them.
      for (pugi::xml_node rule : item.child("rules").children()) {
        if (rule.type() != pugi::node_element) continue;
        const std::string_view rkind = rule.name();
        const std::string field = rule.attribute("certificateField").value();
        const std::string sub = rule.attribute("certificateSubField").value();
        const std::string match = rule.attribute("matchCriteria").value();
        if (rkind == "clear") {
          mapping.rules.clear();
        } else if (rkind == "remove") {
          std::erase_if(mapping.rules, [&](const IisManyToOneRule& r) {
            return iequals(r.certificate_field, field) && iequals(r.certificate_sub_field, sub) && r.match_criteria == match;
          });
        } else if (rkind == "add") {
          mapping.rules.push_back({field, sub, match, rule.attribute("compareCaseSensitive").value(), ref(rule)});
        }
      }
      m.mappings.push_back(std::move(mapping));
    }
    return m;
  }

  Expected<Done> service_model(pugi::xml_node sm, IisLocation& l, int depth) {
    if (depth > kMaxDepth) return unexpected(fmt::format("elements nested deeper than {}", kMaxDepth), where(sm));
    // <bindings><basicHttpBinding|wsHttpBinding|webHttpBinding|...><binding><security mode="Transport">
    //   <transport clientCredentialType="Certificate"/>: WCF transport security with client
    // certificates, which in IIS also needs anonymous authentication (checklist step C14).
    for (pugi::xml_node kind : sm.child("bindings").children()) {
      for (pugi::xml_node binding : kind.children("binding")) {
        const pugi::xml_node security = binding.child("security");
        const std::string_view mode = security.attribute("mode").value();
        if (!istarts_with(mode, "Transport")) continue;
        const pugi::xml_node transport = security.child("transport");
        if (iequals(transport.attribute("clientCredentialType").value(), "Certificate")) {
          l.wcf_transport_certificate = ref(transport);
          return Done{};
        }
      }
    }
    return Done{};
  }

  Expected<Done> sites(pugi::xml_node sites) {
    for (pugi::xml_node s : sites.children("site")) {
      IisSite site;
      site.name = s.attribute("name").value();
      site.id = s.attribute("id").value();
      site.origin = ref(s);
      for (pugi::xml_node app : s.children("application")) {
        IisApplication a;
        a.path = app.attribute("path").value();
        a.application_pool = app.attribute("applicationPool").value();
        a.origin = ref(app);
        for (pugi::xml_node vd : app.children("virtualDirectory")) {
          a.virtual_directories.push_back({vd.attribute("path").value(), vd.attribute("physicalPath").value(), ref(vd)});
        }
        site.applications.push_back(std::move(a));
      }
      for (pugi::xml_node b : s.child("bindings").children("binding")) {
        auto binding = parse_binding(b);
        if (!binding) return unexpected(binding.error());
        site.bindings.push_back(std::move(*binding));
      }
      config_.sites.push_back(std::move(site));
    }
    return Done{};
  }

  Expected<IisBinding> parse_binding(pugi::xml_node b) const {
    IisBinding binding;
    binding.protocol = b.attribute("protocol").value();
    binding.binding_information = b.attribute("bindingInformation").value();
    binding.origin = ref(b);
    if (const pugi::xml_attribute f = b.attribute("sslFlags")) {
      const std::string_view v = trim(f.value());
      unsigned n = 0;
      const auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
      if (ec != std::errc{} || end != v.data() + v.size() || v.empty()) {
        return unexpected(fmt::format("binding sslFlags=\"{}\" is not a number", f.value()), where(b));
      }
      binding.ssl_flags = n;
      binding.ssl_flag_names = binding_ssl_flag_names(n);
    }
    // bindingInformation is "IP:port:host"; the IP may be IPv6 in brackets ("[::1]:443:").
    const std::string_view info = binding.binding_information;
    const std::size_t host_sep = info.rfind(':');
    if (binding.protocol == "https" || binding.protocol == "http") {
      if (host_sep == std::string_view::npos || host_sep == 0) {
        return unexpected(fmt::format("bindingInformation=\"{}\" is not IP:port:host", info), where(b));
      }
      const std::size_t port_sep = info.rfind(':', host_sep - 1);
      if (port_sep == std::string_view::npos) {
        return unexpected(fmt::format("bindingInformation=\"{}\" is not IP:port:host", info), where(b));
      }
      binding.ip = std::string(info.substr(0, port_sep));
      binding.port = std::string(info.substr(port_sep + 1, host_sep - port_sep - 1));
      binding.host = std::string(info.substr(host_sep + 1));
    }
    return binding;
  }

  std::string_view text_;
  std::string_view source_;
  LineIndex lines_;
  std::optional<std::string> base_;
  bool web_config_ = false;
  IisConfig config_;
};

}  // namespace

Expected<IisAccessSslFlags> parse_access_ssl_flags(std::string_view text) {
  IisAccessSslFlags flags;
  flags.text = std::string(text);
  std::string_view rest = text;
  while (true) {
    const std::size_t comma = rest.find(',');
    const std::string_view word = trim(rest.substr(0, comma));
    if (word.empty() || iequals(word, "None")) {
    } else if (iequals(word, "Ssl")) {
      flags.ssl = true;
    } else if (iequals(word, "SslNegotiateCert")) {
      flags.negotiate_cert = true;
    } else if (iequals(word, "SslRequireCert")) {
      flags.require_cert = true;
    } else if (iequals(word, "Ssl128")) {
      flags.ssl128 = true;
    } else if (iequals(word, "SslMapCert")) {
      // IIS 6 metabase flag, accepted and ignored by IIS 7+.
    } else {
      return unexpected(fmt::format("sslFlags=\"{}\": unknown flag \"{}\" (expected None, Ssl, SslNegotiateCert, "
                                    "SslRequireCert or Ssl128)",
                                    text, word));
    }
    if (comma == std::string_view::npos) break;
    rest.remove_prefix(comma + 1);
  }
  return flags;
}

std::vector<std::string> binding_ssl_flag_names(unsigned flags) {
  static const std::pair<unsigned, const char*> kNames[] = {
      {binding_ssl_flag::sni, "Sni"},
      {binding_ssl_flag::central_certificate_store, "CentralCertStore"},
      {binding_ssl_flag::disable_http2, "DisableHTTP2"},
      {binding_ssl_flag::disable_ocsp_stapling, "DisableOCSPStp"},
      {binding_ssl_flag::disable_quic, "DisableQUIC"},
      {binding_ssl_flag::disable_tls13, "DisableTLS13"},
      {binding_ssl_flag::disable_legacy_tls, "DisableLegacyTLS"},
  };
  std::vector<std::string> names;
  unsigned known = 0;
  for (const auto& [bit, name] : kNames) {
    known |= bit;
    if (flags & bit) names.emplace_back(name);
  }
  if (flags & ~known) names.push_back(fmt::format("0x{:X}", flags & ~known));
  return names;
}

Expected<IisConfig> parse_iis_config(std::string_view text, std::string_view source_name,
                                     std::optional<std::string> web_config_path) {
  return Reader(text, source_name, std::move(web_config_path)).run();
}

}  // namespace mtls::parse
