// SPDX-License-Identifier: Apache-2.0
#include "core/sniff.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <string>

namespace mtls {
namespace {

bool starts_with_bytes(std::string_view head, std::string_view magic) { return head.starts_with(magic); }

std::uint32_t u32_le(std::string_view head) {
  std::uint32_t v = 0;
  for (int i = 3; i >= 0; --i) v = (v << 8) | static_cast<unsigned char>(head[static_cast<std::size_t>(i)]);
  return v;
}

/// The head as narrow text: UTF-16 (either order, with its BOM) keeps the low byte of each
/// ASCII code unit, which is all the markers below need; UTF-8's BOM is dropped.
std::string narrow_text(std::string_view head) {
  std::string out;
  if (head.size() >= 2 && ((head[0] == '\xff' && head[1] == '\xfe') || (head[0] == '\xfe' && head[1] == '\xff'))) {
    const bool little = head[0] == '\xff';
    for (std::size_t i = 2; i + 1 < head.size(); i += 2) {
      const unsigned char lo = static_cast<unsigned char>(little ? head[i] : head[i + 1]);
      const unsigned char hi = static_cast<unsigned char>(little ? head[i + 1] : head[i]);
      out += hi == 0 ? static_cast<char>(lo) : '?';
    }
    return out;
  }
  if (head.starts_with("\xef\xbb\xbf")) head.remove_prefix(3);
  return std::string(head);
}

std::string_view skip_space(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r' || s.front() == '\n')) {
    s.remove_prefix(1);
  }
  return s;
}

bool contains(std::string_view text, std::string_view what) { return text.find(what) != std::string_view::npos; }

bool icontains(std::string_view text, std::string_view what) {
  return std::search(text.begin(), text.end(), what.begin(), what.end(), [](char a, char b) {
           return (a >= 'A' && a <= 'Z' ? a + 32 : a) == (b >= 'A' && b <= 'Z' ? b + 32 : b);
         }) != text.end();
}

/// The XML documents IIS and Windows write. applicationHost.config holds <system.applicationHost>
/// or declares the system.webServer section group (configSections); a web.config holds
/// <system.webServer> (or other sections) without either.
InputKind sniff_xml(std::string_view text) {
  if (contains(text, "<failedRequest")) return InputKind::freb;
  if (contains(text, "<Event") && contains(text, "schemas.microsoft.com/win/2004/08/events/event")) {
    return InputKind::event_xml;
  }
  if (contains(text, "<Events") || contains(text, "<Event>") || contains(text, "<Event ")) return InputKind::event_xml;
  if (contains(text, "<configuration")) {
    if (contains(text, "<system.applicationHost") || contains(text, "sectionGroup name=\"system.webServer\"")) {
      return InputKind::application_host_config;
    }
    return InputKind::web_config;
  }
  return InputKind::unknown;
}

/// DER: a SEQUENCE whose first element tells certificate (a SEQUENCE: tbsCertificate) from
/// PKCS#12 (INTEGER version 3, RFC 7292 §4) and PKCS#7 (the signedData OID, RFC 2315 §7).
InputKind sniff_der(std::string_view head) {
  if (head.size() < 16 || static_cast<unsigned char>(head[0]) != 0x30) return InputKind::unknown;
  const unsigned char len0 = static_cast<unsigned char>(head[1]);
  std::size_t at = 2;
  if (len0 & 0x80) {
    const std::size_t n = len0 & 0x7f;
    if (n == 0 || n > 4) return InputKind::unknown;
    at += n;
  }
  if (at + 4 > head.size()) return InputKind::unknown;
  const unsigned char tag = static_cast<unsigned char>(head[at]);
  if (tag == 0x02 && head.substr(at, 3) == std::string_view("\x02\x01\x03", 3)) return InputKind::pkcs12;
  static constexpr std::string_view signed_data_oid("\x06\x09\x2a\x86\x48\x86\xf7\x0d\x01\x07\x02", 11);
  if (tag == 0x06 && head.substr(at, signed_data_oid.size()) == signed_data_oid) return InputKind::pkcs7;
  if (tag == 0x30) {
    // tbsCertificate: SEQUENCE { [0] version, serialNumber INTEGER, ... } (RFC 5280 §4.1).
    std::size_t inner = at + 1;
    const unsigned char l = static_cast<unsigned char>(head[inner]);
    inner += (l & 0x80) ? 1 + (l & 0x7f) : 1;
    if (inner < head.size()) {
      const unsigned char t = static_cast<unsigned char>(head[inner]);
      if (t == 0xa0 || t == 0x02) return InputKind::der_certificate;
    }
  }
  return InputKind::unknown;
}

/// NSS key log labels (the SSLKEYLOGFILE format).
bool is_keylog_line(std::string_view line) {
  static constexpr std::array<std::string_view, 7> labels{
      "CLIENT_RANDOM ", "CLIENT_HANDSHAKE_TRAFFIC_SECRET ", "SERVER_HANDSHAKE_TRAFFIC_SECRET ",
      "CLIENT_TRAFFIC_SECRET_0 ", "SERVER_TRAFFIC_SECRET_0 ", "EXPORTER_SECRET ", "CLIENT_EARLY_TRAFFIC_SECRET "};
  return std::any_of(labels.begin(), labels.end(), [&](std::string_view l) { return line.starts_with(l); });
}

bool digits_at(std::string_view s, std::size_t at, std::size_t n) {
  if (at + n > s.size()) return false;
  for (std::size_t i = at; i < at + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
  }
  return true;
}

/// nginx's error log: "yyyy/mm/dd hh:mm:ss [level] pid#tid: " (ngx_log_error_core,
/// src/core/ngx_log.c).
bool is_nginx_error_line(std::string_view line) {
  if (line.size() < 24 || !digits_at(line, 0, 4) || line[4] != '/' || !digits_at(line, 5, 2) || line[7] != '/' ||
      !digits_at(line, 8, 2) || line[10] != ' ' || !digits_at(line, 11, 2) || line[13] != ':' || line[19] != ' ' ||
      line[20] != '[') {
    return false;
  }
  const std::size_t close = line.find("] ", 21);
  if (close == std::string_view::npos || close > 30) return false;
  const std::size_t hash = line.find('#', close);
  return hash != std::string_view::npos && hash < close + 14 && digits_at(line, close + 2, 1);
}

/// Apache httpd 2.4's error log: "[Www Mmm dd hh:mm:ss[.uuuuuu] yyyy] [module:level] "
/// (ErrorLogFormat's default, server/log.c).
bool is_apache_error_line(std::string_view line) {
  if (line.size() < 30 || line[0] != '[' || line[4] != ' ' || line[8] != ' ') return false;
  const std::size_t close = line.find("] [");
  if (close == std::string_view::npos || close < 24 || close > 34) return false;
  if (!digits_at(line, close - 4, 4) || line[close - 5] != ' ') return false;
  const std::size_t level_end = line.find(']', close + 3);
  // 2.4 writes [module:level], 2.2 [level].
  return level_end != std::string_view::npos && level_end < close + 40;
}

/// The NCSA common log format nginx and Apache write by default: host ident user
/// [dd/Mmm/yyyy:hh:mm:ss +zzzz] "request" status bytes (Apache "Log Files", nginx log_format
/// combined).
bool is_access_line(std::string_view line) {
  const std::size_t open = line.find(" [");
  if (open == std::string_view::npos || open == 0 || open > 300) return false;
  const std::string_view t = line.substr(open + 2);
  if (t.size() < 30 || !digits_at(t, 0, 2) || t[2] != '/' || t[6] != '/' || !digits_at(t, 7, 4) || t[11] != ':' ||
      t[20] != ' ' || (t[21] != '+' && t[21] != '-') || t[26] != ']' || t[27] != ' ' || t[28] != '"') {
    return false;
  }
  const std::size_t end = t.find("\" ", 29);
  return end != std::string_view::npos && digits_at(t, end + 2, 3);
}

/// nginx and Apache logs pasted with other output (a client's messages between the server's
/// lines): the first of the first 16 lines that has one of the three shapes decides.
InputKind sniff_web_server_log(std::string_view text) {
  for (int n = 0; n < 16 && !text.empty(); ++n) {
    const std::size_t nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (is_nginx_error_line(line)) return InputKind::nginx_error_log;
    if (is_apache_error_line(line)) return InputKind::apache_error_log;
    if (is_access_line(line)) return InputKind::access_log;
    if (nl == std::string_view::npos) break;
    text.remove_prefix(nl + 1);
  }
  return InputKind::unknown;
}

InputKind sniff_text(std::string_view text) {
  text = skip_space(text);
  if (text.starts_with("<system.applicationHost")) return InputKind::application_host_config;
  if (text.starts_with("<system.webServer") || text.starts_with("<location")) return InputKind::web_config;
  if (text.starts_with("<")) return sniff_xml(text);
  if (text.starts_with("Windows Registry Editor Version") || text.starts_with("REGEDIT4")) return InputKind::reg_export;
  if (text.starts_with("#Software:") || text.starts_with("#Version:") || text.starts_with("#Fields:") ||
      text.starts_with("#Date:") || text.starts_with("#Remark:")) {
    // HTTPERR logs are W3C-shaped; http.sys names itself "Microsoft HTTP API 2.0".
    return icontains(text.substr(0, 512), "HTTP API") ? InputKind::httperr_log : InputKind::w3c_log;
  }
  if (contains(text, "-----BEGIN ")) return InputKind::pem;
  // `netsh http show sslcert`: a "SSL Certificate bindings:" header, or a pasted binding block.
  if (icontains(text.substr(0, 4096), "SSL Certificate bindings") ||
      ((contains(text, "IP:port") || contains(text, "Hostname:port") || contains(text, "Central Certificate Store")) &&
       contains(text, "Certificate Hash"))) {
    return InputKind::netsh_sslcert;
  }
  const std::string_view first = text.substr(0, text.find('\n'));
  if (first.starts_with("# SSL/TLS secrets log file") || is_keylog_line(first)) return InputKind::nss_keylog;
  // A W3C data line without a header: it starts with a yyyy-mm-dd date and a time.
  if (first.size() >= 19 && first[4] == '-' && first[7] == '-' && first[10] == ' ' && first[13] == ':' &&
      first[0] >= '0' && first[0] <= '9') {
    return InputKind::w3c_log;
  }
  if (const InputKind web = sniff_web_server_log(text); web != InputKind::unknown) return web;
  // IIS native format (Microsoft IIS Log File Format): "c-ip, user, date, time, W3SVCn, ...".
  if (std::count(first.begin(), first.end(), ',') >= 13 && contains(first, ", W3SVC")) return InputKind::iis_native_log;
  return InputKind::unknown;
}

}  // namespace

InputKind sniff(std::string_view head) {
  if (head.empty()) return InputKind::empty;
  if (head.size() >= 4) {
    if (starts_with_bytes(head, "regf")) return InputKind::registry_hive;
    if (starts_with_bytes(head, "ElfFile")) return InputKind::evtx;
    if (starts_with_bytes(head, std::string_view("PK\x03\x04", 4)) || starts_with_bytes(head, std::string_view("PK\x05\x06", 4))) {
      return InputKind::zip;
    }
    const std::uint32_t magic = u32_le(head);
    // libpcap: a1b2c3d4 (microseconds) or a1b23c4d (nanoseconds), in either byte order.
    if (magic == 0xa1b2c3d4 || magic == 0xd4c3b2a1 || magic == 0xa1b23c4d || magic == 0x4d3cb2a1) return InputKind::pcap;
    if (magic == 0x0a0d0d0a) return InputKind::pcapng;  // Section Header Block type
  }
  if (head.size() >= 2 && static_cast<unsigned char>(head[0]) == 0x1f && static_cast<unsigned char>(head[1]) == 0x8b) {
    return InputKind::gzip;
  }
  if (static_cast<unsigned char>(head[0]) == 0x30) {
    if (const InputKind der = sniff_der(head); der != InputKind::unknown) return der;
  }
  return sniff_text(narrow_text(head));
}

bool is_log(InputKind kind) {
  switch (kind) {
    case InputKind::w3c_log:
    case InputKind::httperr_log:
    case InputKind::freb:
    case InputKind::event_xml:
    case InputKind::evtx:
    case InputKind::gzip:
    case InputKind::iis_native_log:
    case InputKind::nginx_error_log:
    case InputKind::apache_error_log:
    case InputKind::access_log: return true;
    default: return false;
  }
}

bool is_certificate(InputKind kind) {
  return kind == InputKind::pem || kind == InputKind::der_certificate || kind == InputKind::pkcs7 ||
         kind == InputKind::pkcs12;
}

}  // namespace mtls
