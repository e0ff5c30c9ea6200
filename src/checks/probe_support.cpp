// SPDX-License-Identifier: Apache-2.0
#include "checks/probe_support.h"

#include <fmt/format.h>

#include "knowledge/remedies.h"

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
  switch (code) {
    case 42: case 43: case 44: case 45: case 46: case 48: case 49: case 116: return true;
    default: return false;
  }
}

std::string alert_meaning(int code) {
  switch (code) {
    case 40: return "handshake_failure: before TLS 1.3 the usual answer to a missing or unacceptable certificate";
    case 42: return "bad_certificate: the certificate is corrupt or its signature does not verify";
    case 43: return "unsupported_certificate: the certificate is of a type or purpose the server does not accept (often the EKU lacks clientAuth)";
    case 44: return "certificate_revoked: the certificate is revoked";
    case 45: return "certificate_expired: the certificate (or one in its chain) is expired or not yet valid";
    case 46: return "certificate_unknown: the server could not accept the certificate for an unspecified reason";
    case 48: return "unknown_ca: the server could not build a chain to a CA it trusts (missing intermediate or untrusted root)";
    case 49: return "access_denied: the certificate was valid but access was refused";
    case 51: return "decrypt_error: the CertificateVerify signature did not verify (wrong key?)";
    case 116: return "certificate_required: the server needed a certificate and got none";
    default: return fmt::format("alert {}", code);
  }
}

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
    out = fmt::format("HTTP/2 stream reset with error {}{}", *a.h2_error, *a.h2_error == 13 ? " (HTTP_1_1_REQUIRED)" : "");
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

std::vector<RemedyCommand> request_in_handshake_commands(const ProbeEvidence& p) {
  namespace remedies = knowledge::remedies;
  const std::string certhash = p.server_chain.empty() ? std::string() : p.server_chain.front().sha1;
  const std::string port = std::to_string(p.port);
  std::vector<RemedyCommand> out = remedies::iis_request_in_handshake(remedies::binding_seen(p.host, port, certhash));
  for (RemedyCommand& r : remedies::web_servers_request_in_handshake(p.host, port)) out.push_back(std::move(r));
  return out;
}

}  // namespace mtls::checks::probe
