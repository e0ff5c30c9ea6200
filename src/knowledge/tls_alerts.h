// SPDX-License-Identifier: Apache-2.0
// Every TLS alert description (RFC 8446 §6, RFC 5246 §7.2, and the legacy SSL 3.0 / TLS 1.0 ones
// kept in the IANA registry), with what each means when a client certificate is involved.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace mtls::knowledge {

struct TlsAlert {
  int code;
  std::string_view name;         ///< RFC spelling, "certificate_required"
  std::string_view defined_in;   ///< "RFC 8446 §6.2"
  bool legacy;                   ///< not used by TLS 1.3 (reserved or removed)
  std::string_view meaning;
  std::string_view client_cert;  ///< what it means for client-certificate authentication
  std::vector<std::string_view> causes;
  std::string_view next_step;
  /// Sent about the peer's certificate itself (RFC 8446 §6.2: bad_certificate through
  /// access_denied, unknown_ca, certificate_required); handshake_failure is not, though TLS 1.2
  /// servers use it for a missing certificate.
  bool about_certificate = false;
  /// What the alert says about a client certificate, one phrase ("the certificate is revoked");
  /// empty for alerts that say nothing about one.
  std::string_view verdict = {};
};

std::span<const TlsAlert> tls_alerts();
const TlsAlert* find_tls_alert(int code);
const TlsAlert* find_tls_alert(std::string_view name);
/// "unknown_ca: the server could not build a chain ..." (name and verdict), or the name alone
/// for an alert without a verdict, or "alert N" for a code outside the registry.
std::string alert_verdict(int code);

}  // namespace mtls::knowledge
