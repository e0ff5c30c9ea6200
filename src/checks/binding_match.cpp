// SPDX-License-Identifier: Apache-2.0
#include "checks/binding_match.h"

#include <fmt/format.h>

#include "knowledge/text_match.h"

namespace mtls::checks {
namespace {

/// "[::1]:443" / "127.0.0.1:443" -> ("::1" / "127.0.0.1", "443").
std::pair<std::string, std::string> split_endpoint(const std::string& endpoint) {
  const std::size_t colon = endpoint.rfind(':');
  if (colon == std::string::npos) return {endpoint, ""};
  std::string host = endpoint.substr(0, colon);
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  return {host, endpoint.substr(colon + 1)};
}

}  // namespace

BindingMatch match_binding(const std::vector<HttpSysBinding>& bindings, const std::string& sni,
                           const std::string& address, int port) {
  const std::string want_port = std::to_string(port);
  const std::string ip = split_endpoint(address).first;
  const HttpSysBinding* exact_ip = nullptr;
  const HttpSysBinding* wildcard = nullptr;
  for (const HttpSysBinding& b : bindings) {
    const auto [host, bport] = split_endpoint(b.endpoint);
    if (bport != want_port) continue;
    if ((b.kind == HttpSysBindingKind::hostname_port || b.kind == HttpSysBindingKind::scoped_ccs) && !sni.empty() && knowledge::iequals(host, sni)) {
      return {&b, fmt::format("{} {}", to_string(b.kind), b.endpoint)};
    }
    if (b.kind != HttpSysBindingKind::ip_port) continue;
    if (host == ip) exact_ip = &b;
    if (host == "0.0.0.0" || host == "::") wildcard = &b;
  }
  if (exact_ip) return {exact_ip, fmt::format("IP:port {}", exact_ip->endpoint)};
  if (wildcard) return {wildcard, fmt::format("IP:port {}", wildcard->endpoint)};
  return {};
}

}  // namespace mtls::checks
