// SPDX-License-Identifier: Apache-2.0
// nginx and Apache httpd logs, one line at a time, in place (no allocation per ordinary line):
// - nginx error logs ("yyyy/mm/dd hh:mm:ss [level] pid#tid: *cid message, client: ..., server: ...",
//   ngx_log_error_core in src/core/ngx_log.c): the client-certificate and handshake messages of
//   src/http/ngx_http_request.c and src/event/ngx_event_openssl.c;
// - Apache httpd 2.4 error logs ("[Www Mmm dd hh:mm:ss.uuuuuu yyyy] [ssl:error] [pid N:tid M]
//   [client ip:port] AHnnnnn: message", the default ErrorLogFormat): mod_ssl's codes, with the
//   meanings of modules/ssl/ssl_engine_kernel.c and ssl_engine_io.c;
// - access logs in the NCSA common and combined formats both servers write by default
//   (nginx's `log_format combined`, Apache's "Common Log Format"): the statuses a refused client
//   certificate produces (400, 403, and nginx's own 495 / 496).
#pragma once

#include <cstdint>
#include <string_view>

#include "parse/logs/accumulator.h"

namespace mtls::logs {

enum class WebLogFormat { nginx_error, apache_error, access };

class WebServerReader {
 public:
  WebServerReader(Accumulator& acc, std::uint32_t file, WebLogFormat format) : acc_(&acc), file_(file), format_(format) {}

  /// One physical line (no line terminator; a trailing CR is ignored).
  void line(std::string_view text, std::uint64_t number);
  /// A line longer than kMaxLineBytes: skipped and counted.
  void overlong_line(std::uint64_t number);

 private:
  void nginx_error(std::string_view text, std::uint64_t number);
  void apache_error(std::string_view text, std::uint64_t number);
  void access(std::string_view text, std::uint64_t number);
  bool keep(Entry& e);  ///< applies --since/--until; false when filtered out (counted)

  Accumulator* acc_;
  std::uint32_t file_;
  WebLogFormat format_;
};

/// "(20:unable to get local issuer certificate)" / "Error (20): ..." -> the failure an OpenSSL
/// X509_V_ERR code stands for (x509_vfy.h): 9, 10 validity; 23 revoked; the rest untrusted or
/// invalid.
LogFailureKind kind_of_verify_error(int code);

/// "Thu Jan 15 19:48:06.686639 2015" (Apache) -> Unix seconds, as logged (no zone).
std::optional<std::int64_t> parse_apache_time(std::string_view s);
/// "28/Nov/2024:18:04:05 +0000" (NCSA) -> Unix seconds, UTC.
std::optional<std::int64_t> parse_ncsa_time(std::string_view s);

}  // namespace mtls::logs
