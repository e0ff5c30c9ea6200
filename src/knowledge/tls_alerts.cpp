// SPDX-License-Identifier: Apache-2.0
// Sources: RFC 8446 §6, RFC 5246 §7.2, the IANA "TLS Alerts" registry.
#include "knowledge/tls_alerts.h"

#include <algorithm>
#include <cctype>

namespace mtls::knowledge {
namespace {

const std::vector<TlsAlert> table{
    {116, "certificate_required", "RFC 8446 §6.2", false,
     "Sent by servers when a client certificate is desired but none was provided by the client.",
     "TLS 1.3 server required a certificate and the client sent an empty Certificate message. "
     "The client sees it only after it thinks the handshake is done, on its first read.",
     {"the client has no certificate configured", "the CA list excluded the client's issuer"},
     "Give the client its certificate, or run mtls-doctor probe with --cert/--key to see whether "
     "the server then accepts it."},
};

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() &&
         std::equal(a.begin(), a.end(), b.begin(), [](unsigned char x, unsigned char y) {
           return std::tolower(x) == std::tolower(y);
         });
}

}  // namespace

std::span<const TlsAlert> tls_alerts() { return table; }

const TlsAlert* find_tls_alert(int code) {
  for (const TlsAlert& a : table) {
    if (a.code == code) return &a;
  }
  return nullptr;
}

const TlsAlert* find_tls_alert(std::string_view name) {
  for (const TlsAlert& a : table) {
    if (iequals(a.name, name)) return &a;
  }
  return nullptr;
}

}  // namespace mtls::knowledge
