// SPDX-License-Identifier: Apache-2.0
// HTTP/2 error codes (RST_STREAM and GOAWAY), one table for the probe, the checks and the
// renderers, so a stream reset is named alike everywhere.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace mtls::knowledge {

struct Http2ErrorCode {
  std::uint32_t code;
  std::string_view name;     ///< "HTTP_1_1_REQUIRED"
  std::string_view meaning;  ///< RFC 9113 §7 wording
  std::string_view client_cert;
};

/// The server answers a request it may only serve after renegotiation (a client certificate
/// asked for late) with this code: RFC 9113 §9.2.1 forbids renegotiation on HTTP/2.
inline constexpr std::uint32_t kHttp2Http11Required = 0xd;

/// Every code of RFC 9113 §7 (the IANA "HTTP/2 Error Code" registry), in code order.
std::span<const Http2ErrorCode> http2_error_codes();
const Http2ErrorCode* find_http2_error(std::uint32_t code);
const Http2ErrorCode* find_http2_error(std::string_view name);
/// "HTTP_1_1_REQUIRED"; a code RFC 9113 does not define as "0x1f" (RFC 9113 §7: unknown codes
/// must be treated as INTERNAL_ERROR, but the number is what the peer sent).
std::string http2_error_name(std::uint32_t code);

}  // namespace mtls::knowledge
