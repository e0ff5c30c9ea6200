// SPDX-License-Identifier: Apache-2.0
#include "render/text_evidence.h"

#include <fmt/chrono.h>
#include <fmt/format.h>
#include <fmt/ranges.h>

#include "render/render.h"
#include "render/text_style.h"

namespace mtls {
namespace {

using text::Style;

std::string_view role_name(CertificateRole role) {
  switch (role) {
    case CertificateRole::client: return "client";
    case CertificateRole::intermediate: return "intermediate";
    case CertificateRole::root: return "root";
    case CertificateRole::server: return "server";
  }
  return "?";
}

/// The chain as a tree: each certificate indented under the one before it (leaf first).
void certificates(std::string& out, const text::Styler& s, const std::vector<CertificateFacts>& chain,
                  std::string_view heading) {
  if (chain.empty()) return;
  out += fmt::format("\n{}\n", s(Style::bold, heading));
  std::string indent = "  ";
  for (const CertificateFacts& c : chain) {
    out += fmt::format("{}{} {}\n", indent, s(Style::dim, fmt::format("[{}]", role_name(c.role))), c.subject);
    const std::string more = indent + "    ";
    out += s(Style::dim, fmt::format("{}issuer {}\n", more, c.issuer));
    out += s(Style::dim, fmt::format("{}valid {:%F} to {:%F}, sha1 {}\n", more, c.not_before,
                                     c.not_after, c.sha1));
    if (c.has_eku) out += s(Style::dim, fmt::format("{}EKU {}\n", more, fmt::join(c.eku, ", ")));
    indent += "└─ ";
    if (indent.size() > 3 * 8) indent = "  ";
  }
}

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

void logs(std::string& out, const text::Styler& s, const LogEvidence& l) {
  out += fmt::format("\n{} {} file{}, {} lines, {} entries, {} unreadable\n", s(Style::bold, "Logs:"),
                     l.files.size(), l.files.size() == 1 ? "" : "s", l.lines, l.entries, l.unparsed);
  for (const auto& [status, count] : l.by_status) {
    out += fmt::format("  {:>8}  {}\n", status, count);
  }
}

void pcap(std::string& out, const text::Styler& s, const PcapEvidence& p) {
  out += fmt::format("\n{} {} connection{}\n", s(Style::bold, "Capture:"), p.connections.size(),
                     p.connections.size() == 1 ? "" : "s");
  for (const PcapConnection& c : p.connections) {
    out += fmt::format("  {} -> {} {} request: {} client certificate: {}\n", c.client, c.server,
                       c.tls_version, to_string(c.cert_request), c.client_cert);
  }
}

void iis(std::string& out, const text::Styler& s, const IisEvidence& i) {
  out += fmt::format("\n{} {} site{}, {} http.sys binding{}\n", s(Style::bold, "IIS:"), i.sites.size(),
                     i.sites.size() == 1 ? "" : "s", i.bindings.size(), i.bindings.size() == 1 ? "" : "s");
  for (const HttpSysBinding& b : i.bindings) {
    out += fmt::format("  {} {}: negotiate client certificate {}, CTL store {}\n", b.kind, b.endpoint,
                       b.negotiate_client_certificate ? (*b.negotiate_client_certificate ? "enabled" : "disabled")
                                                      : "unknown",
                       b.ctl_store_name.empty() ? "(none)" : b.ctl_store_name);
  }
}

}  // namespace

std::string render_text_evidence(const Evidence& evidence, bool color) {
  const text::Styler s(color);
  std::string out;
  if (evidence.certificates) certificates(out, s, evidence.certificates->certificates, "Certificates");
  if (evidence.probe) probe(out, s, *evidence.probe);
  if (evidence.iis) iis(out, s, *evidence.iis);
  if (evidence.logs) logs(out, s, *evidence.logs);
  if (evidence.pcap) pcap(out, s, *evidence.pcap);
  return out;
}

}  // namespace mtls
