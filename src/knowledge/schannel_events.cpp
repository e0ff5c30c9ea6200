// SPDX-License-Identifier: Apache-2.0
#include "knowledge/schannel_events.h"

#include <algorithm>
#include <array>

namespace mtls::knowledge {
namespace {

using K = SchannelEventKind;

// "The certificate received from the remote server" events (36876, 36881–36884) are logged when
// this machine is the TLS client; "from the remote client application" (36877–36879) when it is
// the server. On an IIS server the second group is the one about client certificates.
constexpr std::array kEvents{
    SchannelEventInfo{36864, K::informational, "the Schannel security package loaded"},
    SchannelEventInfo{36865, K::local_credential,
                      "fatal error opening the system cryptographic module"},
    SchannelEventInfo{36866, K::local_credential, "the Schannel security package failed to load"},
    SchannelEventInfo{36867, K::informational, "creating a TLS credential"},
    SchannelEventInfo{36868, K::informational, "the TLS credential's private key properties"},
    SchannelEventInfo{36869, K::local_credential,
                      "the TLS credential's certificate has no private key information attached"},
    SchannelEventInfo{36870, K::local_credential,
                      "fatal error accessing the TLS credential private key"},
    SchannelEventInfo{36871, K::local_credential, "fatal error creating a TLS credential"},
    SchannelEventInfo{36872, K::local_credential,
                      "the TLS credential's certificate chain could not be retrieved"},
    SchannelEventInfo{36873, K::cipher_mismatch,
                      "no supported cipher suite found when initiating a TLS connection"},
    SchannelEventInfo{36874, K::cipher_mismatch, "no cipher suite in common with the client"},
    SchannelEventInfo{
        36875, K::client_certificate,
        "the remote server asked for a client certificate and no suitable one was found"},
    SchannelEventInfo{36876, K::server_certificate,
                      "the certificate received from the remote server did not validate"},
    SchannelEventInfo{
        36877, K::client_certificate,
        "the certificate received from the remote client application did not validate"},
    SchannelEventInfo{36878, K::client_certificate,
                      "the certificate received from the remote client application is not suitable "
                      "for direct mapping"},
    SchannelEventInfo{36879, K::client_certificate,
                      "the certificate received from the remote client application was not mapped"},
    SchannelEventInfo{36880, K::informational, "a TLS handshake completed"},
    SchannelEventInfo{
        36881, K::server_certificate,
        "the certificate received from the remote server has expired or is not yet valid"},
    SchannelEventInfo{36882, K::server_certificate,
                      "the certificate received from the remote server was issued by an untrusted "
                      "certificate authority"},
    SchannelEventInfo{36883, K::server_certificate,
                      "the certificate received from the remote server has been revoked"},
    SchannelEventInfo{
        36884, K::server_certificate,
        "the certificate received from the remote server does not contain the expected name"},
    SchannelEventInfo{
        36885, K::issuer_list_truncated,
        "the trusted issuer list sent for client authentication was too long and was truncated"},
    SchannelEventInfo{36886, K::local_credential, "no suitable default server credential exists"},
    SchannelEventInfo{36887, K::other_alert, "fatal alert received from the remote endpoint"},
    SchannelEventInfo{36888, K::other_alert,
                      "fatal alert generated and sent to the remote endpoint"},
};

SchannelEventKind kind_of_alert(std::uint32_t alert) {
  switch (alert) {
    // RFC 8446 §6.2: the certificate alerts, and access_denied ("a valid certificate or PSK was
    // received, but when access control was applied, the sender decided not to proceed").
    case 42:   // bad_certificate
    case 43:   // unsupported_certificate
    case 44:   // certificate_revoked
    case 45:   // certificate_expired
    case 46:   // certificate_unknown
    case 48:   // unknown_ca
    case 49:   // access_denied
    case 116:  // certificate_required
      return K::client_certificate;
    case 70:  // protocol_version
    case 86:  // inappropriate_fallback
      return K::protocol_mismatch;
    case 71:  // insufficient_security: the peer requires stronger cipher suites
      return K::cipher_mismatch;
    // RFC 5246 §7.2.2: "unable to negotiate an acceptable set of security parameters"; §7.4.6
    // also lets a server end a handshake with it when a required certificate is not sent.
    case 40:
      return K::handshake_failure;
    default:
      return K::other_alert;
  }
}

}  // namespace

std::span<const SchannelEventInfo> schannel_events() { return kEvents; }

const SchannelEventInfo* find_schannel_event(std::uint32_t id) {
  const auto* it = std::find_if(kEvents.begin(), kEvents.end(),
                                [&](const SchannelEventInfo& e) { return e.id == id; });
  return it == kEvents.end() ? nullptr : &*it;
}

std::optional<SchannelEventKind> classify_schannel_event(std::uint32_t id,
                                                         std::optional<std::uint32_t> alert) {
  const SchannelEventInfo* info = find_schannel_event(id);
  if (info == nullptr) return std::nullopt;
  if (id == 36887 || id == 36888) return alert ? kind_of_alert(*alert) : K::other_alert;
  return info->kind;
}

std::string_view to_string(SchannelEventKind kind) {
  switch (kind) {
    case K::client_certificate:
      return "client certificate";
    case K::issuer_list_truncated:
      return "trusted issuer list truncated";
    case K::server_certificate:
      return "server certificate (this machine as the client)";
    case K::local_credential:
      return "this machine's own certificate or key";
    case K::cipher_mismatch:
      return "cipher suite mismatch";
    case K::protocol_mismatch:
      return "protocol version mismatch";
    case K::handshake_failure:
      return "handshake failure";
    case K::other_alert:
      return "other alert";
    case K::informational:
      return "informational";
  }
  return "unknown";
}

}  // namespace mtls::knowledge
