// SPDX-License-Identifier: Apache-2.0
#include "checks/probe_support.h"

#include <fmt/format.h>

#include "knowledge/http2_errors.h"
#include "knowledge/remedies.h"
#include "knowledge/tls_alerts.h"

namespace mtls::checks::probe {

std::vector<const ProbeAttempt*> primary(const ProbeEvidence& p) {
  std::vector<const ProbeAttempt*> out;
  for (const ProbeAttempt& a : p.attempts) {
    if (!a.skipped && !a.sni_comparison) out.push_back(&a);
  }
  return out;
}

std::vector<const ProbeAttempt*> presenting(const ProbeEvidence& p) {
  std::vector<const ProbeAttempt*> out;
  for (const ProbeAttempt* a : primary(p)) {
    if (!p.identity_given || a->with_identity) out.push_back(a);
  }
  return out;
}

bool is_certificate_alert(int code) {
  const knowledge::TlsAlert* a = knowledge::find_tls_alert(code);
  return a && a->about_certificate;
}

std::string alert_meaning(int code) { return knowledge::alert_verdict(code); }

bool dropped_without_answer(const ProbeAttempt& a) {
  if (!a.connected || a.skipped || a.timed_out || a.http_status || a.h2_error) return false;
  if (a.alert && !a.alert->sent) return false;
  if (a.tcp_reset) return true;
  // The probe's own words for a connection the server ended (src/tls/probe.cpp, probe_h2.cpp).
  const std::string& why = a.handshake_completed ? a.http_error : a.tls_error;
  for (std::string_view phrase : {"closed the connection", "could not be written", "connection failed"}) {
    if (why.find(phrase) != std::string::npos) return true;
  }
  return false;
}

std::string_view drop_verb(const ProbeAttempt& a) { return a.tcp_reset ? "reset" : "closed"; }

EvidenceRef attempt_ref(const ProbeAttempt& a, std::string what) {
  return at_attempt(static_cast<std::uint64_t>(a.number), std::move(what), a.purpose);
}

std::string outcome(const ProbeAttempt& a) {
  if (a.skipped) return "skipped";
  if (!a.connected) return a.connect_error;
  std::string out;
  if (a.http_status) {
    out = fmt::format("HTTP {}", *a.http_status);
    if (!a.iis_substatus.empty()) out += fmt::format(" (IIS {})", a.iis_substatus);
    if (!a.server_reason.empty()) out += fmt::format(" (\"{}\")", a.server_reason);
    if (a.body_truncated) out += " (the body did not end within the 64 KiB the probe reads)";
  } else if (a.alert && (!a.alert->sent || (a.tls_error.empty() && a.http_error.empty()))) {
    // An alert the probe sent is its reaction to what the server did, said by the texts below.
    out = "alert " + a.alert_text;
  } else if (a.h2_error) {
    out = fmt::format("HTTP/2 stream reset with error {} ({})", *a.h2_error,
                      knowledge::http2_error_name(*a.h2_error));
  } else if (a.tcp_reset) {
    out = "TCP reset";
  } else if (a.timed_out) {
    out = !a.http_error.empty() ? a.http_error : !a.tls_error.empty() ? a.tls_error : "timed out";
  } else if (!a.tls_error.empty()) {
    out = a.tls_error;
  } else if (!a.http_error.empty()) {
    out = a.http_error;
  } else {
    out = "no answer";
  }
  return out;
}

knowledge::remedies::ServerSite site(const ProbeEvidence& p) {
  return {.software = p.server_software,
          .basis = p.server_software_basis,
          .host = p.host,
          .port = std::to_string(p.port),
          .certhash = p.server_chain.empty() ? std::string() : p.server_chain.front().sha1};
}

std::vector<RemedyCommand> request_in_handshake_commands(const ProbeEvidence& p) {
  return knowledge::remedies::require_client_certificate(site(p));
}

void require_in_handshake(Finding& f, const ProbeEvidence& p) {
  f.remedy.text = knowledge::remedies::require_rule(site(p));
  f.remedy.commands = request_in_handshake_commands(p);
}

void software_remedy(Finding& f, const ProbeEvidence& p, std::string_view rule, std::vector<RemedyCommand> commands) {
  f.remedy.text = fmt::format("{} {}", rule, knowledge::remedies::software_sentence(site(p)));
  f.remedy.commands = std::move(commands);
}

}  // namespace mtls::checks::probe
