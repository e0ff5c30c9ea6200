// SPDX-License-Identifier: Apache-2.0
// The Markdown report's section on evidence.pcap: the facts of render/text_pcap.cpp, one table row
// per kind of connection. Connections that differ only in client address, number, frames and
// timing make one row with their count, as in the text report (the JSON report lists every one).
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <map>

#include "render/markdown_evidence.h"

namespace mtls::md {
namespace {

constexpr std::size_t max_rows = 40;

/// The cells that make a kind, escaped: everything but who, when and which frames.
std::vector<std::string> kind_cells(const PcapConnection& c) {
  std::string hello = c.sni.empty() ? "SNI (none)" : "SNI " + c.sni;
  if (!c.alpn_offered.empty()) hello += fmt::format("; ALPN offered {}", fmt::join(c.alpn_offered, ", "));
  if (!c.alpn.empty()) hello += "; selected " + c.alpn;
  if (c.offered_pha) hello += "; post_handshake_auth offered";
  std::string request = c.cert_request_text();
  if (!c.certificate_types.empty()) request += fmt::format("; types {}", fmt::join(c.certificate_types, ", "));
  if (!c.signature_algorithms.empty()) request += fmt::format("; signature algorithms {}", fmt::join(c.signature_algorithms, ", "));
  if (c.cert_request == CertRequestTiming::handshake || c.cert_request_frame) {
    request += c.ca_names.empty() ? "; CA names: none (any issuer)" : fmt::format("; CA names: {}", fmt::join(c.ca_names, "; "));
  }
  std::string client = c.client_cert;
  if (!c.client_cert_subject.empty()) {
    client += fmt::format(": {} (issuer {}), chain of {}", c.client_cert_subject, c.client_cert_issuer, c.client_chain.size());
  }
  std::string after;
  for (const std::string& a : c.alerts) after += (after.empty() ? "" : "; ") + ("alert: " + a);
  for (const std::string& r : c.resets) after += (after.empty() ? "" : "; ") + ("reset: " + r);
  for (const std::string& n : c.notes) after += (after.empty() ? "" : "; ") + ("note: " + n);
  const std::string server_cert = c.server_chain.empty() ? std::string()
                                                         : fmt::format("{} (issuer {})", c.server_chain.front().subject,
                                                                       c.server_chain.front().issuer);
  return {code(c.server) + (c.side.empty() ? "" : fmt::format(" [{} side]", c.side)),
          cell(c.tls_version.empty() ? "no ServerHello" : c.tls_version) + (c.decrypted ? " (decrypted)" : ""),
          cell(hello), cell(server_cert), cell(request), cell(client), cell(after)};
}

}  // namespace

void pcap(std::string& out, const PcapEvidence& p) {
  out += fmt::format("\n### Capture: {} frame{}, {} TLS connection{}, {} CertificateRequest{} in the clear\n\n", p.frames,
                     p.frames == 1 ? "" : "s", p.tls_connections, p.tls_connections == 1 ? "" : "s", p.certificate_requests,
                     p.certificate_requests == 1 ? "" : "s");
  std::vector<std::string> lines;
  if (p.undetailed_connections > 0) {
    lines.push_back(fmt::format("the first {} TLS connections are read in detail; {} more are only counted", p.connections.size(),
                                p.undetailed_connections));
  }
  if (!p.keylog.empty()) {
    const std::uint64_t decrypted = p.decrypted_connections();
    lines.push_back(fmt::format("key log {}: {} connection{} decrypted", code(p.keylog), decrypted, decrypted == 1 ? "" : "s"));
  }
  for (const std::string& note : p.notes) lines.push_back("note: " + text(note));
  for (const std::string& l : lines) out += "- " + l + "\n";
  if (!lines.empty()) out += "\n";

  // With two captures the matches below name connections by number: every one gets its row.
  const bool one_by_one = !p.matches.empty();
  std::vector<std::vector<std::string>> rows;
  std::vector<std::vector<std::string>> first_of;  // per row: the connection numbers and clients
  std::map<std::vector<std::string>, std::size_t> kinds;
  std::size_t rest = 0;
  for (const PcapConnection& c : p.connections) {
    std::vector<std::string> k = kind_cells(c);
    const std::string who =
        fmt::format("\\#{} {} frames {}-{}, {:.1f} ms", c.number, code(c.client), c.first_frame, c.last_frame, c.duration_ms);
    if (!one_by_one) {
      if (auto it = kinds.find(k); it != kinds.end()) {
        rows[it->second][0] += fmt::format(", \\#{}", c.number);
        continue;
      }
    }
    if (rows.size() == max_rows) {
      ++rest;
      continue;
    }
    kinds.emplace(k, rows.size());
    k.insert(k.begin(), who);
    rows.push_back(std::move(k));
  }
  out += table({"connection (and look-alikes)", "server", "TLS", "ClientHello", "server certificate", "certificate request",
                "client certificate", "alerts, resets, notes"},
               rows);
  if (rest > 0) {
    out += fmt::format("\n… {} more connection{} of other kinds (`--format json` lists every connection)\n", rest, rest == 1 ? "" : "s");
  }
  if (!p.matches.empty()) {
    out += "\n";
    for (const PcapMatch& m : p.matches) {
      out += fmt::format("- client-side \\#{} = server-side \\#{} (by {}): {}\n", m.client_side, m.server_side, text(m.matched_by),
                         m.differences.empty() ? "same handshake" : "differs");
      for (const std::string& d : m.differences) out += fmt::format("  - {}\n", text(d));
    }
  }
}

}  // namespace mtls::md
