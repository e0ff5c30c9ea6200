// SPDX-License-Identifier: Apache-2.0
// Source: RFC 9113 §7 "Error Codes" (the initial content of the IANA "HTTP/2 Error Code"
// registry, unchanged from RFC 7540 §7); RFC 9113 §9.2.1 for why HTTP_1_1_REQUIRED follows a
// client certificate requested after the handshake.
#include "knowledge/http2_errors.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>

#include "knowledge/text_match.h"

namespace mtls::knowledge {
namespace {

constexpr std::string_view kNotCert = "Not a client-certificate verdict by itself.";

constexpr std::array<Http2ErrorCode, 14> table{{
    {0x0, "NO_ERROR", "The associated condition is not a result of an error (e.g. a graceful "
                      "GOAWAY).", kNotCert},
    {0x1, "PROTOCOL_ERROR", "The endpoint detected an unspecific protocol error.",
     "Browsers show it as ERR_HTTP2_PROTOCOL_ERROR; some servers send it when a request needs a "
     "renegotiation HTTP/2 cannot carry."},
    {0x2, "INTERNAL_ERROR", "The endpoint encountered an unexpected internal error.", kNotCert},
    {0x3, "FLOW_CONTROL_ERROR", "The endpoint detected that its peer violated the flow-control "
                                "protocol.", kNotCert},
    {0x4, "SETTINGS_TIMEOUT", "The endpoint sent a SETTINGS frame but did not receive a response "
                              "in a timely manner.", kNotCert},
    {0x5, "STREAM_CLOSED", "The endpoint received a frame after a stream was half-closed.",
     kNotCert},
    {0x6, "FRAME_SIZE_ERROR", "The endpoint received a frame with an invalid size.", kNotCert},
    {0x7, "REFUSED_STREAM", "The endpoint refused the stream prior to performing any application "
                            "processing.", kNotCert},
    {0x8, "CANCEL", "The endpoint uses this error code to indicate that the stream is no longer "
                    "needed.", kNotCert},
    {0x9, "COMPRESSION_ERROR", "The endpoint is unable to maintain the field section compression "
                               "context for the connection.", kNotCert},
    {0xa, "CONNECT_ERROR", "The connection established in response to a CONNECT request was reset "
                           "or abnormally closed.", kNotCert},
    {0xb, "ENHANCE_YOUR_CALM", "The endpoint detected that its peer is exhibiting a behavior that "
                               "might be generating excessive load.", kNotCert},
    {0xc, "INADEQUATE_SECURITY", "The underlying transport has properties that do not meet minimum "
                                 "security requirements (RFC 9113 §9.2).",
     "Not about the certificate: the TLS version or cipher suite is below what HTTP/2 requires."},
    {0xd, "HTTP_1_1_REQUIRED", "The endpoint requires that HTTP/1.1 be used instead of HTTP/2.",
     "The server needs a client certificate it did not ask for in the handshake: it would "
     "renegotiate, which HTTP/2 forbids (RFC 9113 §9.2.1), so it tells the client to retry over "
     "HTTP/1.1. IIS does this when Negotiate Client Certificate is off on the binding."},
}};


}  // namespace

std::span<const Http2ErrorCode> http2_error_codes() { return table; }

const Http2ErrorCode* find_http2_error(std::uint32_t code) {
  return code < table.size() ? &table[code] : nullptr;
}

const Http2ErrorCode* find_http2_error(std::string_view name) {
  for (const Http2ErrorCode& e : table) {
    if (iequals(e.name, name)) return &e;
  }
  return nullptr;
}

std::string http2_error_name(std::uint32_t code) {
  if (const Http2ErrorCode* e = find_http2_error(code)) return std::string(e->name);
  return fmt::format("0x{:x}", code);
}

}  // namespace mtls::knowledge
