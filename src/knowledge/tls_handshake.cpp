// SPDX-License-Identifier: Apache-2.0
// Sources: the IANA "TLS HandshakeType" registry (TLS Parameters); RFC 8446 §4 (the HandshakeType
// enum: hello_request_RESERVED, hello_retry_request_RESERVED and the TLS 1.2-only types are kept
// there for compatibility, which `reserved` records); RFC 5246 §7.4 (TLS 1.2); RFC 6347 §4.2.1
// (DTLS HelloVerifyRequest); RFC 9147 §7 (DTLS 1.3 connection ids); RFC 6066 §5 and §8
// (CertificateURL, CertificateStatus); RFC 4680 §2 (SupplementalData); RFC 8879 §4
// (CompressedCertificate); RFC 8870 §5.2 (EKTKey); RFC 9261 §4 (ClientCertificateRequest of
// exported authenticators); RFC 8446 §4.4.1 (message_hash, never sent).
#include "knowledge/tls_handshake.h"

#include <fmt/format.h>

#include <array>

namespace mtls::knowledge {
namespace {

constexpr std::array<TlsHandshakeType, 25> table{{
    {0, "hello_request", "HelloRequest", "RFC 5246 §7.4.1.1", true},
    {1, "client_hello", "ClientHello", "RFC 8446 §4.1.2", false},
    {2, "server_hello", "ServerHello", "RFC 8446 §4.1.3", false},
    {3, "hello_verify_request", "HelloVerifyRequest", "RFC 6347 §4.2.1 (DTLS)", true},
    {4, "new_session_ticket", "NewSessionTicket", "RFC 8446 §4.6.1", false},
    {5, "end_of_early_data", "EndOfEarlyData", "RFC 8446 §4.5", false},
    {6, "hello_retry_request", "HelloRetryRequest", "RFC 8446 §4.1.4 (sent as a ServerHello)",
     true},
    {8, "encrypted_extensions", "EncryptedExtensions", "RFC 8446 §4.3.1", false},
    {9, "request_connection_id", "RequestConnectionId", "RFC 9147 §7 (DTLS 1.3)", false},
    {10, "new_connection_id", "NewConnectionId", "RFC 9147 §7 (DTLS 1.3)", false},
    {11, "certificate", "Certificate", "RFC 8446 §4.4.2", false},
    {12, "server_key_exchange", "ServerKeyExchange", "RFC 5246 §7.4.3", true},
    {13, "certificate_request", "CertificateRequest", "RFC 8446 §4.3.2", false},
    {14, "server_hello_done", "ServerHelloDone", "RFC 5246 §7.4.5", true},
    {15, "certificate_verify", "CertificateVerify", "RFC 8446 §4.4.3", false},
    {16, "client_key_exchange", "ClientKeyExchange", "RFC 5246 §7.4.7", true},
    {17, "client_certificate_request", "ClientCertificateRequest", "RFC 9261 §4", false},
    {20, "finished", "Finished", "RFC 8446 §4.4.4", false},
    {21, "certificate_url", "CertificateURL", "RFC 6066 §5", true},
    {22, "certificate_status", "CertificateStatus", "RFC 6066 §8", true},
    {23, "supplemental_data", "SupplementalData", "RFC 4680 §2", true},
    {24, "key_update", "KeyUpdate", "RFC 8446 §4.6.3", false},
    {25, "compressed_certificate", "CompressedCertificate", "RFC 8879 §4", false},
    {26, "ekt_key", "EKTKey", "RFC 8870 §5.2", false},
    {254, "message_hash", "message_hash", "RFC 8446 §4.4.1 (transcript only, never sent)", false},
}};

}  // namespace

std::span<const TlsHandshakeType> tls_handshake_types() { return table; }

const TlsHandshakeType* find_tls_handshake_type(int code) {
  for (const TlsHandshakeType& t : table) {
    if (t.code == code) return &t;
  }
  return nullptr;
}

std::string handshake_message_name(std::uint8_t type) {
  const TlsHandshakeType* t = find_tls_handshake_type(type);
  if (t) return std::string(t->message);
  return fmt::format("handshake type {}", type);
}

}  // namespace mtls::knowledge
