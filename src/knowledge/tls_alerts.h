// SPDX-License-Identifier: Apache-2.0
// Every TLS alert description (RFC 8446 §6, RFC 5246 §7.2, and the legacy SSL 3.0 / TLS 1.0 ones
// kept in the IANA registry), with what each means when a client certificate is involved.
#pragma once

#include <span>
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
};

std::span<const TlsAlert> tls_alerts();
const TlsAlert* find_tls_alert(int code);
const TlsAlert* find_tls_alert(std::string_view name);

}  // namespace mtls::knowledge
