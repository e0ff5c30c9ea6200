// SPDX-License-Identifier: Apache-2.0
#include "knowledge/server_software.h"

#include <fmt/format.h>

#include <array>
#include <cctype>

namespace mtls::knowledge {
namespace {

using SW = ServerSoftware;

enum class Where {
  server_header,   ///< the Server header (case-insensitive prefix)
  header,          ///< another header by name: its value (case-insensitive prefix; empty: any value)
  error_page,      ///< the start of an error answer's body (case-sensitive substring)
  error_page_all,  ///< the whole kept error body, exactly
};

struct Rule {
  Where where;
  std::string_view header;   ///< for Where::header
  std::string_view pattern;
  SW software;
  /// A weak sign (a default any application may change or imitate): read only when the answer
  /// has no Server header, which would name the software itself.
  bool weak = false;
  std::string_view why = {};  ///< said after the match in the basis
};

// Order matters: the first rule that matches an answer names it. "Apache-Coyote" (Tomcat's
// connector) comes before "Apache" (httpd).
constexpr std::array kRules = {
    // IIS and every http.sys server (HttpListener, WCF self-host): the http.sys binding is theirs.
    Rule{Where::server_header, {}, "Microsoft-IIS/", SW::iis},
    Rule{Where::server_header, {}, "Microsoft-HTTPAPI/", SW::iis, false, "(http.sys itself answered)"},
    Rule{Where::server_header, {}, "nginx", SW::nginx},
    Rule{Where::server_header, {}, "openresty", SW::nginx, false, "(OpenResty is nginx)"},
    Rule{Where::server_header, {}, "Apache-Coyote", SW::tomcat},
    Rule{Where::server_header, {}, "Apache", SW::apache},
    Rule{Where::server_header, {}, "Caddy", SW::caddy},
    Rule{Where::server_header, {}, "lighttpd", SW::lighttpd},
    Rule{Where::server_header, {}, "envoy", SW::envoy},
    Rule{Where::server_header, {}, "istio-envoy", SW::envoy},
    Rule{Where::server_header, {}, "HAProxy", SW::haproxy},
    // Envoy's router adds this to every proxied answer (envoy/source/common/router).
    Rule{Where::header, "x-envoy-upstream-service-time", {}, SW::envoy},
    Rule{Where::header, "X-Powered-By", "Express", SW::node},
    // (Node's own "Keep-Alive: timeout=5" never reaches the probe, which sends Connection: close.)
    // Error pages each server ships.
    Rule{Where::error_page, {}, "<title>IIS ", SW::iis, false, "(IIS's detailed error page)"},
    Rule{Where::error_page, {}, "<center>nginx", SW::nginx, false, "(nginx's error page)"},
    Rule{Where::error_page, {}, "<address>Apache", SW::apache, false, "(Apache's error page)"},
    Rule{Where::error_page, {}, "Apache Tomcat", SW::tomcat, false, "(Tomcat's error page)"},
    Rule{Where::error_page, {}, "<h1>HTTP Status ", SW::tomcat, false, "(Tomcat's ErrorReportValve page)"},
    // HAProxy's built-in error pages (src/http_htx.c, http_err_msgs).
    Rule{Where::error_page, {}, "No server is available to handle this request.", SW::haproxy, false, "(HAProxy's 503 page)"},
    Rule{Where::error_page, {}, "Request forbidden by administrative rules.", SW::haproxy, false, "(HAProxy's 403 page)"},
    Rule{Where::error_page, {}, "Your browser sent an invalid request.", SW::haproxy, false, "(HAProxy's 400 page)"},
    Rule{Where::error_page, {}, "The server returned an invalid or incomplete response.", SW::haproxy, false, "(HAProxy's 502 page)"},
    Rule{Where::error_page, {}, "The server didn't respond in time.", SW::haproxy, false, "(HAProxy's 504 page)"},
    // Envoy's own answers when no upstream serves.
    Rule{Where::error_page, {}, "no healthy upstream", SW::envoy, false, "(Envoy's 503 answer)"},
    Rule{Where::error_page, {}, "upstream connect error or disconnect/reset before headers", SW::envoy, false, "(Envoy's 503 answer)"},
    // Go's net/http.NotFound, the answer of every ServeMux for a path it does not serve.
    Rule{Where::error_page_all, {}, "404 page not found\n", SW::go, true, "(Go net/http's NotFound, and no Server header)"},
    // Node's tls error codes (err.code, X509_ERROR_CODE in node/src/crypto), which applications print.
    Rule{Where::error_page, {}, "UNABLE_TO_VERIFY_LEAF_SIGNATURE", SW::node, true, "(a Node.js tls error code)"},
    Rule{Where::error_page, {}, "UNABLE_TO_GET_ISSUER_CERT_LOCALLY", SW::node, true, "(a Node.js tls error code)"},
    Rule{Where::error_page, {}, "DEPTH_ZERO_SELF_SIGNED_CERT", SW::node, true, "(a Node.js tls error code)"},
    Rule{Where::error_page, {}, "SELF_SIGNED_CERT_IN_CHAIN", SW::node, true, "(a Node.js tls error code)"},
};

/// The certificate ingress-nginx serves when no Secret matches the host (its default backend).
constexpr std::string_view kIngressFakeCertificate = "CN=Kubernetes Ingress Controller Fake Certificate";

bool iequal_prefix(std::string_view text, std::string_view prefix) {
  if (text.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(text[i])) != std::tolower(static_cast<unsigned char>(prefix[i]))) {
      return false;
    }
  }
  return true;
}

bool iequal(std::string_view a, std::string_view b) { return a.size() == b.size() && iequal_prefix(a, b); }

/// Printable, one line, bounded: a header value or a page snippet inside a sentence.
std::string shown(std::string_view text) {
  std::string out;
  for (char c : text.substr(0, 120)) out += (c == '\n' || c == '\r' || c == '\t') ? ' ' : c;
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

std::string basis(const ProbeAttempt& a, std::string seen, std::string_view why) {
  return fmt::format("attempt {}: {}{}{}", a.number, seen, why.empty() ? "" : " ", why);
}

}  // namespace

bool names_server_software(std::string_view header_name) {
  for (const Rule& r : kRules) {
    if (r.where == Where::header && iequal(r.header, header_name)) return true;
  }
  return false;
}

ServerRecognition recognise_answer(const ProbeAttempt& a) {
  const bool has_server = !a.server_header.empty();
  for (const Rule& r : kRules) {
    if (r.weak && has_server) continue;
    switch (r.where) {
      case Where::server_header:
        if (iequal_prefix(a.server_header, r.pattern)) {
          return {r.software, basis(a, "Server: " + shown(a.server_header), r.why)};
        }
        break;
      case Where::header:
        for (const auto& [name, value] : a.software_headers) {
          if (!iequal(name, r.header)) continue;
          if (r.pattern.empty() || iequal_prefix(value, r.pattern)) {
            return {r.software, basis(a, fmt::format("{}: {}", name, shown(value)), r.why)};
          }
        }
        break;
      case Where::error_page:
        if (a.error_page.find(r.pattern) != std::string::npos) {
          return {r.software, basis(a, fmt::format("the error page says \"{}\"", shown(r.pattern)), r.why)};
        }
        break;
      case Where::error_page_all:
        if (a.error_page == r.pattern) {
          return {r.software, basis(a, fmt::format("the error page is \"{}\"", shown(r.pattern)), r.why)};
        }
        break;
    }
  }
  // IIS's substatus (403.7, 403.16) is read from its error pages by the probe itself.
  if (!a.iis_substatus.empty()) {
    return {SW::iis, basis(a, fmt::format("HTTP {} (IIS's substatus page)", a.iis_substatus), {})};
  }
  return {SW::unknown, has_server ? basis(a, "Server: " + shown(a.server_header), {}) : std::string()};
}

ServerRecognition recognise_server(const ProbeEvidence& p) {
  if (!p.server_chain.empty() && p.server_chain.front().subject.find(kIngressFakeCertificate) != std::string::npos) {
    return {SW::ingress_nginx,
            fmt::format("the server certificate is ingress-nginx's default ({})", kIngressFakeCertificate)};
  }
  ServerRecognition unknown;
  for (const ProbeAttempt& a : p.attempts) {
    if (a.skipped) continue;
    ServerRecognition r = recognise_answer(a);
    if (r.software != SW::unknown) return r;
    if (unknown.basis.empty()) unknown.basis = std::move(r.basis);
  }
  return unknown;
}

}  // namespace mtls::knowledge
