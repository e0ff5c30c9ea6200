// SPDX-License-Identifier: Apache-2.0
#include "checks/iis_correlation.h"

#include <algorithm>
#include <string>

namespace mtls::checks::iis {
namespace {

const HttpSysBinding* find(const IisEvidence& e, HttpSysBindingKind kind, std::string_view endpoint) {
  for (const HttpSysBinding& b : e.bindings) {
    if (b.kind == kind && iequals(b.endpoint, endpoint)) return &b;
  }
  return nullptr;
}

}  // namespace

const HttpSysBinding* serving_binding(const IisEvidence& e, const IisBinding& binding) {
  if (!iequals(binding.protocol, "https")) return nullptr;
  if (binding.ssl_flags & binding_ssl_flag::central_certificate_store) {
    // A scoped CCS binding (SslScopedCcsBindingInfo, keyed by host name and port like an SNI
    // binding) is the one for its host; the port-wide CCS binding serves the others.
    if (!binding.host.empty()) {
      if (const HttpSysBinding* b = find(e, HttpSysBindingKind::scoped_ccs, binding.host + ":" + binding.port)) return b;
    }
    return find(e, HttpSysBindingKind::central_certificate_store, binding.port);
  }
  if (binding.ssl_flags & binding_ssl_flag::sni) {
    return find(e, HttpSysBindingKind::hostname_port, binding.host + ":" + binding.port);
  }
  // Without SNI the host name of the binding plays no part in TLS: http.sys picks the certificate
  // by IP:port, the specific address first, then the wildcard.
  if (binding.ip != "*" && !binding.ip.empty()) {
    if (const HttpSysBinding* b = find(e, HttpSysBindingKind::ip_port, binding.ip + ":" + binding.port)) return b;
  }
  const bool v6 = binding.ip.starts_with('[');
  if (const HttpSysBinding* b = find(e, HttpSysBindingKind::ip_port, (v6 ? "[::]:" : "0.0.0.0:") + binding.port)) return b;
  if (binding.ip == "*") return find(e, HttpSysBindingKind::ip_port, "[::]:" + binding.port);
  return nullptr;
}

bool site_wants_client_certificate(const IisEvidence& e, std::string_view site) {
  std::vector<std::string> paths{std::string(site)};
  for (const IisLocation& l : e.locations) {
    if (!l.path.empty() && is_within(l.path, site)) paths.push_back(l.path);
  }
  for (const std::string& p : paths) {
    const Effective eff = effective_at(e, p);
    if (eff.access && (eff.access->negotiate_cert || eff.access->require_cert)) return true;
  }
  return false;
}

bool any_site_wants_client_certificate(const IisEvidence& e) {
  if (e.sites.empty()) {
    return std::any_of(e.locations.begin(), e.locations.end(), [](const IisLocation& l) {
      return l.access && (l.access->require_cert || l.access->negotiate_cert);
    });
  }
  return std::any_of(e.sites.begin(), e.sites.end(),
                     [&](const IisSite& site) { return site_wants_client_certificate(e, site.name); });
}

std::vector<const HttpSysBinding*> bindings_serving_site(const IisEvidence& e, const IisSite& site) {
  std::vector<const HttpSysBinding*> out;
  for (const IisBinding& b : site.bindings) {
    const HttpSysBinding* s = serving_binding(e, b);
    if (s && std::find(out.begin(), out.end(), s) == out.end()) out.push_back(s);
  }
  return out;
}

}  // namespace mtls::checks::iis
