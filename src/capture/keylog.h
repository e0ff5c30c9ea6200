// SPDX-License-Identifier: Apache-2.0
// The NSS key log file (SSLKEYLOGFILE; draft-ietf-tls-keylogfile): session secrets a TLS client or
// server wrote down, one per line, `LABEL <client_random hex> <secret hex>`. Pure text parsing
// (fuzzed: fuzz/fuzz_keylog.cpp); the secrets are key material: kept in Secret (wiped when
// destroyed), never printed — messages name the file and line, never the secret.
#pragma once

#include <cstddef>
#include <string>
#include <vector>
#include <string_view>
#include <unordered_map>

#include "core/expected.h"
#include "core/secret.h"

namespace mtls::capture {

/// The secrets one connection (one ClientHello random) left in the key log.
struct KeyLogSecrets {
  Secret master_secret;             ///< CLIENT_RANDOM (TLS 1.2 and earlier), 48 bytes
  Secret client_handshake_traffic;  ///< CLIENT_HANDSHAKE_TRAFFIC_SECRET (TLS 1.3)
  Secret server_handshake_traffic;  ///< SERVER_HANDSHAKE_TRAFFIC_SECRET
  Secret client_traffic_0;          ///< CLIENT_TRAFFIC_SECRET_0
  Secret server_traffic_0;          ///< SERVER_TRAFFIC_SECRET_0
};

struct KeyLog {
  std::string source;  ///< the file name, for messages
  /// By ClientHello random (32 raw bytes).
  std::unordered_map<std::string, KeyLogSecrets> by_client_random;
  std::size_t entries = 0;       ///< lines used
  std::size_t ignored = 0;       ///< well-formed lines with labels not needed here (EXPORTER_SECRET, ...)
  std::size_t bad_lines = 0;     ///< lines that could not be read
  std::string first_bad;         ///< "keys.log:7: ..." (no secret in it)
  bool truncated = false;        ///< max_entries reached; later lines were not read

  [[nodiscard]] const KeyLogSecrets* find(std::string_view client_random) const {
    auto it = by_client_random.find(std::string(client_random));
    return it == by_client_random.end() ? nullptr : &it->second;
  }
};

/// Limits (docs/ROBUSTNESS.md): a key log line is under 300 characters (label, 64 + 96 hex digits).
inline constexpr std::size_t max_keylog_line = 1024;
inline constexpr std::size_t max_keylog_entries = 1'000'000;
inline constexpr std::size_t max_keylog_bytes = 256u << 20;

/// Fails (with "file:line: ...") only when nothing usable is in the text: no entry at all.
Expected<KeyLog> parse_keylog(std::string_view text, std::string_view source_name);

/// The file wrapper; the bytes read are wiped after parsing.
Expected<KeyLog> read_keylog_file(const std::string& path);

/// What the report says about a key log read (lines skipped, entries beyond the limit); never a
/// secret.
std::vector<std::string> keylog_notes(const KeyLog& log);

}  // namespace mtls::capture
