// SPDX-License-Identifier: Apache-2.0
// The HTML report's section on evidence.pcap: one table row per connection read in detail (as
// render/text_pcap.cpp, without folding look-alikes: a table row is cheap to skim), then the
// matches between a client-side and a server-side capture.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include "render/html_evidence.h"

namespace mtls::html {
namespace {

/// Rows past this many are counted, not shown (the JSON report lists every connection).
constexpr std::size_t kMaxRows = 200;

std::string frame_of(const std::optional<std::uint64_t>& f) { return f ? fmt::format(" (frame {})", *f) : ""; }

std::string lines(const std::vector<std::string>& values) {
  std::string out;
  for (const std::string& v : values) out += (out.empty() ? "" : "<br>") + e(v);
  return out;
}

}  // namespace

void pcap(std::string& out, const PcapEvidence& p) {
  out += fmt::format("<section id=\"pcap\">\n<h3>Capture</h3>\n<p>{}: {}, {}, {} in the clear</p>\n",
                     e(fmt::format("{}", fmt::join(p.files, ", "))), count_of(p.frames, "frame", "frames"),
                     count_of(p.tls_connections, "TLS connection", "TLS connections"),
                     count_of(p.certificate_requests, "CertificateRequest", "CertificateRequests"));
  if (p.undetailed_connections > 0) {
    out += fmt::format("<p class=\"meta\">the first {} TLS connections are read in detail; {} more are only counted</p>\n",
                       p.connections.size(), p.undetailed_connections);
  }
  if (!p.keylog.empty()) {
    out += fmt::format("<p>key log {}: {} decrypted</p>\n", code(p.keylog),
                       count_of(p.decrypted_connections(), "connection", "connections"));
  }
  for (const std::string& note : p.notes) out += fmt::format("<p class=\"meta\">note: {}</p>\n", e(note));
  std::vector<std::vector<std::string>> rows;
  for (std::size_t i = 0; i < p.connections.size() && i < kMaxRows; ++i) {
    const PcapConnection& c = p.connections[i];
    std::string where = fmt::format("#{}{}", c.number, c.side.empty() ? "" : " " + e(c.side) + " side");
    if (p.files.size() > 1 && !c.file.empty()) where += "<br>" + code(c.file);
    std::string tls = e(c.tls_version.empty() ? "no ServerHello" : c.tls_version);
    if (c.decrypted) tls += "<br>decrypted";
    std::string offer = fmt::format("SNI {}", e(c.sni.empty() ? "(none)" : c.sni));
    if (!c.alpn_offered.empty()) offer += "<br>ALPN " + e(fmt::format("{}", fmt::join(c.alpn_offered, ", "))) + (c.alpn.empty() ? "" : " → " + e(c.alpn));
    if (c.offered_pha) offer += "<br>post_handshake_auth";
    std::string request = e(c.cert_request_text() + frame_of(c.cert_request_frame));
    if (c.cert_request == CertRequestTiming::handshake || c.cert_request_frame) {
      request += "<br>" + (c.ca_names.empty() ? std::string("CA names: none (any issuer)") : count_of(c.ca_names.size(), "CA name", "CA names"));
    }
    std::string sent = e(c.client_cert + frame_of(c.client_cert_frame));
    if (!c.client_cert_subject.empty()) sent += "<br>" + e(c.client_cert_subject);
    std::string ended = lines(c.alerts);
    if (!c.resets.empty()) ended += (ended.empty() ? "" : "<br>") + lines(c.resets);
    if (!c.notes.empty()) ended += std::string(ended.empty() ? "" : "<br>") + "<span class=\"dim\">" + lines(c.notes) + "</span>";
    rows.push_back({where, e(c.client) + " →<br>" + e(c.server), tls, offer, request, sent, ended,
                    fmt::format("{}–{}", c.first_frame, c.last_frame)});
  }
  if (!rows.empty()) {
    out += table({"conn", "client → server", "TLS", "offered", "certificate request", "client certificate", "alerts, resets, notes", "frames"},
                 rows, "connections");
  }
  if (p.connections.size() > kMaxRows) {
    out += fmt::format("<p class=\"meta\">... {} more connections (the JSON report lists every one)</p>\n", p.connections.size() - kMaxRows);
  }
  for (const PcapMatch& m : p.matches) {
    out += fmt::format("<p>client-side #{} = server-side #{} (by {}): {}</p>\n", m.client_side, m.server_side, e(m.matched_by),
                       m.differences.empty() ? "same handshake" : "<strong class=\"failed\">differs</strong>");
    if (!m.differences.empty()) {
      out += "<ul>\n";
      for (const std::string& d : m.differences) out += "<li>" + e(d) + "</li>\n";
      out += "</ul>\n";
    }
  }
  out += "</section>\n";
}

}  // namespace mtls::html
