// SPDX-License-Identifier: Apache-2.0
// Sources of the meanings below:
// - nginx: src/http/ngx_http_request.c (ngx_http_process_request: "client SSL certificate verify
//   error: (%l:%s) while reading client request headers" then 495 NGX_HTTPS_CERT_ERROR; "client sent
//   no required SSL certificate" then 496 NGX_HTTPS_NO_CERT), src/event/ngx_event_openssl.c
//   (ngx_ssl_handshake: "peer closed connection in SSL handshake", "SSL_do_handshake() failed"),
//   and nginx.org/en/docs/http/ngx_http_ssl_module.html#errors (495, 496, 497). The access log
//   writes r->err_status, so 495/496 appear as such unless an error_page without "=code" handles
//   them: ngx_http_core_error_page sets its overwrite to 400 for 495, 496 and 497
//   (src/http/ngx_http_core_module.c).
// - Apache httpd mod_ssl (modules/ssl/ssl_engine_kernel.c, ssl_engine_io.c, httpd 2.4):
//   AH02039 "Certificate Verification: Error (%d): %s" and AH02040 "Certificate Verification:
//   Certificate Chain too long (chain has %d certificates, but maximum allowed are only %d)" in
//   ssl_callback_SSLVerify; AH02008 "SSL library error %d in handshake (server %s)" in
//   ssl_io_filter_handshake, followed by ssl_log_ssl_error's "SSL Library Error: ..." line;
//   AH02006 "SSL handshake stopped: connection was closed"; AH02042 "rejecting client initiated
//   renegotiation"; AH02255 "Changed client verification type will force renegotiation",
//   AH02221 "Requesting connection re-negotiation" and AH02261 "Re-negotiation handshake failed"
//   in ssl_hook_Access (a per-directory SSLVerifyClient asks for the certificate by
//   renegotiation, which TLS 1.3 (RFC 8446 §4.6.2) and HTTP/2 (RFC 7540 §9.2.1) do not allow).
#include "parse/logs/web_server_reader.h"

#include <array>
#include <cstring>

#include "knowledge/openssl_verify.h"
#include "parse/logs/w3c_reader.h"

namespace mtls::logs {
namespace {

std::string_view trim_end(std::string_view s) {
  while (!s.empty() && (s.back() == '\r' || s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

int digits(std::string_view s, std::size_t at, std::size_t n) {
  if (at + n > s.size()) return -1;
  int v = 0;
  for (std::size_t i = at; i < at + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return -1;
    v = v * 10 + (s[i] - '0');
  }
  return v;
}

int month_of(std::string_view m) {
  static constexpr std::array<std::string_view, 12> names{"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                          "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (m == names[i]) return static_cast<int>(i) + 1;
  }
  return 0;
}

std::optional<std::int64_t> civil(int y, int mo, int d, std::string_view hms) {
  if (y < 0 || mo < 1 || d < 1 || d > 31) return std::nullopt;
  char date[10];
  date[0] = static_cast<char>('0' + y / 1000 % 10);
  date[1] = static_cast<char>('0' + y / 100 % 10);
  date[2] = static_cast<char>('0' + y / 10 % 10);
  date[3] = static_cast<char>('0' + y % 10);
  date[4] = '-';
  date[5] = static_cast<char>('0' + mo / 10);
  date[6] = static_cast<char>('0' + mo % 10);
  date[7] = '-';
  date[8] = static_cast<char>('0' + d / 10);
  date[9] = static_cast<char>('0' + d % 10);
  return parse_date_time(std::string_view(date, 10), hms);
}

/// The value after `key` up to the next ", " (nginx's error-log context: ", client: 1.2.3.4").
std::string_view context_value(std::string_view text, std::string_view key) {
  const std::size_t at = text.find(key);
  if (at == std::string_view::npos) return {};
  std::string_view v = text.substr(at + key.size());
  return v.substr(0, v.find(','));
}

/// An optional number after `marker`, up to a non-digit: "SSL alert number 42" -> 42.
std::optional<int> number_after(std::string_view text, std::string_view marker) {
  const std::size_t at = text.find(marker);
  if (at == std::string_view::npos) return std::nullopt;
  std::size_t i = at + marker.size();
  int v = 0;
  std::size_t n = 0;
  while (i < text.size() && n < 4 && text[i] >= '0' && text[i] <= '9') {
    v = v * 10 + (text[i++] - '0');
    ++n;
  }
  if (n == 0) return std::nullopt;
  return v;
}

/// OpenSSL's reason in "error:0A000412:SSL routines::sslv3 alert bad certificate:SSL alert number
/// 42" (3.x, empty function) or "error:14094418:SSL routines:ssl3_read_bytes:tlsv1 alert unknown
/// ca" (1.1): the field after the library and function names.
std::string_view openssl_reason(std::string_view text) {
  const std::size_t at = text.find("error:");
  if (at == std::string_view::npos) return {};
  std::string_view rest = text.substr(at + 6);
  for (int field = 0; field < 3; ++field) {  // code, library, function
    const std::size_t colon = rest.find(':');
    if (colon == std::string_view::npos) return {};
    rest.remove_prefix(colon + 1);
  }
  // 1.1 appends the alert as " (SSL alert number 48)" (Apache's mod_ssl); 3.x as ":SSL alert number 42".
  std::size_t stop = rest.find_first_of(":)");
  if (const std::size_t alert = rest.find(" (SSL alert number"); alert < stop) stop = alert;
  return trim_end(rest.substr(0, stop));
}

/// A certificate the handshake itself refused for want of a certificate (OpenSSL's
/// SSL_R_PEER_DID_NOT_RETURN_A_CERTIFICATE, with SSL_VERIFY_FAIL_IF_NO_PEER_CERT).
std::optional<LogFailureKind> handshake_kind(std::string_view reason) {
  if (reason.find("peer did not return a certificate") != std::string_view::npos) return LogFailureKind::cert_required;
  if (reason.find("certificate verify failed") != std::string_view::npos) return LogFailureKind::cert_untrusted;
  return std::nullopt;
}

/// The host of "1.2.3.4:5678", "[::1]:5678" or "::1:5678" (Apache logs the port after the last colon).
std::string_view strip_port(std::string_view client) {
  if (client.starts_with('[')) {
    const std::size_t close = client.find(']');
    return close == std::string_view::npos ? client : client.substr(1, close - 1);
  }
  const std::size_t colon = client.rfind(':');
  if (colon == std::string_view::npos) return client;
  return client.substr(0, colon);
}

/// "GET /path HTTP/1.1" -> "/path".
std::string_view request_uri(std::string_view request) {
  const std::size_t sp = request.find(' ');
  if (sp == std::string_view::npos) return {};
  std::string_view uri = request.substr(sp + 1);
  return uri.substr(0, uri.find(' '));
}

constexpr std::string_view kNoCertMeaning =
    "ssl_verify_client is on and the client sent no certificate; nginx answers 496 (\"No required SSL "
    "certificate was sent\")";
constexpr std::string_view kVerifyMeaning =
    "the client's certificate did not verify against ssl_client_certificate / ssl_trusted_certificate; "
    "nginx answers 495";
constexpr std::string_view kUpstreamMeaning =
    "nginx, as the client of its upstream (proxy_ssl_verify), could not verify the upstream server's "
    "certificate: not about client certificates sent to nginx";
constexpr std::string_view kHandshakeMeaning =
    "the TLS handshake failed; an alert number says which side refused what (mtls-doctor explain alert N)";
constexpr std::string_view kPeerClosedMeaning =
    "the client closed the connection during the handshake: it refused the server's certificate, had no "
    "certificate to send and gave up, or was a scanner; the client's own error tells which";

}  // namespace

LogFailureKind kind_of_verify_error(int code) {
  if (const auto* c = knowledge::find_x509_verify_code(code)) {
    if (c->topic == knowledge::VerifyTopic::validity) return LogFailureKind::cert_expired;
    if (c->topic == knowledge::VerifyTopic::revocation) return LogFailureKind::cert_revoked;
  }
  return LogFailureKind::cert_untrusted;
}

std::optional<std::int64_t> parse_apache_time(std::string_view s) {
  // "Thu Jan 15 19:48:06.686639 2015" or without the microseconds.
  if (s.size() < 24 || s[3] != ' ' || s[7] != ' ' || s[10] != ' ') return std::nullopt;
  const int mo = month_of(s.substr(4, 3));
  const int d = s[8] == ' ' ? digits(s, 9, 1) : digits(s, 8, 2);
  const std::size_t year_at = s.rfind(' ');
  if (mo == 0 || d < 0 || year_at == std::string_view::npos || year_at < 19) return std::nullopt;
  return civil(digits(s, year_at + 1, 4), mo, d, s.substr(11, 8));
}

std::optional<std::int64_t> parse_ncsa_time(std::string_view s) {
  // "28/Nov/2024:18:04:05 +0000"
  if (s.size() < 26 || s[2] != '/' || s[6] != '/' || s[11] != ':' || s[20] != ' ') return std::nullopt;
  const int d = digits(s, 0, 2), mo = month_of(s.substr(3, 3)), y = digits(s, 7, 4);
  const int zh = digits(s, 22, 2), zm = digits(s, 24, 2);
  if (mo == 0 || zh < 0 || zm < 0 || (s[21] != '+' && s[21] != '-')) return std::nullopt;
  auto t = civil(y, mo, d, s.substr(12, 8));
  if (!t) return std::nullopt;
  const std::int64_t offset = (zh * 3600 + zm * 60) * (s[21] == '-' ? -1 : 1);
  return *t - offset;
}

void WebServerReader::overlong_line(std::uint64_t number) {
  ++acc_->lines;
  acc_->add_unparsed(file_, number, "line longer than 64 KiB, skipped");
}

bool WebServerReader::keep(Entry& e) {
  const Filters& filters = acc_->filters();
  if (!filters.since && !filters.until) return true;
  if (!e.time) return true;  // no time to judge by: kept (the caller counts it as unparsed)
  if ((filters.since && *e.time < *filters.since) || (filters.until && *e.time > *filters.until)) {
    ++acc_->filtered_out;
    return false;
  }
  return true;
}

void WebServerReader::line(std::string_view text, std::uint64_t number) {
  ++acc_->lines;
  if (text.starts_with("\xef\xbb\xbf")) text.remove_prefix(3);
  text = trim_end(text);
  if (text.empty()) return;
  switch (format_) {
    case WebLogFormat::nginx_error: nginx_error(text, number); return;
    case WebLogFormat::apache_error: apache_error(text, number); return;
    case WebLogFormat::access: access(text, number); return;
  }
}

void WebServerReader::nginx_error(std::string_view text, std::uint64_t number) {
  // "2024/11/28 18:04:05 [error] 1280#0: *20004 message, client: ..., server: ..."
  if (text.size() < 24 || text[4] != '/' || text[7] != '/' || text[10] != ' ' || text[20] != '[') {
    acc_->add_unparsed(file_, number, "not an nginx error-log line");
    return;
  }
  Entry e;
  e.file = file_;
  e.line = number;
  e.text = text;
  e.time = civil(digits(text, 0, 4), digits(text, 5, 2), digits(text, 8, 2), text.substr(11, 8));
  if (!e.time) {
    acc_->add_unparsed(file_, number, "unreadable date or time");
    return;
  }
  if (!keep(e)) return;
  ++acc_->web_server_lines;
  const std::size_t level_end = text.find("] ", 21);
  if (level_end == std::string_view::npos) return;
  std::string_view message = text.substr(level_end + 2);
  if (const std::size_t colon = message.find(": "); colon != std::string_view::npos && colon < 24) {
    message.remove_prefix(colon + 2);  // pid#tid
  }
  if (message.starts_with('*')) message.remove_prefix(std::min(message.size(), message.find(' ') + 1));  // *cid
  const std::string_view context = message;
  e.client = context_value(context, ", client: ");
  e.uri = request_uri(context_value(context, ", request: \"").substr(0, 1024));
  if (const std::size_t q = e.uri.find('"'); q != std::string_view::npos) e.uri = e.uri.substr(0, q);
  WebMessageInfo info;
  info.server = WebServer::nginx;
  info.server_name = context_value(context, ", server: ");
  if (message.find("client sent no required SSL certificate") != std::string_view::npos) {
    info.code = "no required SSL certificate";
    info.meaning = kNoCertMeaning;
    info.kind = LogFailureKind::cert_required;
  } else if (const std::size_t at = message.find("client SSL certificate verify error: ("); at != std::string_view::npos) {
    // "(20:unable to get local issuer certificate)"
    std::string_view inner = message.substr(at + 38);
    inner = inner.substr(0, inner.find(')'));
    const std::size_t colon = inner.find(':');
    const auto code = parse_u32(inner.substr(0, colon));
    info.code = "client SSL certificate verify error";
    info.meaning = kVerifyMeaning;
    if (code && *code < 10000) {
      info.verify_error = static_cast<int>(*code);
      info.kind = kind_of_verify_error(*info.verify_error);
    } else {
      info.kind = LogFailureKind::cert_untrusted;
    }
    if (colon != std::string_view::npos) info.reason = inner.substr(colon + 1);
  } else if (const std::size_t up = message.find("upstream SSL certificate verify error: ("); up != std::string_view::npos) {
    std::string_view inner = message.substr(up + 40);
    inner = inner.substr(0, inner.find(')'));
    const std::size_t colon = inner.find(':');
    if (const auto code = parse_u32(inner.substr(0, colon)); code && *code < 10000) info.verify_error = static_cast<int>(*code);
    if (colon != std::string_view::npos) info.reason = inner.substr(colon + 1);
    info.code = "upstream SSL certificate verify error";
    info.meaning = kUpstreamMeaning;
  } else if (message.find("SSL_do_handshake() failed") != std::string_view::npos) {
    info.code = "SSL_do_handshake() failed";
    info.meaning = kHandshakeMeaning;
    info.reason = openssl_reason(message);
    info.alert = number_after(message, "SSL alert number ");
    info.kind = handshake_kind(info.reason);
  } else if (message.find("peer closed connection in SSL handshake") != std::string_view::npos) {
    info.code = "peer closed connection in SSL handshake";
    info.meaning = kPeerClosedMeaning;
  } else {
    return;  // an nginx line about something else: read, nothing to keep
  }
  acc_->add_web_message(info, e);
}

void WebServerReader::apache_error(std::string_view text, std::uint64_t number) {
  // "[Thu Jan 15 19:48:06.688010 2015] [ssl:error] [pid 13] [client 127.0.0.1:56715] AH02261: ..."
  const std::size_t close = text.find("] [");
  if (!text.starts_with('[') || close == std::string_view::npos || close > 40) {
    acc_->add_unparsed(file_, number, "not an Apache error-log line");
    return;
  }
  Entry e;
  e.file = file_;
  e.line = number;
  e.text = text;
  e.time = parse_apache_time(text.substr(1, close - 1));
  if (!e.time) {
    acc_->add_unparsed(file_, number, "unreadable date or time");
    return;
  }
  if (!keep(e)) return;
  ++acc_->web_server_lines;
  if (const std::size_t c = text.find("[client "); c != std::string_view::npos) {
    std::string_view client = text.substr(c + 8);
    client = client.substr(0, client.find(']'));
    e.client = strip_port(client);
  }
  WebMessageInfo info;
  info.server = WebServer::apache;
  std::string_view code;
  std::string_view message;
  for (std::size_t at = text.find(" AH"); at != std::string_view::npos; at = text.find(" AH", at + 1)) {
    if (digits(text, at + 3, 5) >= 0 && at + 9 < text.size() && text[at + 8] == ':') {
      code = text.substr(at + 1, 7);
      message = text.substr(at + 10);
      break;
    }
  }
  if (const std::size_t s = message.find("(server "); s != std::string_view::npos) {
    std::string_view name = message.substr(s + 8);
    info.server_name = name.substr(0, name.find(')'));
  }
  static constexpr std::string_view kChain =
      "the client's certificate chain is longer than SSLVerifyDepth allows (X509_V_ERR_CERT_CHAIN_TOO_LONG)";
  if (code == "AH02039") {
    // "Certificate Verification: Error (20): unable to get local issuer certificate"
    const auto n = number_after(message, "Error (");
    info.code = code;
    info.meaning = "mod_ssl's verify callback refused the client's certificate (SSLVerifyClient, SSLCACertificateFile)";
    info.verify_error = n;
    info.kind = n ? kind_of_verify_error(*n) : LogFailureKind::cert_untrusted;
    if (const std::size_t r = message.find("): "); r != std::string_view::npos) info.reason = message.substr(r + 3);
  } else if (code == "AH02040") {
    info.code = code;
    info.meaning = kChain;
    info.verify_error = 22;
    info.kind = LogFailureKind::cert_untrusted;
  } else if (code == "AH02008") {
    info.code = code;
    info.meaning = "OpenSSL ended the handshake with an error; the \"SSL Library Error\" line after it says which";
  } else if (code == "AH02006") {
    info.code = code;
    info.meaning = "the client closed the connection during the handshake";
  } else if (code == "AH02042") {
    info.code = code;
    info.meaning = "the client tried to renegotiate and mod_ssl refused (client-initiated renegotiation is not allowed)";
  } else if (code == "AH02255" || code == "AH02221") {
    info.code = code;
    info.meaning =
        "a per-directory SSLVerifyClient asks for the client certificate by renegotiation after the request "
        "(impossible under TLS 1.3 and HTTP/2)";
  } else if (code == "AH02261") {
    info.code = code;
    info.meaning =
        "the renegotiation a per-directory SSLVerifyClient needs failed: the client refused it or cannot "
        "renegotiate (TLS 1.3, HTTP/2)";
    if (const std::size_t r = message.find(": "); r != std::string_view::npos) info.reason = message.substr(r + 2);
  } else if (code.empty()) {
    // ssl_log_ssl_error's continuation: "SSL Library Error: error:0A0000C7:SSL routines::peer did not
    // return a certificate -- No CAs known to server for verification?"
    const std::size_t lib = text.find("SSL Library Error: ");
    if (lib == std::string_view::npos) return;
    message = text.substr(lib);
    info.code = "SSL Library Error";
    info.meaning = kHandshakeMeaning;
    info.reason = openssl_reason(message);
    info.alert = number_after(message, "SSL alert number ");
    info.kind = handshake_kind(info.reason);
  } else {
    return;  // another AH code: read, nothing to keep
  }
  acc_->add_web_message(info, e);
}

void WebServerReader::access(std::string_view text, std::uint64_t number) {
  // host ident user [28/Nov/2024:18:04:05 +0000] "GET / HTTP/1.1" 200 126 ["referer" "agent"]
  const std::size_t open = text.find(" [");
  const std::size_t close = open == std::string_view::npos ? open : text.find("] \"", open);
  if (open == std::string_view::npos || close == std::string_view::npos || open == 0) {
    acc_->add_unparsed(file_, number, "not a common/combined access-log line");
    return;
  }
  Entry e;
  e.file = file_;
  e.line = number;
  e.text = text;
  e.client = text.substr(0, text.find(' '));
  if (e.client == "-") e.client = {};
  e.time = parse_ncsa_time(text.substr(open + 2, close - open - 2));
  if (!e.time) {
    acc_->add_unparsed(file_, number, "unreadable date or time");
    return;
  }
  // The request line, up to its closing quote (a quote inside is escaped as \x22 by nginx and
  // \" by Apache).
  std::string_view rest = text.substr(close + 3);
  std::size_t q = 0;
  while (q < rest.size() && !(rest[q] == '"' && (q == 0 || rest[q - 1] != '\\'))) ++q;
  if (q >= rest.size()) {
    acc_->add_unparsed(file_, number, "the request field has no closing quote");
    return;
  }
  e.uri = request_uri(rest.substr(0, q));
  rest.remove_prefix(q + 1);
  if (!rest.starts_with(' ') || rest.size() < 4) {
    acc_->add_unparsed(file_, number, "no status after the request");
    return;
  }
  const auto status = parse_u32(rest.substr(1, 3));
  if (!status || *status < 100 || *status > 999 || (rest.size() > 4 && rest[4] != ' ')) {
    acc_->add_unparsed(file_, number, "the status is not an HTTP status");
    return;
  }
  e.status = static_cast<int>(*status);
  // combined: the last quoted field is the user agent.
  if (rest.ends_with('"')) {
    const std::size_t start = rest.rfind(" \"", rest.size() - 2);
    if (start != std::string_view::npos) e.user_agent = rest.substr(start + 2, rest.size() - start - 3);
    if (e.user_agent == "-") e.user_agent = {};
  }
  if (!keep(e)) return;
  acc_->add_access(e);
  WebMessageInfo info;
  info.access = true;
  info.server = WebServer::nginx_or_apache;
  switch (e.status) {
    case 496:
      info.server = WebServer::nginx;
      info.code = "status 496";
      info.meaning = "nginx's 496: the client did not present the required certificate (ssl_verify_client on)";
      info.kind = LogFailureKind::cert_required;
      break;
    case 495:
      info.server = WebServer::nginx;
      info.code = "status 495";
      info.meaning =
          "nginx's 495: an error occurred while verifying the client certificate; the error log's \"client SSL "
          "certificate verify error\" line names it";
      info.kind = LogFailureKind::cert_untrusted;
      break;
    case 400:
      info.code = "status 400";
      info.meaning =
          "Bad Request; also what nginx logs for 495/496 handled by an error_page without \"=code\", so a "
          "certificate failure may hide here";
      break;
    case 403:
      info.code = "status 403";
      info.meaning =
          "Forbidden; what Apache's SSLRequire / Require expr on the client certificate and an nginx "
          "\"if ($ssl_client_verify != SUCCESS) { return 403; }\" answer, and any other access rule";
      break;
    default: return;
  }
  acc_->add_web_message(info, e);
}

}  // namespace mtls::logs
