// SPDX-License-Identifier: Apache-2.0
// A deadline-bound byte channel over an established TLS connection, and the HTTP/2 exchange the
// probe runs over it. src/tls internal.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mtls::tls {

class ByteChannel {
 public:
  virtual ~ByteChannel() = default;
  /// False when the peer closed, reset, or the deadline passed.
  virtual bool write_all(std::string_view bytes) = 0;
  /// > 0 bytes read, 0 closed by the peer, < 0 failure or deadline.
  virtual long read_some(char* buffer, std::size_t size) = 0;
};

struct H2Exchange {
  std::optional<int> status;
  std::string server;          ///< the server header
  std::string body;            ///< at most 64 KiB
  bool body_truncated = false;
  std::optional<std::uint32_t> error_code;  ///< RST_STREAM or GOAWAY (13 = HTTP_1_1_REQUIRED)
  std::string error;           ///< nghttp2's reason when the session failed
};

/// One request on a fresh HTTP/2 connection through libnghttp2 (RFC 9113), bounded to 64 KiB of
/// body and 200 header fields.
H2Exchange h2_exchange(ByteChannel& channel, std::string_view method, std::string_view authority,
                       std::string_view path, const std::vector<std::string>& headers);

}  // namespace mtls::tls
