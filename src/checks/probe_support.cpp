// SPDX-License-Identifier: Apache-2.0
#include "checks/probe_support.h"

#include <fmt/format.h>

#include "knowledge/http2_errors.h"
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
  } else if (a.alert) {
    out = "alert " + a.alert_text;
  } else if (a.h2_error) {
    out = fmt::format("HTTP/2 stream reset with error {} ({})", *a.h2_error,
                      knowledge::http2_error_name(*a.h2_error));
  } else if (a.tcp_reset) {
    out = "TCP reset";
  } else if (a.timed_out) {
    out = "timed out";
  } else if (!a.tls_error.empty()) {
    out = a.tls_error;
  } else if (!a.http_error.empty()) {
    out = a.http_error;
  } else {
    out = "no answer";
  }
  return out;
}

std::vector<std::string> request_in_handshake_commands(const ProbeEvidence& p) {
  const std::string thumbprint = p.server_chain.empty() ? "<server certificate thumbprint>" : p.server_chain.front().sha1;
  const bool sni = !p.host.empty() && p.host.find_first_not_of("0123456789.:") != std::string::npos;
  const std::string binding = sni ? fmt::format("hostnameport={}:{}", p.host, p.port) : fmt::format("ipport=0.0.0.0:{}", p.port);
  std::vector<std::string> out;
  // http.sys keeps certhash and appid per binding; `update` needs both (netsh http update sslcert /?).
  out.push_back(fmt::format("IIS: netsh http show sslcert {}   (note its Application ID)", binding));
  out.push_back(fmt::format("IIS: netsh http update sslcert {} certhash={} appid={{APPLICATION-ID}} clientcertnegotiation=enable",
                            binding, thumbprint));
  out.push_back(fmt::format("nginx: in the server block for {0} (listen {1} ssl; server_name {0};): ssl_verify_client on; "
                            "ssl_client_certificate /etc/nginx/client-ca.pem;",
                            p.host, p.port));
  out.push_back(fmt::format("Apache: in <VirtualHost *:{1}> (ServerName {0}), not inside <Location>/<Directory>: "
                            "SSLVerifyClient require and SSLCACertificateFile /etc/apache2/client-ca.pem",
                            p.host, p.port));
  return out;
}

}  // namespace mtls::checks::probe
