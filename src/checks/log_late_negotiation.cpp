// SPDX-License-Identifier: Apache-2.0
// log.late-negotiation-aborted (C11): IIS asked for the certificate by renegotiation after the
// request, the connection died during it (500 with win32 64 ERROR_NETNAME_DELETED, 995
// ERROR_OPERATION_ABORTED or 1236 ERROR_CONNECTION_ABORTED; FREB 0x800703E3) and the client's
// next request got 403.7. Also 500.0 with 0x80070032 (ERROR_NOT_SUPPORTED): a late certificate
// request on a TLS 1.3 connection, where http.sys cannot renegotiate (TLS 1.3 has no
// renegotiation, RFC 8446 §4.6.2 offers only post-handshake authentication).
#include <fmt/format.h>

#include "checks/checks.h"
#include "checks/log_common.h"
#include "knowledge/finding_catalog.h"
#include "knowledge/remedies.h"

namespace mtls::checks {
namespace {

/// The netsh commands that apply `change`: to each http.sys binding when they were read too (a
/// diagnose run), else to a binding the logs do not name (W3C logs hold no server port to key it).
std::vector<RemedyCommand> binding_commands(const Evidence& evidence, const knowledge::remedies::SslcertChange& change) {
  namespace remedies = knowledge::remedies;
  std::vector<RemedyCommand> out;
  if (evidence.iis && evidence.iis->bindings_read) {
    for (const HttpSysBinding& b : evidence.iis->bindings) {
      if (change.clientcertnegotiation && b.negotiate_client_certificate == true) continue;
      if (change.disabletls13 && b.disable_tls13 == true) continue;
      out.push_back(remedies::netsh_update_sslcert(b, change));
    }
  }
  if (out.empty()) {
    const remedies::UnreadBinding unread{.key = "ipport=<ip:port>", .certhash = {}};
    out = {remedies::netsh_show_sslcert({}, "lists every binding with its Certificate Hash and Application ID"),
           remedies::netsh_update_sslcert(unread, change)};
  }
  return out;
}

CheckResult run(const Evidence& evidence, const CheckContext&) {
  using namespace log_detail;
  const LogEvidence& logs = *evidence.logs;
  std::vector<Finding> out;
  const LogLateNegotiation& late = logs.late_negotiation;
  if (late.pairs > 0) {
    Finding f = knowledge::make_finding("log.late-negotiation-aborted");
    const LogFailure* aborted = find_failure(logs, LogFailureKind::renegotiation_aborted);
    f.detail = fmt::format(
        "{} time{} a 500 with an aborted connection was followed by 403.7 from the same client within {} s",
        late.pairs, late.pairs == 1 ? "" : "s", late.window_seconds);
    if (aborted != nullptr) {
      f.detail += fmt::format(" ({} such 500 entries in all {}", aborted->count, span_text(aborted->first_time, aborted->last_time));
      std::string codes;
      for (const auto& [code, n] : aborted->by_win32) {
        codes += fmt::format("{}{} x{}", codes.empty() ? "; win32 " : ", ", win32_text(code), n);
      }
      f.detail += codes + ")";
    }
    f.detail +=
        ". IIS asked for the certificate by renegotiation after reading the request; the "
        "connection was dropped while it waited (HTTP/2 and TLS 1.3 clients cannot renegotiate), and "
        "the retry was refused with 403.7.";
    if (late.pending_dropped > 0) {
      f.detail += fmt::format(" ({} pending 500s were not followed: more than 2048 clients waited at once.)",
                              late.pending_dropped);
    }
    for (const auto& [first, second] : late.examples) {
      f.evidence.push_back(line_ref(first));
      f.evidence.push_back(line_ref(second));
    }
    f.remedy.commands = binding_commands(evidence, {.clientcertnegotiation = true});
    out.push_back(std::move(f));
  }
  if (const LogFailure* tls13 = find_failure(logs, LogFailureKind::tls13_not_supported)) {
    Finding f = knowledge::make_finding("log.late-negotiation-aborted");
    f.title = "500.0 with 0x80070032 (ERROR_NOT_SUPPORTED): a late certificate request under TLS 1.3";
    f.detail = failure_summary(*tls13, "500.0 with win32 status 50 (0x80070032)") +
               " IIS needed the client certificate after the request on a TLS 1.3 connection. TLS 1.3 "
               "has no renegotiation and http.sys does not use post-handshake authentication, so the "
               "request fails. Ask for the certificate in the initial handshake (Negotiate Client "
               "Certificate), or, as a stopgap, disable TLS 1.3 on that binding.";
    f.evidence = example_refs(*tls13);
    f.remedy.commands = binding_commands(evidence, {.clientcertnegotiation = true});
    for (RemedyCommand& c : binding_commands(evidence, {.disabletls13 = true})) {
      if (c.command.starts_with("netsh http show")) continue;  // already listed
      c.note = "or, as a stopgap, turn TLS 1.3 off on the binding: " + c.note;
      f.remedy.commands.push_back(std::move(c));
    }
    out.push_back(std::move(f));
  }
  if (out.empty()) return CheckResult::passed();
  return CheckResult::found(std::move(out));
}

}  // namespace

Check log_late_negotiation_check() {
  return {"log_late_negotiation", Step::C11, {"log.late-negotiation-aborted"}, {EvidencePart::logs}, run};
}

}  // namespace mtls::checks
