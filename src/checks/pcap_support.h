// SPDX-License-Identifier: Apache-2.0
// Small helpers shared by the pcap_* checks: how a captured connection is named in a finding, and
// the evidence reference pointing at its frame.
#pragma once

#include <fmt/format.h>

#include <string>
#include <utility>
#include <vector>

#include "core/evidence.h"
#include "core/finding.h"

namespace mtls::checks::pcap_support {

/// Findings list at most this many connections as evidence; the detail gives the total.
inline constexpr std::size_t max_examples = 5;

/// "connection #2 127.0.0.1:50123 -> 127.0.0.1:443 (SNI app.example)" (+ "in the server-side capture").
inline std::string describe(const PcapConnection& c) {
  std::string s = fmt::format("connection #{} {} -> {}", c.number, c.client, c.server);
  if (!c.sni.empty()) s += fmt::format(" (SNI {})", c.sni);
  if (!c.side.empty()) s += fmt::format(" in the {}-side capture", c.side);
  return s;
}

inline EvidenceRef frame_ref(const PcapConnection& c, std::uint64_t frame, std::string text) {
  return at_frame(c.file, frame ? frame : c.first_frame, std::move(text));
}

/// Evidence for the first max_examples of `hits`: `cite(connection)` gives the frame to point at
/// and what happened there (the connection's description is put in front).
template <typename Cite>
void cite_examples(Finding& f, const std::vector<const PcapConnection*>& hits, Cite cite) {
  for (std::size_t i = 0; i < hits.size() && i < max_examples; ++i) {
    const PcapConnection& c = *hits[i];
    auto [frame, what] = cite(c);
    f.evidence.push_back(frame_ref(c, frame, fmt::format("{}: {}", describe(c), what)));
  }
}

/// "netsh"-style server port from "host:port" / "[v6]:port".
inline std::string port_of(const std::string& endpoint) {
  const auto colon = endpoint.rfind(':');
  return colon == std::string::npos ? std::string() : endpoint.substr(colon + 1);
}

/// The handshake was readable far enough to say what the server asked: in the clear (TLS 1.2 and
/// earlier) or decrypted in full with --keylog (TLS 1.3: handshake and post-handshake messages),
/// ServerHello seen, both Finished seen.
inline bool readable_complete_handshake(const PcapConnection& c) {
  return !c.tls_version.empty() && (!c.handshake_encrypted || c.decrypted) && c.handshake_finished;
}

/// With two captures, a client-side connection whose server-side twin differs is the middlebox
/// check's to explain.
inline bool altered_by_middlebox(const PcapEvidence& p, const PcapConnection& c) {
  if (c.side != "client") return false;
  for (const PcapMatch& m : p.matches) {
    if (m.client_side == c.number && !m.differences.empty()) return true;
  }
  return false;
}

inline std::string count_text(std::size_t n, std::string_view one, std::string_view many) {
  return fmt::format("{} {}", n, n == 1 ? one : many);
}

}  // namespace mtls::checks::pcap_support
