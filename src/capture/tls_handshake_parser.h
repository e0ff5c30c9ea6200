// SPDX-License-Identifier: Apache-2.0
// Our own TLS handshake parser over reassembled bytes: pure (bytes in, records and messages out),
// bounded, fuzzed (fuzz/fuzz_tls_handshake.cpp). It reads what travels in the clear: the record
// layer (RFC 8446 §5.1, RFC 5246 §6.2), handshake messages reassembled across records, alerts and
// ChangeCipherSpec; encrypted records are counted, never guessed at.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/expected.h"

namespace mtls::capture {

enum TlsContentType : std::uint8_t {
  tls_change_cipher_spec = 20,
  tls_alert = 21,
  tls_handshake = 22,
  tls_application_data = 23,
  tls_heartbeat = 24,
};

/// The handshake message types this parser acts on (IANA "TLS HandshakeType"; names and the
/// whole registry in knowledge/tls_handshake.h).
enum TlsHandshakeType : std::uint8_t {
  hs_hello_request = 0,
  hs_client_hello = 1,
  hs_server_hello = 2,
  hs_new_session_ticket = 4,
  hs_end_of_early_data = 5,
  hs_encrypted_extensions = 8,
  hs_certificate = 11,
  hs_server_key_exchange = 12,
  hs_certificate_request = 13,
  hs_server_hello_done = 14,
  hs_certificate_verify = 15,
  hs_client_key_exchange = 16,
  hs_finished = 20,
  hs_key_update = 24,
};

/// "TLSv1.2", "TLSv1.3", "SSLv3", or "0x7F1C" for drafts and unknown values.
std::string tls_version_name(std::uint16_t version);

struct ClientHello {
  std::uint16_t legacy_version = 0;
  std::string random;  ///< 32 bytes
  std::string sni;     ///< server_name host_name, empty if none
  std::vector<std::string> alpn;
  std::vector<std::uint16_t> supported_versions;
  bool post_handshake_auth = false;  ///< RFC 8446 §4.2.6
  bool renegotiation_info = false;   ///< RFC 5746 extension or SCSV
};

struct ServerHello {
  std::uint16_t legacy_version = 0;
  std::uint16_t version = 0;  ///< supported_versions if present (RFC 8446 §4.2.1), else legacy
  std::string random;
  std::uint16_t cipher_suite = 0;
  std::string alpn;  ///< selected protocol (visible in TLS 1.2 only; TLS 1.3 moves it)
  bool hello_retry_request = false;  ///< RFC 8446 §4.1.3 special random
};

struct CertificateList {
  std::vector<std::string> certificates;  ///< DER, leaf first
};

struct CertificateRequestInfo {
  std::vector<std::uint8_t> certificate_types;  ///< TLS 1.2 only
  std::vector<std::uint16_t> signature_algorithms;
  std::vector<std::string> certificate_authorities;  ///< DER DistinguishedName each
};

/// Upper bounds (untrusted input never grows memory without bound): a handshake message, a CA list, a certificate chain.
inline constexpr std::size_t max_handshake_message = 1u << 20;
inline constexpr std::size_t max_ca_names = 4096;
inline constexpr std::size_t max_chain = 64;

Expected<ClientHello> parse_client_hello(std::string_view body);
Expected<ServerHello> parse_server_hello(std::string_view body);
/// TLS 1.3 Certificate carries a request context and per-entry extensions (RFC 8446 §4.4.2).
Expected<CertificateList> parse_certificate(std::string_view body, bool tls13);
/// TLS 1.2 (RFC 5246 §7.4.4) or TLS 1.3 (RFC 8446 §4.3.2: context + extensions).
Expected<CertificateRequestInfo> parse_certificate_request(std::string_view body, bool tls13);

/// What one direction's byte stream turned out to contain.
class TlsEvents {
 public:
  virtual ~TlsEvents() = default;
  /// A complete handshake message in the clear. `frame` completed it.
  virtual void on_handshake(std::uint8_t type, std::string_view body, std::uint64_t frame) = 0;
  virtual void on_alert(std::uint8_t level, std::uint8_t description, std::uint64_t frame) = 0;
  virtual void on_change_cipher_spec(std::uint64_t frame) = 0;
  /// A record whose content is encrypted: its outer type as sent and its body (the record
  /// header excluded) for a decryptor; empty when the bytes are not a whole record (protected
  /// bytes following a ServerHello inside one record).
  virtual void on_encrypted_record(std::uint8_t content_type, std::string_view body, std::uint64_t frame) = 0;
};

/// The record layer of one direction, fed in order, in pieces of any size.
class TlsRecordParser {
 public:
  /// TLSCiphertext may carry up to 2^14 + 2048 bytes (RFC 5246 §6.2.3); more is not TLS.
  static constexpr std::size_t max_record = (1u << 14) + 2048;

  void feed(std::string_view bytes, std::uint64_t frame, TlsEvents& events);
  /// From now on records are protected (after ChangeCipherSpec, or TLS 1.3 past ServerHello).
  void set_encrypted() { encrypted_ = true; }
  [[nodiscard]] bool encrypted() const { return encrypted_; }
  /// Set once the stream stopped being TLS or broke a limit; nothing more is parsed.
  [[nodiscard]] const std::optional<Error>& problem() const { return problem_; }
  [[nodiscard]] std::uint64_t records() const { return records_; }

 private:
  void record(std::uint8_t type, std::string_view body, std::uint64_t frame, TlsEvents& events);
  void fail(std::string message, std::uint64_t frame);

  std::string partial_;    ///< an incomplete record header or body
  std::string handshake_;  ///< handshake bytes not yet forming a whole message
  bool encrypted_ = false;
  std::uint64_t records_ = 0;
  std::optional<Error> problem_;
};

/// True when `bytes` start like a TLS record carrying a ClientHello (how a TLS stream is
/// recognised on any port).
bool looks_like_client_hello(std::string_view bytes);

}  // namespace mtls::capture
