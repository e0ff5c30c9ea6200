// SPDX-License-Identifier: Apache-2.0
// The Markdown report's section on evidence.probe: the facts of render/text_probe.cpp, one table
// row per attempt, then each attempt's handshake timeline and CA names.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include "render/markdown_evidence.h"
#include "render/render.h"

namespace mtls::md {
namespace {


std::string sent(const ProbeAttempt& a) {
  if (a.client_cert_sent && a.client_chain_sent > 0) {
    return fmt::format("yes ({} certificate{})", a.client_chain_sent, a.client_chain_sent == 1 ? "" : "s");
  }
  return a.client_cert_sent ? "yes" : a.empty_certificate_sent ? "empty Certificate" : "no";
}

}  // namespace

void probe(std::string& out, const ProbeEvidence& p) {
  out += fmt::format("\n### Probe of {} ({})\n\n", code(p.target), p.address.empty() ? "not connected" : cell(p.address));
  if (!p.browser_experience.empty()) out += text(p.browser_experience) + "\n\n";
  if (!p.address.empty()) out += text(server_software_line(p)) + "\n\n";
  std::vector<std::vector<std::string>> rows;
  for (const ProbeAttempt& a : p.attempts) {
    if (a.skipped) {
      rows.push_back({fmt::format("{}", a.number), cell(a.purpose), cell("skipped: " + a.skip_reason)});
      continue;
    }
    if (!a.connected) {
      rows.push_back({fmt::format("{}", a.number), cell(a.purpose), cell(fmt::format("TCP: {} ({:.0f} ms)", a.connect_error, a.connect_ms))});
      continue;
    }
    std::string outcome;
    if (a.renegotiations) outcome += fmt::format("renegotiations: {}; ", a.renegotiations);
    if (a.alert) outcome += fmt::format("alert {}; ", a.alert_text);
    if (a.tcp_reset) outcome += "TCP reset; ";
    if (a.timed_out) outcome += "timed out; ";
    if (!a.tls_error.empty()) outcome += "TLS: " + a.tls_error + "; ";
    if (!a.server_verify_error.empty()) outcome += "server chain: " + a.server_verify_error + "; ";
    outcome += http_result_line(a);
    rows.push_back({fmt::format("{}", a.number), cell(a.purpose),
                    cell(fmt::format("{} {}", a.tls_version.empty() ? "no TLS" : a.tls_version, a.cipher)),
                    cell(a.alpn.empty() ? "none" : a.alpn), cell(a.sni.empty() ? "none" : a.sni),
                    std::string(to_string(a.cert_request)), sent(a), cell(outcome)});
  }
  out += table({"#", "attempt", "TLS", "ALPN", "SNI", "certificate requested", "sent", "outcome"}, rows);
  for (const ProbeAttempt& a : p.attempts) {
    if (a.skipped || !a.connected) continue;
    if (a.messages.empty() && a.cert_request == CertRequestTiming::none && a.total_ms <= 0) continue;
    out += fmt::format("\nAttempt {}:\n\n", a.number);
    if (!a.messages.empty()) {
      std::vector<std::vector<std::string>> timeline;
      for (const ProbeMessage& m : a.messages) {
        timeline.push_back({fmt::format("{:.1f} ms", m.at_ms), m.sent ? "→ sent" : "← received", cell(m.name)});
      }
      if (a.messages_truncated) timeline.push_back({"…", "", "more messages not kept"});
      out += table({"at", "", "message"}, timeline) + "\n";
    }
    if (a.cert_request != CertRequestTiming::none) {
      out += fmt::format("- CA names ({}{}){}\n", a.ca_names.size(), a.ca_names_bytes ? fmt::format(", {} bytes", a.ca_names_bytes) : "",
                         a.ca_names.empty() ? ": none (any certificate)" : ":");
      for (const std::string& n : a.ca_names) out += fmt::format("  - {}\n", text(n));
      if (!a.certificate_types.empty()) out += fmt::format("- certificate types: {}\n", text(fmt::format("{}", fmt::join(a.certificate_types, ", "))));
      if (!a.signature_algorithms.empty()) out += fmt::format("- signature algorithms: {}\n", text(fmt::format("{}", fmt::join(a.signature_algorithms, ", "))));
    }
    if (a.total_ms > 0) {
      out += fmt::format("- timings: connect {:.1f} ms, handshake {:.1f} ms, first response byte {:.1f} ms, total {:.1f} ms\n",
                         a.connect_ms, a.handshake_ms, a.response_ms, a.total_ms);
    }
  }
  certificates(out, p.server_chain, "Server certificate chain");
}

}  // namespace mtls::md
