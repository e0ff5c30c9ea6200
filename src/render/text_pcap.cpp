// SPDX-License-Identifier: Apache-2.0
// The text report's section on evidence.pcap: what Wireshark would show an expert, in handshake
// order. A capture of a busy server holds thousands of connections that look alike; a person
// reads one of each kind, so connections that differ only in client address, frames and timing
// are shown once with their count and numbers (the JSON report lists every one).
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <cctype>
#include <map>

#include "render/text_evidence.h"

namespace mtls::text {
namespace {

/// Kinds of connection shown in full; the rest are summed up in one line.
constexpr std::size_t max_kinds_shown = 40;

std::string frame_of(const std::optional<std::uint64_t>& f) { return f ? fmt::format(" (frame {})", *f) : ""; }

/// "alert x, frame 12" -> "alert x, frame #": frame numbers differ between look-alike connections.
std::string without_frame_numbers(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    if (text.compare(i, 6, "frame ") == 0 && i + 6 < text.size() && std::isdigit(static_cast<unsigned char>(text[i + 6]))) {
      out += "frame #";
      i += 6;
      while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]))) ++i;
    } else {
      out += text[i++];
    }
  }
  return out;
}

/// What makes two connections the same kind for a reader: everything shown but who the client
/// was, when, and at which frames.
std::string kind_of(const PcapConnection& c) {
  std::string k = fmt::format("{}|{}|{}|{}|{}|{}|{}|{}|{}|", c.file, c.side, c.server, c.tls_version, c.sni,
                              fmt::join(c.alpn_offered, ","), c.alpn, c.offered_pha, c.decrypted);
  if (!c.server_chain.empty()) k += c.server_chain.front().sha256;
  k += fmt::format("|{}|{}|{}|{}|{}|{}|{}|{}|", c.cert_request_text(), fmt::join(c.certificate_types, ","),
                   fmt::join(c.signature_algorithms, ","), fmt::join(c.ca_names, ";"), c.client_cert,
                   c.client_cert_subject, c.client_cert_issuer, c.client_chain.size());
  for (const auto* list : {&c.alerts, &c.resets, &c.notes}) {
    for (const std::string& line : *list) k += without_frame_numbers(line) + "|";
    k += "/";
  }
  return k;
}

/// "#2-#5, #9" for sorted connection numbers, at most `limit` ranges.
std::string number_ranges(const std::vector<int>& numbers, std::size_t limit = 8) {
  std::vector<std::string> parts;
  for (std::size_t i = 0; i < numbers.size();) {
    std::size_t j = i;
    while (j + 1 < numbers.size() && numbers[j + 1] == numbers[j] + 1) ++j;
    if (parts.size() == limit) {
      parts.emplace_back("…");
      break;
    }
    parts.push_back(i == j ? fmt::format("#{}", numbers[i]) : fmt::format("#{}-#{}", numbers[i], numbers[j]));
    i = j + 1;
  }
  return fmt::format("{}", fmt::join(parts, ", "));
}

void connection(std::string& out, const text::Styler& s, const PcapConnection& c, const std::vector<int>& alike) {
  const std::string side = c.side.empty() ? "" : fmt::format(" [{} side]", c.side);
  out += fmt::format("  {} {} -> {}{}  {}  frames {}-{}, {:.1f} ms{}\n", s(Style::bold, fmt::format("#{}", c.number)),
                     c.client, c.server, side, c.tls_version.empty() ? "no ServerHello" : c.tls_version,
                     c.first_frame, c.last_frame, c.duration_ms, c.decrypted ? "  (decrypted)" : "");
  if (!alike.empty()) {
    out += s.wrap(fmt::format("and {} more connection{} like it: {}", alike.size(), alike.size() == 1 ? "" : "s",
                            number_ranges(alike)),
                "      ") +
           "\n";
  }
  if (!c.sni.empty() || !c.alpn_offered.empty()) {
    out += fmt::format("      SNI {}  ALPN offered {}{}{}\n", c.sni.empty() ? "(none)" : c.sni,
                       c.alpn_offered.empty() ? "(none)" : fmt::format("[{}]", fmt::join(c.alpn_offered, ", ")),
                       c.alpn.empty() ? "" : " selected " + c.alpn, c.offered_pha ? "  post_handshake_auth offered" : "");
  }
  if (!c.server_chain.empty()) {
    out += fmt::format("      server certificate: {} (issuer {})\n", c.server_chain.front().subject,
                       c.server_chain.front().issuer);
  }
  out += fmt::format("      certificate request: {}{}\n", c.cert_request_text(), frame_of(c.cert_request_frame));
  if (!c.certificate_types.empty()) {
    out += fmt::format("        types: {}\n", fmt::join(c.certificate_types, ", "));
  }
  if (!c.signature_algorithms.empty()) {
    out += s.wrap(fmt::format("signature algorithms: {}", fmt::join(c.signature_algorithms, ", ")), "        ") + "\n";
  }
  // A renegotiation's or post-handshake list is encrypted: shown only when read (--keylog).
  if (c.cert_request == CertRequestTiming::handshake || c.cert_request_frame) {
    if (c.ca_names.empty()) {
      out += "        CA names: none (any issuer)\n";
    } else {
      out += fmt::format("        CA names ({}):\n", c.ca_names.size());
      for (const std::string& n : c.ca_names) out += fmt::format("          {}\n", n);
    }
  }
  out += fmt::format("      client certificate: {}{}\n", c.client_cert, frame_of(c.client_cert_frame));
  if (!c.client_cert_subject.empty()) {
    out += fmt::format("        {} (issuer {}), chain of {}\n", c.client_cert_subject, c.client_cert_issuer,
                       c.client_chain.size());
  }
  for (const std::string& a : c.alerts) out += fmt::format("      alert: {}\n", a);
  for (const std::string& r : c.resets) out += fmt::format("      reset: {}\n", r);
  for (const std::string& n : c.notes) out += s.wrap("note: " + n, "      ") + "\n";
}

}  // namespace

void pcap(std::string& out, const text::Styler& s, const PcapEvidence& p) {
  out += fmt::format("\n{} {} frame{}, {} TLS connection{}, {} CertificateRequest{} in the clear\n",
                     s(Style::bold, "Capture:"), p.frames, p.frames == 1 ? "" : "s", p.tls_connections,
                     p.tls_connections == 1 ? "" : "s", p.certificate_requests, p.certificate_requests == 1 ? "" : "s");
  if (p.undetailed_connections > 0) {
    out += s.wrap(fmt::format("the first {} TLS connections are read in detail; {} more are only counted",
                            p.connections.size(), p.undetailed_connections),
                "  ") +
           "\n";
  }
  if (!p.keylog.empty()) {
    const std::uint64_t decrypted = p.decrypted_connections();
    out += fmt::format("  key log {}: {} connection{} decrypted\n", p.keylog, decrypted, decrypted == 1 ? "" : "s");
  }
  for (const std::string& note : p.notes) out += s.wrap("note: " + note, "  ") + "\n";

  // One block per kind of connection, in the order the kinds first appear. With two captures the
  // matches below name connections by number, so each side's connections stay listed one by one;
  // -v lists every connection too.
  const bool one_by_one = !p.matches.empty() || s.verbose();
  std::vector<const PcapConnection*> firsts;
  std::vector<std::vector<int>> alike;
  std::map<std::string, std::size_t> kinds;
  for (const PcapConnection& c : p.connections) {
    if (!one_by_one) {
      auto [it, added] = kinds.emplace(kind_of(c), firsts.size());
      if (!added) {
        alike[it->second].push_back(c.number);
        continue;
      }
    }
    firsts.push_back(&c);
    alike.emplace_back();
  }
  for (std::size_t i = 0; i < firsts.size() && i < s.shown(max_kinds_shown); ++i) connection(out, s, *firsts[i], alike[i]);
  if (firsts.size() > s.shown(max_kinds_shown)) {
    std::size_t rest = 0;
    for (std::size_t i = max_kinds_shown; i < firsts.size(); ++i) rest += 1 + alike[i].size();
    out += s.wrap(fmt::format("… {} more connection{} of {} other kind{} (-v or --format json lists every connection)", rest,
                            rest == 1 ? "" : "s", firsts.size() - max_kinds_shown,
                            firsts.size() - max_kinds_shown == 1 ? "" : "s"),
                "  ") +
           "\n";
  }
  for (const PcapMatch& m : p.matches) {
    out += fmt::format("  client-side #{} = server-side #{} (by {}): {}\n", m.client_side, m.server_side, m.matched_by,
                       m.differences.empty() ? "same handshake" : "differs");
    for (const std::string& d : m.differences) out += s.wrap("- " + d, "      ") + "\n";
  }
}

}  // namespace mtls::text
