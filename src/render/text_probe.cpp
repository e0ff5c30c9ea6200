// SPDX-License-Identifier: Apache-2.0
// The text report's section on evidence.probe.
#include <fmt/chrono.h>
#include <fmt/format.h>
#include <fmt/ranges.h>

#include "render/text_evidence.h"

namespace mtls::text {

void probe(std::string& out, const text::Styler& s, const ProbeEvidence& p) {
  out += fmt::format("\n{} {} ({})\n", s(Style::bold, "Probe of"), p.target, p.address);
  for (const ProbeAttempt& a : p.attempts) {
    out += fmt::format("  {}. {}\n", a.number, a.purpose);
    std::string line = fmt::format("{} {} ALPN {} SNI {}; certificate requested: {}; sent: {}",
                                   a.tls_version.empty() ? "no TLS" : a.tls_version, a.cipher,
                                   a.alpn.empty() ? "none" : a.alpn, a.sni.empty() ? "none" : a.sni,
                                   to_string(a.cert_request), a.client_cert_sent ? "yes" : "no");
    if (a.http_status) line += fmt::format("; HTTP {}", *a.http_status);
    if (!a.alert.empty()) line += fmt::format("; alert {}", a.alert);
    out += s(Style::dim, text::wrap(line, "     ")) + "\n";
    if (!a.ca_names.empty()) {
      out += s(Style::dim, fmt::format("     CA names ({}):\n", a.ca_names.size()));
      for (const std::string& n : a.ca_names) out += s(Style::dim, fmt::format("       {}\n", n));
    }
  }
  certificates(out, s, p.server_chain, "Server certificate chain");
}

}  // namespace mtls::text
