// SPDX-License-Identifier: Apache-2.0
#include "checks/log_common.h"

#include <fmt/chrono.h>
#include <fmt/format.h>

#include <chrono>

#include "knowledge/client_cert_failures.h"
#include "knowledge/win32_codes.h"

namespace mtls::checks::log_detail {

EvidenceRef line_ref(const LogExample& example) {
  return at_line("log", example.file, example.line, example.text);
}

std::string time_text(std::optional<std::int64_t> t) {
  if (!t) return "unknown";
  return fmt::format("{:%Y-%m-%dT%H:%M:%SZ}", std::chrono::sys_seconds{std::chrono::seconds{*t}});
}

std::string span_text(std::optional<std::int64_t> first, std::optional<std::int64_t> last) {
  if (!first) return {};
  if (!last || *last == *first) return "at " + time_text(first);
  return fmt::format("from {} to {}", time_text(first), time_text(last));
}

std::string top_text(const std::vector<LogTopValue>& values, std::size_t n) {
  std::string out;
  for (std::size_t i = 0; i < values.size() && i < n; ++i) {
    if (!out.empty()) out += ", ";
    out += fmt::format("{} ({})", values[i].value, values[i].count);
  }
  return out;
}

const LogFailure* find_failure(const LogEvidence& logs, LogFailureKind kind) {
  for (const LogFailure& f : logs.failures) {
    if (f.kind == kind) return &f;
  }
  return nullptr;
}

std::string win32_text(std::uint32_t code) {
  const auto* w = knowledge::find_win32_code(code);
  if (w == nullptr || code == 0) return fmt::format("{}", code);
  return code > 0xffff ? fmt::format("{} (0x{:08X})", w->name, code) : fmt::format("{} ({})", w->name, code);
}

std::string failure_summary(const LogFailure& f, std::string_view what) {
  std::string s = fmt::format("{} {} entr{}", f.count, what, f.count == 1 ? "y" : "ies");
  if (const std::string span = span_text(f.first_time, f.last_time); !span.empty()) s += " " + span;
  s += ".";
  if (!f.top_clients.empty()) s += " Top clients: " + top_text(f.top_clients) + ".";
  if (!f.top_uris.empty()) s += " Top URIs: " + top_text(f.top_uris) + ".";
  return s;
}

std::vector<EvidenceRef> example_refs(const LogFailure& f) {
  std::vector<EvidenceRef> refs;
  for (const LogExample& e : f.examples) refs.push_back(line_ref(e));
  return refs;
}

std::string assumed_text(const LogEvidence& logs) {
  if (logs.assumed_fields.empty()) return {};
  std::string files;
  for (const LogExample& a : logs.assumed_fields) {
    files += fmt::format("{}{} (from line {})", files.empty() ? "" : ", ", a.file, a.line);
  }
  return fmt::format(" {} had no #Fields header: its lines were read with IIS's default field set assumed ({}).",
                     files, logs.assumed_fields.front().text);
}

std::vector<const WebServerMessage*> web_messages(const LogEvidence& logs, LogFailureKind kind) {
  std::vector<const WebServerMessage*> out;
  for (const WebServerMessage& m : logs.web_server_messages) {
    if (m.kind == kind) out.push_back(&m);
  }
  return out;
}

std::string servers_text(const std::vector<const WebServerMessage*>& messages) {
  bool nginx = false, apache = false, either = false;
  for (const WebServerMessage* m : messages) {
    nginx |= m->server == WebServer::nginx;
    apache |= m->server == WebServer::apache;
    either |= m->server == WebServer::nginx_or_apache;
  }
  if (nginx && apache) return "nginx and Apache httpd";
  if (nginx) return "nginx";
  if (apache) return either ? "Apache httpd (and an nginx or Apache access log)" : "Apache httpd";
  return std::string(to_string(WebServer::nginx_or_apache));
}

std::string web_summary(const std::vector<const WebServerMessage*>& messages) {
  std::string out;
  for (const WebServerMessage* m : messages) {
    if (!out.empty()) out += " ";
    out += fmt::format("{} {}: {} x \"{}\"", to_string(m->server), m->source, m->count, m->code);
    if (m->verify_error) out += fmt::format(" error {}", *m->verify_error);
    if (!m->reason.empty()) out += fmt::format(" ({})", m->reason);
    if (m->alert) out += fmt::format(" alert {}", *m->alert);
    if (std::string span = span_text(m->first_time, m->last_time); !span.empty()) {
      // Error logs write local time without a zone: the clock shown is the server's, not UTC.
      if (m->local_time) {
        std::erase(span, 'Z');
        span += " (server local time)";
      }
      out += " " + span;
    }
    out += fmt::format(": {}.", m->meaning);
    if (!m->top_clients.empty()) out += " Top clients: " + top_text(m->top_clients) + ".";
    if (!m->top_servers.empty()) out += " Server names: " + top_text(m->top_servers) + ".";
  }
  return out;
}

std::vector<EvidenceRef> web_refs(const std::vector<const WebServerMessage*>& messages, std::size_t n) {
  std::vector<EvidenceRef> refs;
  for (const WebServerMessage* m : messages) {
    for (const LogExample& e : m->examples) {
      if (refs.size() >= n) return refs;
      refs.push_back(line_ref(e));
    }
  }
  return refs;
}

std::vector<const Capi2ChainError*> capi2_errors(const LogEvidence& logs, LogFailureKind kind) {
  std::vector<const Capi2ChainError*> out;
  for (const Capi2ChainError& e : logs.capi2_chain_errors) {
    if (e.client_auth && e.kind == kind) out.push_back(&e);
  }
  return out;
}

std::string capi2_summary(const std::vector<const Capi2ChainError*>& errors) {
  std::string out;
  for (const Capi2ChainError* e : errors) {
    std::string what;
    if (e->result != 0) {
      what = win32_text(e->result);
      if (const auto* code = knowledge::find_win32_code(e->result); code != nullptr && !code->client_cert.empty()) {
        what += fmt::format(" ({})", code->client_cert);
      }
    } else {
      what = "chain errors " + knowledge::trust_error_names(e->trust_errors);
    }
    std::string cert = e->certificate.subject.empty() ? std::string("a certificate")
                                                       : fmt::format("\"{}\"", e->certificate.subject);
    std::vector<std::string> about;
    if (!e->certificate.thumbprint.empty()) about.push_back("thumbprint " + e->certificate.thumbprint);
    if (!e->certificate.issuer.empty()) about.push_back("issuer \"" + e->certificate.issuer + "\"");
    if (e->certificate.not_before || e->certificate.not_after) {
      about.push_back(fmt::format("valid {} to {}", time_text(e->certificate.not_before), time_text(e->certificate.not_after)));
    }
    std::string about_text;
    for (const std::string& a : about) about_text += (about_text.empty() ? " (" : ", ") + a;
    if (!about_text.empty()) about_text += ")";
    const std::string call = e->event_id == 30
                                 ? fmt::format("CAPI2 30 CertVerifyCertificateChainPolicy ({}, client certificate)",
                                               e->policy.empty() ? "policy unnamed" : e->policy)
                                 : std::string("CAPI2 11 CertGetCertificateChain (Client Authentication usage)");
    const std::string span = span_text(e->first_time, e->last_time);
    out += fmt::format("{}{}: {} x {} for {}{}{}{}.", out.empty() ? "" : " ", call, e->count, what, cert, about_text,
                       span.empty() ? "" : " ", span);
    if (!e->process.empty()) out.insert(out.size() - 1, fmt::format(" in {}", e->process));
  }
  return out;
}

std::vector<EvidenceRef> capi2_refs(const std::vector<const Capi2ChainError*>& errors, std::size_t n) {
  std::vector<EvidenceRef> refs;
  for (const Capi2ChainError* e : errors) {
    for (const LogExample& x : e->examples) {
      if (refs.size() >= n) return refs;
      refs.push_back(EvidenceRef{.source = "log",
                                 .ref = fmt::format("{} record {}", x.file, x.line),
                                 .text = x.text,
                                 .file = x.file,
                                 .line = x.line});
    }
  }
  return refs;
}

}  // namespace mtls::checks::log_detail
