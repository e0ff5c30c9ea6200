// SPDX-License-Identifier: Apache-2.0
// The probe's HTTP/1.1 side, as pure functions over bytes: the request it writes, and a bounded
// reader for what the server answers (status line, headers, body up to 64 KiB). No OpenSSL here,
// so the parser can be fuzzed on its own (fuzz/fuzz_probe_http.cpp).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/expected.h"

namespace mtls::tls {

inline constexpr std::size_t kMaxResponseHead = 16 * 1024;  ///< status line + headers
inline constexpr std::size_t kMaxResponseBody = 64 * 1024;  ///< what the probe reads of a body

struct UrlParts {
  std::string host;  ///< without brackets for IPv6
  int port = 443;
  std::string path = "/";  ///< with the query
  bool host_is_ip = false;
};

/// https://host[:port]/path. Anything else (http://, userinfo, bad port) is an error.
Expected<UrlParts> parse_https_url(std::string_view url);

/// HOST:PORT or [v6]:PORT.
Expected<std::pair<std::string, int>> parse_host_port(std::string_view text);

/// "GET /path HTTP/1.1" with Host, User-Agent, Accept, Connection: close and the user's headers.
std::string http1_request(std::string_view method, std::string_view host_header, std::string_view path,
                          const std::vector<std::string>& headers);

struct HttpResponse {
  std::string version;  ///< "HTTP/1.1"
  int status = 0;
  std::string reason;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;     ///< de-chunked, at most kMaxResponseBody
  bool body_truncated = false;
};

/// How far a response in `bytes` is: not enough yet, complete, or broken.
enum class ResponseState { incomplete, complete, malformed };

/// Whether `bytes` (everything read so far) holds a whole response: head, then Content-Length
/// bytes, the last chunk, or (without either) as much as the limit allows. `closed` says the
/// server closed the connection, which ends a body without a length.
ResponseState response_state(std::string_view bytes, bool closed);

/// Parse what was read. Bodies longer than kMaxResponseBody are cut and flagged.
Expected<HttpResponse> parse_http_response(std::string_view bytes);

/// What the body says beyond the status: IIS's detailed error "HTTP Error 403.7" -> "403.7".
std::string iis_substatus_from_body(std::string_view body);

/// nginx's own 400 pages for client certificates: "No required SSL certificate was sent",
/// "The SSL certificate error", "SSL certificate error"; empty when the body is not one of them.
std::string nginx_reason_from_body(std::string_view body);

/// A certificate verification error named in an error page by servers that show it (Node's
/// "UNABLE_TO_VERIFY_LEAF_SIGNATURE", OpenSSL's "unable to get local issuer certificate"); empty
/// when the body names none.
std::string certificate_error_from_body(std::string_view body);

/// Case-insensitive header lookup.
std::optional<std::string> header_value(const HttpResponse& response, std::string_view name);

}  // namespace mtls::tls
