// SPDX-License-Identifier: Apache-2.0
// The text report's section on evidence.probe: a timeline per attempt, then what a browser saw.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include "render/render.h"
#include "render/text_evidence.h"

namespace mtls::text {
namespace {


}  // namespace

void probe(std::string& out, const text::Styler& s, const ProbeEvidence& p) {
  out += fmt::format("\n{} {} ({})\n", s(Style::bold, "Probe of"), p.target, p.address.empty() ? "not connected" : p.address);
  if (!p.browser_experience.empty()) out += s.wrap(p.browser_experience, "  ") + "\n";
  if (!p.address.empty()) out += s.wrap(server_software_line(p), "  ") + "\n";
  for (const ProbeAttempt& a : p.attempts) {
    out += fmt::format("  {}. {}\n", a.number, a.purpose);
    if (a.skipped) {
      out += s(Style::dim, fmt::format("     skipped: {}\n", a.skip_reason));
      continue;
    }
    if (!a.connected) {
      out += s(Style::dim, s.wrap(fmt::format("TCP: {} ({:.0f} ms)", a.connect_error, a.connect_ms), "     ")) + "\n";
      continue;
    }
    std::string line = fmt::format("{} {} ALPN {} SNI {}; certificate requested: {}; sent: {}",
                                   a.tls_version.empty() ? "no TLS" : a.tls_version, a.cipher,
                                   a.alpn.empty() ? "none" : a.alpn, a.sni.empty() ? "none" : a.sni,
                                   to_string(a.cert_request),
                                   a.client_cert_sent && a.client_chain_sent > 0 ? fmt::format("yes ({} certificate{})", a.client_chain_sent, a.client_chain_sent == 1 ? "" : "s")
                                                      : a.client_cert_sent ? "yes" : a.empty_certificate_sent ? "empty Certificate" : "no");
    if (a.renegotiations) line += fmt::format("; renegotiations: {}", a.renegotiations);
    if (a.alert) line += fmt::format("; alert {}", a.alert_text);
    if (a.tcp_reset) line += "; TCP reset";
    if (a.timed_out) line += "; timed out";
    out += s(Style::dim, s.wrap(line, "     ")) + "\n";
    // The timeline: every handshake message and alert, both ways.
    for (const ProbeMessage& m : a.messages) {
      out += s(Style::dim, fmt::format("     {:>7.1f} ms {} {}\n", m.at_ms, m.sent ? "->" : "<-", m.name));
    }
    if (a.messages_truncated) out += s(Style::dim, "     ... (more messages not kept)\n");
    if (const std::string h = http_result_line(a); !h.empty()) out += s(Style::dim, s.wrap(h, "     ")) + "\n";
    if (!a.tls_error.empty()) out += s(Style::dim, s.wrap("TLS: " + a.tls_error, "     ")) + "\n";
    if (!a.server_verify_error.empty()) out += s(Style::dim, s.wrap("server chain: " + a.server_verify_error, "     ")) + "\n";
    if (a.cert_request != CertRequestTiming::none) {
      out += s(Style::dim, fmt::format("     CA names ({}{}){}\n", a.ca_names.size(), a.ca_names_bytes ? fmt::format(", {} bytes", a.ca_names_bytes) : "", a.ca_names.empty() ? ": none (any certificate)" : ":"));
      for (const std::string& n : a.ca_names) out += s(Style::dim, fmt::format("       {}\n", n));
      if (!a.certificate_types.empty()) out += s(Style::dim, s.wrap(fmt::format("certificate types: {}", fmt::join(a.certificate_types, ", ")), "     ")) + "\n";
      if (!a.signature_algorithms.empty()) out += s(Style::dim, s.wrap(fmt::format("signature algorithms: {}", fmt::join(a.signature_algorithms, ", ")), "     ")) + "\n";
    }
    if (a.total_ms > 0) out += s(Style::dim, fmt::format("     timings: connect {:.1f} ms, handshake {:.1f} ms, first response byte {:.1f} ms, total {:.1f} ms\n",
                                     a.connect_ms, a.handshake_ms, a.response_ms, a.total_ms));
  }
  certificates(out, s, p.server_chain, "Server certificate chain");
}

}  // namespace mtls::text
