// SPDX-License-Identifier: Apache-2.0
// Decrypting captured TLS records with session secrets from an NSS key log (`pcap --keylog`).
// Our own types only: OpenSSL (HKDF, the TLS 1.2 PRF and the AEAD ciphers) stays in the .cpp.
// Supported: the TLS 1.3 suites (RFC 8446 §B.4) and the TLS 1.2 AEAD suites with AES-GCM
// (RFC 5288) and ChaCha20-Poly1305 (RFC 7905). CBC suites are not decrypted.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/expected.h"

namespace mtls::tls {

/// True when records of `cipher_suite` (IANA value) can be decrypted at this protocol version.
bool record_decryption_supported(std::uint16_t cipher_suite, bool tls13);

/// What one record turned into.
struct DecryptedRecord {
  std::uint8_t content_type = 0;  ///< TLS 1.3: the inner type (RFC 8446 §5.4); TLS 1.2: the record's
  std::string plaintext;
};

enum class DecryptStatus {
  ok,
  bad_tag,    ///< the AEAD tag did not verify: wrong keys for this record (or altered bytes)
  malformed,  ///< too short for the cipher, or a TLS 1.3 plaintext of zeros only
};

/// The read state of one direction of one connection: key, IV and sequence number. Move-only; the
/// key material is wiped (OPENSSL_cleanse) when it is destroyed or replaced.
class RecordDecryptor {
 public:
  RecordDecryptor() = default;
  RecordDecryptor(RecordDecryptor&& other) noexcept;
  RecordDecryptor& operator=(RecordDecryptor&& other) noexcept;
  RecordDecryptor(const RecordDecryptor&) = delete;
  RecordDecryptor& operator=(const RecordDecryptor&) = delete;
  ~RecordDecryptor();

  /// TLS 1.3: key and iv from a traffic secret (RFC 8446 §7.3), sequence number 0.
  static Expected<RecordDecryptor> tls13(std::uint16_t cipher_suite, std::string_view traffic_secret);
  /// TLS 1.2: the key block from the master secret (RFC 5246 §6.3); `client_write` picks the
  /// client's keys (records client -> server) or the server's.
  static Expected<RecordDecryptor> tls12(std::uint16_t cipher_suite, std::string_view master_secret,
                                         std::string_view client_random, std::string_view server_random,
                                         bool client_write);

  /// Decrypt the next record of this direction: `outer_type` and `body` as on the wire (record
  /// header excluded). The sequence number advances only on success.
  DecryptStatus decrypt(std::uint8_t outer_type, std::string_view body, DecryptedRecord& out);

  /// TLS 1.3 KeyUpdate (RFC 8446 §4.6.3, §7.2): the next application traffic secret,
  /// HKDF-Expand-Label(secret, "traffic upd", "", Hash.length), and fresh key and iv.
  Expected<Done> key_update();

  [[nodiscard]] std::uint64_t sequence() const { return seq_; }

 private:
  void wipe();
  bool tls13_ = false;
  int cipher_ = 0;  ///< 1 AES-128-GCM, 2 AES-256-GCM, 3 ChaCha20-Poly1305
  std::uint16_t suite_ = 0;
  std::string secret_;  ///< TLS 1.3 traffic secret (for KeyUpdate)
  std::string key_;
  std::string iv_;  ///< TLS 1.3 and ChaCha: 12 bytes; TLS 1.2 GCM: the 4-byte implicit salt
  std::uint64_t seq_ = 0;
};

/// HKDF-Expand-Label (RFC 8446 §7.1) with an empty context, exposed for the known-answer tests.
Expected<std::string> hkdf_expand_label(std::uint16_t cipher_suite, std::string_view secret, std::string_view label,
                                        std::size_t length);

}  // namespace mtls::tls
