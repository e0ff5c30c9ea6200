// SPDX-License-Identifier: Apache-2.0
// The text report's section on evidence.pcap: one block per connection, what Wireshark would
// show an expert, in handshake order.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include "render/text_evidence.h"

namespace mtls::text {
namespace {

std::string frame_of(const std::optional<std::uint64_t>& f) { return f ? fmt::format(" (frame {})", *f) : ""; }

}  // namespace

void pcap(std::string& out, const text::Styler& s, const PcapEvidence& p) {
  out += fmt::format("\n{} {} frame{}, {} TLS connection{}, {} CertificateRequest{} in the clear\n",
                     s(Style::bold, "Capture:"), p.frames, p.frames == 1 ? "" : "s", p.tls_connections,
                     p.tls_connections == 1 ? "" : "s", p.certificate_requests, p.certificate_requests == 1 ? "" : "s");
  if (!p.keylog.empty()) {
    out += fmt::format("  key log {}: {} connection{} decrypted\n", p.keylog, p.decrypted_connections,
                       p.decrypted_connections == 1 ? "" : "s");
  }
  for (const std::string& note : p.notes) out += wrap("note: " + note, "  ") + "\n";
  for (const PcapConnection& c : p.connections) {
    const std::string side = c.side.empty() ? "" : fmt::format(" [{} side]", c.side);
    out += fmt::format("  {} {} -> {}{}  {}  frames {}-{}, {:.1f} ms{}\n", s(Style::bold, fmt::format("#{}", c.number)),
                       c.client, c.server, side, c.tls_version.empty() ? "no ServerHello" : c.tls_version,
                       c.first_frame, c.last_frame, c.duration_ms, c.decrypted ? "  (decrypted)" : "");
    if (!c.sni.empty() || !c.alpn_offered.empty()) {
      out += fmt::format("      SNI {}  ALPN offered {}{}{}\n", c.sni.empty() ? "(none)" : c.sni,
                         c.alpn_offered.empty() ? "(none)" : fmt::format("[{}]", fmt::join(c.alpn_offered, ", ")), c.alpn.empty() ? "" : " selected " + c.alpn,
                         c.offered_pha ? "  post_handshake_auth offered" : "");
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
      out += wrap(fmt::format("signature algorithms: {}", fmt::join(c.signature_algorithms, ", ")), "        ") + "\n";
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
    for (const std::string& n : c.notes) out += wrap("note: " + n, "      ") + "\n";
  }
  for (const PcapMatch& m : p.matches) {
    out += fmt::format("  client-side #{} = server-side #{} (by {}): {}\n", m.client_side, m.server_side, m.matched_by,
                       m.differences.empty() ? "same handshake" : "differs");
    for (const std::string& d : m.differences) out += wrap("- " + d, "      ") + "\n";
  }
}

}  // namespace mtls::text
