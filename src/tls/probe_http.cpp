// SPDX-License-Identifier: Apache-2.0
#include "tls/probe_http.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include "core/ascii.h"

namespace mtls::tls {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

std::optional<int> to_int(std::string_view s) {
  int value = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (ec != std::errc{} || p != s.data() + s.size()) return std::nullopt;
  return value;
}

std::optional<std::size_t> hex_size(std::string_view s) {
  std::size_t value = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), value, 16);
  if (ec != std::errc{} || p == s.data()) return std::nullopt;
  return value;
}

struct Head {
  std::size_t end = 0;  ///< offset of the body
  HttpResponse response;
  std::optional<std::size_t> content_length;
  bool chunked = false;
};

/// Parse the status line and headers; nullopt when the head is not complete yet.
Expected<std::optional<Head>> parse_head(std::string_view bytes) {
  const std::size_t end = bytes.find("\r\n\r\n");
  if (end == std::string_view::npos) {
    if (bytes.size() > kMaxResponseHead) return unexpected("response head longer than 16 KiB");
    return std::optional<Head>{};
  }
  if (end > kMaxResponseHead) return unexpected("response head longer than 16 KiB");
  Head head;
  head.end = end + 4;
  std::string_view text = bytes.substr(0, end);
  std::size_t line_end = text.find("\r\n");
  std::string_view status_line = text.substr(0, line_end);
  text = line_end == std::string_view::npos ? std::string_view{} : text.substr(line_end + 2);
  // "HTTP/1.1 403 Forbidden" (RFC 9112 §4); the reason phrase may be empty.
  if (status_line.substr(0, 5) != "HTTP/") return unexpected("not an HTTP response (status line)");
  const std::size_t sp1 = status_line.find(' ');
  if (sp1 == std::string_view::npos) return unexpected("status line without a status code");
  head.response.version = std::string(status_line.substr(0, sp1));
  std::string_view rest = status_line.substr(sp1 + 1);
  const std::size_t sp2 = rest.find(' ');
  const auto code = to_int(rest.substr(0, sp2));
  if (!code || *code < 100 || *code > 999) return unexpected("status line with a bad status code");
  head.response.status = *code;
  if (sp2 != std::string_view::npos) head.response.reason = std::string(trim(rest.substr(sp2 + 1)));
  std::size_t count = 0;
  while (!text.empty()) {
    line_end = text.find("\r\n");
    std::string_view line = text.substr(0, line_end);
    text = line_end == std::string_view::npos ? std::string_view{} : text.substr(line_end + 2);
    const std::size_t colon = line.find(':');
    if (colon == std::string_view::npos || colon == 0) return unexpected("header line without a name");
    if (++count > 200) return unexpected("more than 200 response headers");
    const std::string_view name = line.substr(0, colon);
    const std::string_view value = trim(line.substr(colon + 1));
    if (iequals(name, "Content-Length")) {
      std::size_t n = 0;
      auto [p, ec] = std::from_chars(value.data(), value.data() + value.size(), n);
      if (ec != std::errc{} || p != value.data() + value.size()) return unexpected("bad Content-Length");
      head.content_length = n;
    } else if (iequals(name, "Transfer-Encoding") && value.find("chunked") != std::string_view::npos) {
      head.chunked = true;
    }
    head.response.headers.emplace_back(std::string(name), std::string(value));
  }
  return std::optional<Head>{std::move(head)};
}

/// De-chunk `body` into `out` (bounded). Returns complete / incomplete / malformed.
ResponseState dechunk(std::string_view body, std::string* out, bool* truncated) {
  while (true) {
    const std::size_t line_end = body.find("\r\n");
    if (line_end == std::string_view::npos) return body.size() > 1024 ? ResponseState::malformed : ResponseState::incomplete;
    std::string_view size_text = body.substr(0, line_end);
    size_text = size_text.substr(0, size_text.find(';'));  // chunk extensions
    const auto size = hex_size(trim(size_text));
    if (!size) return ResponseState::malformed;
    body.remove_prefix(line_end + 2);
    if (*size == 0) return ResponseState::complete;  // trailers are not needed
    const std::size_t have = std::min(*size, body.size());
    if (out) {
      const std::size_t room = kMaxResponseBody - std::min(out->size(), kMaxResponseBody);
      out->append(body.substr(0, std::min(have, room)));
      if (have > room && truncated) *truncated = true;
    }
    if (body.size() < *size + 2) return ResponseState::incomplete;
    body.remove_prefix(*size + 2);
  }
}

}  // namespace

Expected<UrlParts> parse_https_url(std::string_view url) {
  constexpr std::string_view scheme = "https://";
  if (url.size() < scheme.size() || !iequals(url.substr(0, scheme.size()), scheme)) {
    return unexpected(fmt::format("'{}' is not an https:// URL", url));
  }
  std::string_view rest = url.substr(scheme.size());
  const std::size_t slash = rest.find_first_of("/?#");
  std::string_view authority = rest.substr(0, slash);
  UrlParts parts;
  if (slash != std::string_view::npos) {
    std::string_view path = rest.substr(slash);
    path = path.substr(0, path.find('#'));
    parts.path = path.front() == '?' ? "/" + std::string(path) : std::string(path);
  }
  if (authority.find('@') != std::string_view::npos) return unexpected("URLs with user:password@ are not accepted");
  if (authority.empty()) return unexpected(fmt::format("'{}' has no host", url));
  if (authority.front() == '[' && authority.back() == ']') {
    parts.host = std::string(authority.substr(1, authority.size() - 2));
  } else if (authority.front() == '[' || authority.find(':') != std::string_view::npos) {
    auto hp = parse_host_port(authority);
    if (!hp) return unexpected(hp.error());
    parts.host = hp->first;
    parts.port = hp->second;
  } else {
    parts.host = std::string(authority);
  }
  if (parts.host.empty()) return unexpected(fmt::format("'{}' has no host", url));
  for (char c : parts.host) {
    if (std::isspace(static_cast<unsigned char>(c)) || static_cast<unsigned char>(c) < 0x21) {
      return unexpected(fmt::format("'{}': bad character in host", url));
    }
  }
  for (char c : parts.path) {
    if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7f) return unexpected(fmt::format("'{}': bad character in path", url));
  }
  parts.host_is_ip = parts.host.find(':') != std::string::npos ||
                     std::all_of(parts.host.begin(), parts.host.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)) || c == '.'; });
  return parts;
}

Expected<std::pair<std::string, int>> parse_host_port(std::string_view text) {
  std::string host;
  std::string_view port_text;
  if (!text.empty() && text.front() == '[') {
    const std::size_t close = text.find(']');
    if (close == std::string_view::npos || close + 1 >= text.size() || text[close + 1] != ':') {
      return unexpected(fmt::format("'{}' is not [ADDRESS]:PORT", text));
    }
    host = std::string(text.substr(1, close - 1));
    port_text = text.substr(close + 2);
  } else {
    const std::size_t colon = text.rfind(':');
    if (colon == std::string_view::npos || colon == 0 || text.substr(0, colon).find(':') != std::string_view::npos) {
      return unexpected(fmt::format("'{}' is not HOST:PORT", text));
    }
    host = std::string(text.substr(0, colon));
    port_text = text.substr(colon + 1);
  }
  const auto port = to_int(port_text);
  if (!port || *port < 1 || *port > 65535) return unexpected(fmt::format("'{}': port must be 1-65535", text));
  return std::pair{host, *port};
}

std::string http1_request(std::string_view method, std::string_view host_header, std::string_view path,
                          const std::vector<std::string>& headers) {
  std::string out = fmt::format("{} {} HTTP/1.1\r\nHost: {}\r\n", method, path, host_header);
  bool has_ua = false;
  bool has_accept = false;
  for (const std::string& h : headers) {
    const std::string_view name = std::string_view(h).substr(0, h.find(':'));
    has_ua = has_ua || iequals(name, "User-Agent");
    has_accept = has_accept || iequals(name, "Accept");
  }
  if (!has_ua) out += "User-Agent: mtls-doctor\r\n";
  if (!has_accept) out += "Accept: */*\r\n";
  for (const std::string& h : headers) out += h + "\r\n";
  out += "Connection: close\r\n\r\n";
  return out;
}

ResponseState response_state(std::string_view bytes, bool closed) {
  auto head = parse_head(bytes);
  if (!head) return ResponseState::malformed;
  if (!*head) return closed ? ResponseState::malformed : ResponseState::incomplete;
  const Head& h = **head;
  const std::string_view body = bytes.substr(h.end);
  const int status = h.response.status;
  if (status / 100 == 1 || status == 204 || status == 304) return ResponseState::complete;
  if (h.chunked) {
    const ResponseState s = dechunk(body, nullptr, nullptr);
    if (s == ResponseState::incomplete && (closed || body.size() > kMaxResponseBody + 4096)) return ResponseState::complete;
    return s;
  }
  if (h.content_length) {
    if (body.size() >= *h.content_length || body.size() >= kMaxResponseBody || closed) return ResponseState::complete;
    return ResponseState::incomplete;
  }
  return closed || body.size() >= kMaxResponseBody ? ResponseState::complete : ResponseState::incomplete;
}

Expected<HttpResponse> parse_http_response(std::string_view bytes) {
  auto head = parse_head(bytes);
  if (!head) return unexpected(head.error());
  if (!*head) return unexpected(bytes.empty() ? "no response" : "response ended inside its headers");
  Head h = std::move(**head);
  std::string_view body = bytes.substr(h.end);
  if (h.chunked) {
    if (dechunk(body, &h.response.body, &h.response.body_truncated) == ResponseState::malformed) {
      return unexpected("malformed chunked body");
    }
  } else {
    if (h.content_length) body = body.substr(0, std::min(body.size(), *h.content_length));
    // Cut when more was announced than is kept, or when a body without a length reached the limit
    // (its end was not seen).
    h.response.body_truncated = body.size() > kMaxResponseBody ||
                                (body.size() == kMaxResponseBody && (!h.content_length || *h.content_length > kMaxResponseBody));
    h.response.body = std::string(body.substr(0, kMaxResponseBody));
  }
  return std::move(h.response);
}

std::string iis_substatus_from_body(std::string_view body) {
  // IIS detailed and custom error pages: "<h3>HTTP Error 403.7 - Forbidden</h3>" or
  // "403.7 - Forbidden: Client certificate required." (IIS 6 style, still shipped in custom pages).
  for (std::string_view marker : {std::string_view("HTTP Error "), std::string_view("<h2>")}) {
    std::size_t at = 0;
    while ((at = body.find(marker, at)) != std::string_view::npos) {
      at += marker.size();
      std::size_t i = at;
      while (i < body.size() && std::isdigit(static_cast<unsigned char>(body[i])) && i - at < 3) ++i;
      if (i - at != 3 || i >= body.size() || body[i] != '.') continue;
      std::size_t j = i + 1;
      while (j < body.size() && std::isdigit(static_cast<unsigned char>(body[j])) && j - i <= 3) ++j;
      if (j == i + 1) continue;
      return std::string(body.substr(at, j - at));
    }
  }
  return {};
}

std::string nginx_reason_from_body(std::string_view body) {
  // ngx_http_special_response.c: ngx_http_error_496_page / 495 page, served with status 400
  // unless error_page changes them.
  for (std::string_view reason : {std::string_view("No required SSL certificate was sent"),
                                  std::string_view("The SSL certificate error"),
                                  std::string_view("SSL certificate error")}) {
    if (body.find(reason) != std::string_view::npos) return std::string(reason);
  }
  return {};
}

std::string certificate_error_from_body(std::string_view body) {
  // Node's tls error codes (err.code, shown by applications that print the authorization error)
  // and OpenSSL's X509_verify_cert_error_string texts, which most other servers echo.
  for (std::string_view error : {std::string_view("UNABLE_TO_VERIFY_LEAF_SIGNATURE"),
                                 std::string_view("UNABLE_TO_GET_ISSUER_CERT_LOCALLY"),
                                 std::string_view("SELF_SIGNED_CERT_IN_CHAIN"),
                                 std::string_view("DEPTH_ZERO_SELF_SIGNED_CERT"), std::string_view("CERT_HAS_EXPIRED"),
                                 std::string_view("CERT_NOT_YET_VALID"), std::string_view("CERT_REVOKED"),
                                 std::string_view("CERT_UNTRUSTED"), std::string_view("CERT_SIGNATURE_FAILURE"),
                                 std::string_view("unable to verify the first certificate"),
                                 std::string_view("unable to get local issuer certificate"),
                                 std::string_view("self-signed certificate"), std::string_view("self signed certificate"),
                                 std::string_view("certificate has expired"), std::string_view("certificate verify failed")}) {
    if (body.find(error) != std::string_view::npos) return std::string(error);
  }
  return {};
}

std::optional<std::string> header_value(const HttpResponse& response, std::string_view name) {
  for (const auto& [n, v] : response.headers) {
    if (iequals(n, name)) return v;
  }
  return std::nullopt;
}

}  // namespace mtls::tls
