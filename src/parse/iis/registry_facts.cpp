// SPDX-License-Identifier: Apache-2.0
#include "parse/iis/registry_facts.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <string>

#include "parse/iis/text_decoding.h"

namespace mtls::parse {
namespace {

std::vector<std::string> split_path(std::string_view path) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (start <= path.size()) {
    const std::size_t end = path.find('\\', start);
    const std::string_view part = path.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
    if (!part.empty()) parts.emplace_back(part);
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  return parts;
}

bool is_control_set(std::string_view part) {
  if (iequals(part, "CurrentControlSet")) return true;
  return istarts_with(part, "ControlSet") && part.size() > 10 &&
         std::all_of(part.begin() + 10, part.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
}

/// Matches `parts[from...]` against `pattern` case-insensitively.
bool matches(const std::vector<std::string>& parts, std::size_t from, std::initializer_list<std::string_view> pattern) {
  if (parts.size() < from + pattern.size()) return false;
  std::size_t i = from;
  for (std::string_view p : pattern) {
    if (!iequals(parts[i++], p)) return false;
  }
  return true;
}

const RegistryValue* find_value(const std::vector<RegistryValue>& values, std::string_view name) {
  for (const RegistryValue& v : values) {
    if (!v.deleted && iequals(v.name, name)) return &v;
  }
  return nullptr;
}

std::optional<std::uint32_t> dword(const std::vector<RegistryValue>& values, std::string_view name) {
  const RegistryValue* v = find_value(values, name);
  if (!v) return std::nullopt;
  if (v->type == static_cast<std::uint32_t>(RegistryType::dword) ||
      v->type == static_cast<std::uint32_t>(RegistryType::qword)) {
    return static_cast<std::uint32_t>(v->number);
  }
  return std::nullopt;
}

std::string text_value(const std::vector<RegistryValue>& values, std::string_view name) {
  const RegistryValue* v = find_value(values, name);
  if (!v) return {};
  if (!v->text.empty()) return v->text;
  // A binary-typed string (UTF-16LE) as some tools write it.
  if (v->type == static_cast<std::uint32_t>(RegistryType::binary) && v->data.size() % 2 == 0 && !v->data.empty()) {
    auto decoded = decode_text("\xFF\xFE" + v->data, "");
    if (decoded) {
      std::string s = *decoded;
      s.erase(std::find(s.begin(), s.end(), '\0'), s.end());
      return s;
    }
  }
  return {};
}

std::string hex_upper(std::string_view bytes) {
  std::string out;
  for (unsigned char c : bytes) out += fmt::format("{:02X}", c);
  return out;
}

std::string lower_ascii(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

/// GUID from its 16-byte in-memory form (Data1..3 little-endian): "{4dc3e181-e14b-4a21-b022-...}".
std::string guid_text(std::string_view b) {
  if (b.size() != 16) return hex_upper(b);
  const auto u = [&](std::size_t i) { return static_cast<unsigned>(static_cast<unsigned char>(b[i])); };
  return fmt::format("{{{:08x}-{:04x}-{:04x}-{:02x}{:02x}-{:02x}{:02x}{:02x}{:02x}{:02x}{:02x}}}",
                     u(0) | (u(1) << 8) | (u(2) << 16) | (u(3) << 24), u(4) | (u(5) << 8), u(6) | (u(7) << 8), u(8),
                     u(9), u(10), u(11), u(12), u(13), u(14), u(15));
}

EvidenceRef value_origin(const RegistryKey& key, std::string_view name) {
  for (const RegistryValue& v : key.values) {
    if (!v.deleted && iequals(v.name, name)) return v.origin;
  }
  return key.origin;
}

}  // namespace

HttpSysBinding http_sys_binding_from_registry(HttpSysBindingKind kind, std::string_view key_name,
                                              const std::vector<RegistryValue>& values, const EvidenceRef& origin) {
  HttpSysBinding b;
  b.kind = kind;
  b.endpoint = std::string(key_name);
  if (kind == HttpSysBindingKind::central_certificate_store) {
    const std::size_t colon = key_name.rfind(':');
    if (colon != std::string_view::npos) b.endpoint = std::string(key_name.substr(colon + 1));
  }
  if (const RegistryValue* hash = find_value(values, "SslCertHash")) b.certificate_hash = lower_ascii(hex_upper(hash->data));
  if (const RegistryValue* app = find_value(values, "AppId")) b.application_id = guid_text(app->data);
  b.certificate_store_name = text_value(values, "SslCertStoreName");
  // HTTP_SERVICE_CONFIG_SSL_PARAM.DefaultCertCheckMode: 1 = no revocation check, 2 = cached
  // client certificate only, 4 = use the freshness time, 0x10000 = no usage check.
  const std::uint32_t mode = dword(values, "DefaultSslCertCheckMode").value_or(0);
  b.verify_client_certificate_revocation = (mode & 0x1) == 0;
  b.verify_revocation_using_cached_client_certificate_only = (mode & 0x2) != 0;
  b.usage_check = (mode & 0x10000) == 0;
  b.revocation_freshness_time = dword(values, "DefaultSslRevocationFreshnessTime").value_or(0);
  b.url_retrieval_timeout = dword(values, "DefaultSslRevocationUrlRetrievalTimeout").value_or(0);
  b.ctl_identifier = text_value(values, "DefaultSslCtlIdentifier");
  b.ctl_store_name = text_value(values, "DefaultSslCtlStoreName");
  if (b.ctl_store_name.empty()) b.ctl_store_name = text_value(values, "SslCtlStoreName");
  // HTTP_SERVICE_CONFIG_SSL_FLAG_* (http.h); absent DefaultFlags is 0 on every Windows version.
  const std::uint32_t flags = dword(values, "DefaultFlags").value_or(0);
  b.default_flags = flags;
  b.ds_mapper_usage = (flags & 0x1) != 0;
  b.negotiate_client_certificate = (flags & 0x2) != 0;
  b.reject_connections = (flags & 0x8) != 0;
  b.disable_http2 = (flags & 0x10) != 0;
  b.disable_quic = (flags & 0x20) != 0;
  b.disable_tls13 = (flags & 0x40) != 0;
  b.disable_ocsp_stapling = (flags & 0x80) != 0;
  b.enable_token_binding = (flags & 0x100) != 0;
  b.log_extended_events = (flags & 0x200) != 0;
  b.disable_legacy_tls = (flags & 0x400) != 0;
  b.enable_session_ticket = (flags & 0x800) != 0;
  b.disable_tls12 = (flags & 0x1000) != 0;
  b.origin = origin;
  return b;
}

Expected<std::string> certificate_from_blob(std::string_view blob) {
  std::size_t at = 0;
  const auto u32 = [&](std::size_t i) {
    return static_cast<std::uint32_t>(static_cast<unsigned char>(blob[i])) |
           (static_cast<std::uint32_t>(static_cast<unsigned char>(blob[i + 1])) << 8) |
           (static_cast<std::uint32_t>(static_cast<unsigned char>(blob[i + 2])) << 16) |
           (static_cast<std::uint32_t>(static_cast<unsigned char>(blob[i + 3])) << 24);
  };
  while (at + 12 <= blob.size()) {
    const std::uint32_t id = u32(at);
    const std::uint32_t length = u32(at + 8);
    at += 12;
    if (length > blob.size() - at) {
      return unexpected(fmt::format("property {} at byte {} claims {} bytes, {} left", id, at - 12, length, blob.size() - at));
    }
    if (id == 32) return std::string(blob.substr(at, length));
    at += length;
  }
  return unexpected("no certificate property (CERT_CERT_PROP_ID 32) in the Blob");
}

void collect_registry_facts(const std::vector<RegistryKey>& keys, IisEvidence& out) {
  for (const RegistryKey& key : keys) {
    if (key.deleted) continue;
    const std::vector<std::string> parts = split_path(key.path);
    if (parts.empty()) continue;
    std::size_t i = 0;
    std::string hive;
    if (iequals(parts[0], "HKEY_LOCAL_MACHINE") || iequals(parts[0], "HKLM")) {
      hive = "HKEY_LOCAL_MACHINE";
      i = 1;
    } else if (iequals(parts[0], "HKEY_CURRENT_USER") || iequals(parts[0], "HKCU")) {
      hive = "HKEY_CURRENT_USER";
      i = 1;
    } else if (iequals(parts[0], "HKEY_USERS") && parts.size() > 1) {
      hive = "HKEY_CURRENT_USER";
      i = 2;
    } else {
      continue;
    }
    if (hive == "HKEY_LOCAL_MACHINE" && matches(parts, i, {"SYSTEM"}) && parts.size() > i + 1 && is_control_set(parts[i + 1])) {
      const std::size_t s = i + 2;
      if (matches(parts, s, {"Control", "SecurityProviders", "SCHANNEL"})) {
        SchannelSettings& sc = out.schannel;
        sc.read = true;
        if (parts.size() == s + 3) {
          sc.origin = key.origin;
          if (auto v = dword(key.values, "SendTrustedIssuerList")) {
            sc.send_trusted_issuer_list = *v;
            sc.send_trusted_issuer_list_origin = value_origin(key, "SendTrustedIssuerList");
          }
          if (auto v = dword(key.values, "ClientAuthTrustMode")) {
            sc.client_auth_trust_mode = *v;
            sc.client_auth_trust_mode_origin = value_origin(key, "ClientAuthTrustMode");
          }
          if (auto v = dword(key.values, "EventLogging")) sc.event_logging = *v;
        } else if (parts.size() == s + 6 && iequals(parts[s + 3], "Protocols")) {
          auto enabled = dword(key.values, "Enabled");
          auto disabled = dword(key.values, "DisabledByDefault");
          if (enabled || disabled) {
            // The same key may come in several blocks of one export: merge them.
            auto it = std::find_if(sc.protocols.begin(), sc.protocols.end(), [&](const SchannelProtocol& p) {
              return iequals(p.protocol, parts[s + 4]) && iequals(p.side, parts[s + 5]);
            });
            if (it == sc.protocols.end()) {
              sc.protocols.push_back({parts[s + 4], parts[s + 5], {}, {}, key.origin});
              it = sc.protocols.end() - 1;
            }
            if (enabled) it->enabled = enabled;
            if (disabled) it->disabled_by_default = disabled;
          }
        }
        continue;
      }
      if (matches(parts, s, {"Services", "HTTP", "Parameters"}) && parts.size() >= s + 4) {
        const std::string& container = parts[s + 3];
        HttpSysBindingKind kind;
        if (iequals(container, "SslBindingInfo")) kind = HttpSysBindingKind::ip_port;
        else if (iequals(container, "SslSniBindingInfo")) kind = HttpSysBindingKind::hostname_port;
        else if (iequals(container, "SslCcsBindingInfo")) kind = HttpSysBindingKind::central_certificate_store;
        // Scoped CCS bindings (HttpServiceConfigSslScopedCcsCertInfo, http.h) are keyed like SNI
        // bindings, by HTTP_SERVICE_CONFIG_SSL_SNI_KEY: the subkey name is "host:port".
        else if (iequals(container, "SslScopedCcsBindingInfo")) kind = HttpSysBindingKind::scoped_ccs;
        else continue;
        out.bindings_read = true;
        if (parts.size() == s + 5) {
          out.bindings.push_back(http_sys_binding_from_registry(kind, parts[s + 4], key.values, key.origin));
        }
        continue;
      }
      continue;
    }
    // SOFTWARE (machine) or HKCU\Software.
    if (!matches(parts, i, {"SOFTWARE"})) continue;
    const std::size_t s = i + 1;
    if (matches(parts, s, {"Microsoft", "SystemCertificates"}) && parts.size() >= s + 3) {
      const std::string store = (hive == "HKEY_CURRENT_USER" ? "CurrentUser\\" : "") + parts[s + 2];
      out.stores_read = true;
      auto summary = std::find_if(out.stores.begin(), out.stores.end(),
                                  [&](const CertificateStoreSummary& c) { return iequals(c.store, store); });
      if (summary == out.stores.end()) {
        out.stores.push_back({store, 0, key.origin});
        summary = out.stores.end() - 1;
      }
      if (parts.size() == s + 5 && iequals(parts[s + 3], "Certificates")) {
        const RegistryValue* blob = find_value(key.values, "Blob");
        if (!blob) continue;
        ++summary->certificates;
        StoreCertificate c;
        c.store = parts[s + 2];
        if (hive == "HKEY_CURRENT_USER") c.store = store;
        c.thumbprint = parts[s + 4];
        for (char& ch : c.thumbprint) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
        c.origin = blob->origin;
        auto der = certificate_from_blob(blob->data);
        if (der) c.der = std::move(*der);
        else c.decode_error = der.error().message;
        out.store_certificates.push_back(std::move(c));
      }
      continue;
    }
    std::size_t z = s;
    if (matches(parts, z, {"Policies"})) ++z;
    if (matches(parts, z, {"Microsoft", "Windows", "CurrentVersion", "Internet Settings", "Zones"}) &&
        parts.size() == z + 6) {
      if (auto v = dword(key.values, "1A04")) {
        std::string reg_key = hive == "HKEY_CURRENT_USER" ? "HKCU" : "HKLM";
        for (std::size_t p = i; p < parts.size(); ++p) reg_key += "\\" + parts[p];
        out.zones.push_back({hive, reg_key, parts[z + 5], *v, value_origin(key, "1A04")});
      }
    }
  }
}

}  // namespace mtls::parse
