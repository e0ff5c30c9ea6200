// SPDX-License-Identifier: Apache-2.0
// The HTML report's section on evidence.probe: per attempt, what was negotiated, then the
// timeline of its handshake messages both ways (as render/text_probe.cpp), then the server chain.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include "render/html_evidence.h"

namespace mtls::html {
namespace {


std::string certificate_sent(const ProbeAttempt& a) {
  if (a.client_cert_sent && a.client_chain_sent > 0) return count_of(static_cast<std::size_t>(a.client_chain_sent), "certificate", "certificates");
  if (a.client_cert_sent) return "yes";
  if (a.empty_certificate_sent) return "an empty Certificate";
  return "no";
}

void fact(std::string& out, std::string_view name, const std::string& value_html) {
  out += fmt::format("<dt>{}</dt><dd>{}</dd>", name, value_html);
}

void attempt(std::string& out, const ProbeAttempt& a) {
  out += fmt::format("<article class=\"attempt\" id=\"attempt-{}\">\n<h4>Attempt {}: {}</h4>\n", a.number, a.number, e(a.purpose));
  if (a.skipped) {
    out += fmt::format("<p class=\"dim\">skipped: {}</p>\n</article>\n", e(a.skip_reason));
    return;
  }
  if (!a.connected) {
    out += fmt::format("<p class=\"failed\">TCP: {} ({:.0f} ms)</p>\n</article>\n", e(a.connect_error), a.connect_ms);
    return;
  }
  out += "<dl class=\"facts\">";
  fact(out, "TLS", e(a.tls_version.empty() ? "no TLS" : a.tls_version + (a.cipher.empty() ? "" : " " + a.cipher)));
  fact(out, "ALPN / SNI", e(fmt::format("{} / {}", a.alpn.empty() ? "none" : a.alpn, a.sni.empty() ? "none" : a.sni)));
  fact(out, "certificate requested", e(to_string(a.cert_request)));
  fact(out, "certificate sent", e(certificate_sent(a)));
  if (a.renegotiations) fact(out, "renegotiations", fmt::format("{}", a.renegotiations));
  if (a.alert) fact(out, "alert", "<span class=\"failed\">" + e(a.alert_text) + "</span>");
  if (a.tcp_reset) fact(out, "TCP", "<span class=\"failed\">reset</span>");
  if (a.timed_out) fact(out, "deadline", "<span class=\"failed\">timed out</span>");
  if (const std::string h = http_result_line(a); !h.empty()) fact(out, "HTTP", code(h));
  if (!a.tls_error.empty()) fact(out, "TLS error", e(a.tls_error));
  if (!a.server_verify_error.empty()) fact(out, "server chain", e(a.server_verify_error));
  out += "</dl>\n";
  if (!a.messages.empty()) {
    // The handshake as it crossed the wire: client-to-server and server-to-client, in order.
    out += "<ol class=\"timeline\">\n";
    for (const ProbeMessage& m : a.messages) {
      const bool alert = m.name.rfind("alert", 0) == 0;
      out += fmt::format("<li class=\"{}{}\"><span class=\"at\">{:.1f} ms</span><span class=\"dir\">{}</span>"
                         "<span class=\"msg\">{}{}</span></li>\n",
                         m.sent ? "sent" : "received", alert ? " alert" : "", m.at_ms,
                         m.sent ? "client → server" : "server → client", e(m.name),
                         m.length ? fmt::format(" <span class=\"dim\">({} bytes)</span>", m.length) : std::string());
    }
    out += "</ol>\n";
    if (a.messages_truncated) out += "<p class=\"meta\">... more messages were not kept</p>\n";
  }
  if (a.cert_request != CertRequestTiming::none) {
    out += fmt::format("<details><summary>CA names ({}{})</summary>\n", a.ca_names.size(),
                       a.ca_names_bytes ? fmt::format(", {} bytes", a.ca_names_bytes) : "");
    if (a.ca_names.empty()) out += "<p>none (any certificate)</p>\n";
    out += "<ol>\n";
    for (const std::string& n : a.ca_names) out += "<li>" + code(n) + "</li>\n";
    out += "</ol>\n";
    if (!a.certificate_types.empty()) out += fmt::format("<p class=\"meta\">certificate types: {}</p>\n", e(fmt::format("{}", fmt::join(a.certificate_types, ", "))));
    if (!a.signature_algorithms.empty()) out += fmt::format("<p class=\"meta\">signature algorithms: {}</p>\n", e(fmt::format("{}", fmt::join(a.signature_algorithms, ", "))));
    out += "</details>\n";
  }
  if (a.total_ms > 0) {
    out += fmt::format("<p class=\"meta\">timings: connect {:.1f} ms, handshake {:.1f} ms, first response byte {:.1f} ms, total {:.1f} ms</p>\n",
                       a.connect_ms, a.handshake_ms, a.response_ms, a.total_ms);
  }
  out += "</article>\n";
}

}  // namespace

void probe(std::string& out, const ProbeEvidence& p) {
  out += fmt::format("<section id=\"probe\">\n<h3>Probe of {} ({})</h3>\n", code(p.target),
                     p.address.empty() ? "not connected" : e(p.address));
  if (!p.browser_experience.empty()) out += fmt::format("<p>{}</p>\n", e(p.browser_experience));
  if (!p.address.empty()) out += fmt::format("<p>{}</p>\n", e(server_software_line(p)));
  for (const ProbeAttempt& a : p.attempts) attempt(out, a);
  chain_list(out, p.server_chain, "Server certificate chain");
  out += "</section>\n";
}

}  // namespace mtls::html
