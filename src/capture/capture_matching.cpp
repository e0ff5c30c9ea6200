// SPDX-License-Identifier: Apache-2.0
// Two captures of the same traffic (`pcap CLIENT.pcap SERVER.pcap`): which connections are the
// same one, and what differs between what the client saw and what the server sent.
#include <chrono>
#include <fmt/format.h>
#include <map>
#include <optional>
#include <set>

#include "capture/pcap_analysis.h"

namespace mtls::capture {
namespace {

std::vector<std::string> canonical_list(const PcapConnection& c) {
  std::vector<std::string> out;
  for (const DistinguishedName& dn : c.ca_list) out.push_back(dn.canonical);
  return out;
}

std::vector<std::string> compare(const PcapConnection& a, const PcapConnection& b) {
  std::vector<std::string> diff;
  if (a.tls_version != b.tls_version) {
    diff.push_back(fmt::format("TLS version: {} on the client side, {} on the server side",
                               a.tls_version.empty() ? "none" : a.tls_version,
                               b.tls_version.empty() ? "none" : b.tls_version));
  }
  if (!a.server_chain.empty() && !b.server_chain.empty() && a.server_chain[0].sha256 != b.server_chain[0].sha256) {
    diff.push_back(fmt::format("server certificate: the client received \"{}\" (issuer \"{}\"), the server sent \"{}\" "
                               "(issuer \"{}\")",
                               a.server_chain[0].subject, a.server_chain[0].issuer, b.server_chain[0].subject,
                               b.server_chain[0].issuer));
  }
  const std::string ra = a.cert_request_text();
  const std::string rb = b.cert_request_text();
  if (ra != rb && ra != "unknown" && rb != "unknown") {
    diff.push_back(fmt::format("CertificateRequest: {} on the client side, {} on the server side", ra, rb));
  } else if (a.cert_request == CertRequestTiming::handshake && b.cert_request == CertRequestTiming::handshake &&
             canonical_list(a) != canonical_list(b)) {
    diff.push_back(fmt::format("CA list: {} name(s) reached the client, the server sent {}", a.ca_names.size(),
                               b.ca_names.size()));
  }
  return diff;
}

}  // namespace

namespace {

// Two capture points of one TCP connection see the same addresses and ports (unless NAT sits
// between them) within the skew of two machines' clocks.
constexpr std::int64_t kMatchWindowSeconds = 120;

/// "2026-11-22T02:19:02[.123456]Z" -> Unix seconds; nullopt for anything else.
std::optional<std::int64_t> rfc3339_seconds(std::string_view t) {
  auto digits = [&](std::size_t at, std::size_t n) -> int {
    if (t.size() < at + n) return -1;
    int v = 0;
    for (std::size_t i = at; i < at + n; ++i) {
      if (t[i] < '0' || t[i] > '9') return -1;
      v = v * 10 + (t[i] - '0');
    }
    return v;
  };
  const int y = digits(0, 4), mo = digits(5, 2), d = digits(8, 2), h = digits(11, 2), mi = digits(14, 2),
            sec = digits(17, 2);
  if (y < 0 || mo < 1 || mo > 12 || d < 1 || d > 31 || h < 0 || mi < 0 || sec < 0) return std::nullopt;
  const std::chrono::sys_days day{std::chrono::year{y} / std::chrono::month{static_cast<unsigned>(mo)} /
                                  std::chrono::day{static_cast<unsigned>(d)}};
  return static_cast<std::int64_t>(day.time_since_epoch().count()) * 86400 + h * 3600 + mi * 60 + sec;
}

bool same_connection_time(const PcapConnection& a, const PcapConnection& b) {
  const auto ta = rfc3339_seconds(a.start_time);
  const auto tb = rfc3339_seconds(b.start_time);
  if (!ta || !tb) return false;
  return *ta - *tb <= kMatchWindowSeconds && *tb - *ta <= kMatchWindowSeconds;
}

}  // namespace

void match_captures(PcapEvidence& evidence) {
  std::vector<const PcapConnection*> clients;
  std::vector<const PcapConnection*> servers;
  for (const PcapConnection& c : evidence.connections) {
    if (c.side == "client") clients.push_back(&c);
    if (c.side == "server") servers.push_back(&c);
  }
  std::set<const PcapConnection*> used;
  std::map<std::string, const PcapConnection*> by_random;
  for (const PcapConnection* s : servers) {
    if (!s->client_random.empty()) by_random.emplace(s->client_random, s);
  }
  std::vector<const PcapConnection*> unmatched_clients;
  for (const PcapConnection* c : clients) {
    auto it = by_random.find(c->client_random);
    if (!c->client_random.empty() && it != by_random.end() && !used.count(it->second)) {
      used.insert(it->second);
      evidence.matches.push_back({c->number, it->second->number, "client random", compare(*c, *it->second)});
    } else {
      unmatched_clients.push_back(c);
    }
  }
  // Only the same connection can be compared: the same client and server address and port at
  // the same time. A transparent TLS interceptor keeps the addresses but makes its own
  // ClientHello, so the random differs; two unrelated captures share neither, and are not
  // compared at all (pairing them in order would report differences between strangers).
  for (const PcapConnection* c : unmatched_clients) {
    const PcapConnection* match = nullptr;
    for (const PcapConnection* s : servers) {
      if (used.count(s) || s->client != c->client || s->server != c->server) continue;
      if (!same_connection_time(*c, *s)) continue;
      match = s;
      break;
    }
    if (match == nullptr) continue;
    used.insert(match);
    auto diff = compare(*c, *match);
    if (!c->client_random.empty() && !match->client_random.empty()) {
      diff.insert(diff.begin(), "ClientHello random differs: the connection was re-originated between the two "
                                "capture points (TLS terminated by a proxy or TLS-inspecting device)");
    }
    evidence.matches.push_back({c->number, match->number, "5-tuple and time", std::move(diff)});
  }
  if (evidence.matches.empty() && !clients.empty() && !servers.empty()) {
    evidence.notes.push_back(fmt::format(
        "the two captures share no connection: none of the {} client-side and {} server-side TLS connection(s) "
        "has the same ClientHello random, or the same client and server address and port within {} s, in the "
        "other capture; they were not compared",
        clients.size(), servers.size(), kMatchWindowSeconds));
  }
}

}  // namespace mtls::capture
