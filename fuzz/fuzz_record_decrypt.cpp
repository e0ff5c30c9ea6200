// SPDX-License-Identifier: Apache-2.0
// The record decryptor with fixed keys on arbitrary records: the first byte picks the suite and
// protocol (TLS 1.3 AES-128-GCM / AES-256-GCM / ChaCha20, TLS 1.2 GCM / ChaCha20) and how the rest
// is cut into records; KeyUpdate is exercised too. Short, empty and forged records must fail
// cleanly, never read out of bounds.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "tls/record_decryptor.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace mtls::tls;
  if (size == 0) return 0;
  static constexpr std::uint16_t tls13_suites[] = {0x1301, 0x1302, 0x1303};
  static constexpr std::uint16_t tls12_suites[] = {0xC02F, 0xC030, 0xCCA8};
  const std::uint8_t mode = data[0];
  const bool tls13 = (mode & 1) != 0;
  const std::uint16_t suite = tls13 ? tls13_suites[(mode >> 1) % 3] : tls12_suites[(mode >> 1) % 3];
  const std::string secret(suite == 0x1302 ? 48 : 32, '\x5a');
  auto d = tls13 ? RecordDecryptor::tls13(suite, secret)
                 : RecordDecryptor::tls12(suite, std::string(48, '\x6b'), std::string(32, 'c'), std::string(32, 's'),
                                          (mode & 8) != 0);
  if (!d) __builtin_trap();  // fixed, valid inputs
  std::string_view rest(reinterpret_cast<const char*>(data + 1), size - 1);
  const std::size_t piece = 1 + (mode >> 3) * 7;
  DecryptedRecord out;
  while (!rest.empty()) {
    const std::size_t n = std::min(piece, rest.size());
    (void)d->decrypt(static_cast<std::uint8_t>(rest[0]), rest.substr(0, n), out);
    if (tls13 && (rest[0] & 0x7F) == 0x18) (void)d->key_update();
    rest.remove_prefix(n);
  }
  return 0;
}
