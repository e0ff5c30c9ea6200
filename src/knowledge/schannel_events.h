// SPDX-License-Identifier: Apache-2.0
// What each Schannel System-log event (36864–36888) says, and which of them are about client
// certificates. The messages follow the Schannel provider's event manifest as Microsoft documents
// it ("Schannel Events", learn.microsoft.com, previous-versions/windows/it-pro/windows-server-2012-
// R2-and-2012/dn786445); 36887/36888 carry a TLS alert, classified by the alert's meaning
// (RFC 8446 §6.2, RFC 5246 §7.2.2).
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

namespace mtls::knowledge {

/// What an Schannel event tells about a failed handshake.
enum class SchannelEventKind {
  client_certificate,     ///< a client certificate refused, unusable, unmapped, or missing
  issuer_list_truncated,  ///< 36885: the CertificateRequest CA list was cut
  server_certificate,     ///< this machine, as a client, did not accept a server's certificate
  local_credential,       ///< this machine's own certificate or private key could not be used
  cipher_mismatch,        ///< no cipher suite in common
  protocol_mismatch,      ///< no protocol version in common
  handshake_failure,      ///< alert 40: no common parameters, or (TLS 1.2) a required certificate
                          ///< missing
  other_alert,    ///< any other alert (decode errors, internal errors, unrecognized name, ...)
  informational,  ///< not a failure (36880 handshake completed, credential created, ...)
};

struct SchannelEventInfo {
  std::uint32_t id;
  SchannelEventKind kind;    ///< for 36887/36888 the kind depends on the alert: see classify
  std::string_view message;  ///< what the event says, in short
};

/// The table, by event id.
std::span<const SchannelEventInfo> schannel_events();
/// nullptr for an id that is not a Schannel event.
const SchannelEventInfo* find_schannel_event(std::uint32_t id);

/// The kind of one event; `alert` is the TLS alert of a 36887/36888 (AlertDesc), when known.
/// nullopt for an id outside the table.
std::optional<SchannelEventKind> classify_schannel_event(std::uint32_t id,
                                                         std::optional<std::uint32_t> alert);

/// Whether events of this kind say that client-certificate authentication itself failed (or
/// will: the issuer list truncated). The others stop a handshake for another reason, or none.
constexpr bool about_client_certificates(SchannelEventKind kind) {
  return kind == SchannelEventKind::client_certificate ||
         kind == SchannelEventKind::issuer_list_truncated;
}

/// Short words for reports: "client certificate", "cipher suite mismatch", ...
std::string_view to_string(SchannelEventKind kind);

}  // namespace mtls::knowledge
