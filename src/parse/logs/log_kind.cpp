// SPDX-License-Identifier: Apache-2.0
// The kind of a log input, told from its first bytes by the one sniffer (core/sniff.h).
#include "core/sniff.h"
#include "parse/logs/logs.h"

namespace mtls::logs {

std::string_view to_string(LogKind kind) {
  switch (kind) {
    case LogKind::w3c: return "W3C/HTTPERR log";
    case LogKind::freb: return "Failed Request Tracing XML";
    case LogKind::event_xml: return "event log XML";
    case LogKind::evtx: return "event log (.evtx)";
    case LogKind::gzip: return "gzip";
    case LogKind::iis_native: return "IIS native log";
    case LogKind::nginx_error: return "nginx error log";
    case LogKind::apache_error: return "Apache error log";
    case LogKind::access: return "nginx/Apache access log";
    case LogKind::utf16: return "UTF-16 text";
    case LogKind::unknown: return "unknown";
  }
  return "unknown";
}

LogKind detect_kind(std::string_view head) {
  // UTF-16 text is recognised (sniff reads through it) but not read by the line readers.
  if (head.size() >= 2 && ((head[0] == '\xff' && head[1] == '\xfe') || (head[0] == '\xfe' && head[1] == '\xff'))) {
    return LogKind::utf16;
  }
  switch (sniff(head)) {
    case InputKind::w3c_log:
    case InputKind::httperr_log: return LogKind::w3c;
    case InputKind::freb: return LogKind::freb;
    case InputKind::event_xml: return LogKind::event_xml;
    case InputKind::evtx: return LogKind::evtx;
    case InputKind::gzip: return LogKind::gzip;
    case InputKind::iis_native_log: return LogKind::iis_native;
    case InputKind::nginx_error_log: return LogKind::nginx_error;
    case InputKind::apache_error_log: return LogKind::apache_error;
    case InputKind::access_log: return LogKind::access;
    default: return LogKind::unknown;
  }
}

}  // namespace mtls::logs
