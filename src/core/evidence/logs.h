// SPDX-License-Identifier: Apache-2.0
// IIS W3C, HTTPERR, FREB, event-log, nginx and Apache log facts, reduced to counts and first examples (checklist C11,
// C13). Filled by src/parse/logs readers; reported as `evidence.logs`. Everything here is bounded:
// top-N lists, a few examples per kind, a capped per-minute histogram, whatever the input size.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/evidence_ref.h"

namespace mtls {

/// A line (or record) quoted as evidence: "u_ex240301.log:12" and its text (cut at 512 bytes).
struct LogExample {
  std::string file;
  std::uint64_t line = 0;
  std::string text;

  bool operator==(const LogExample&) const = default;
};

/// A value and how often it occurred (top client IPs, URIs, user agents). With the bounded
/// Space-Saving counter the count may over-estimate by at most `error`.
struct LogTopValue {
  std::string value;
  std::uint64_t count = 0;
  std::uint64_t error = 0;
};

/// sc-status.sc-substatus.sc-win32-status with the decoded names (empty when unknown). A field
/// the log's #Fields does not have is absent, not 0 (IIS 4/5 logs have no sc-substatus).
struct LogTriple {
  int status = 0;
  std::optional<int> substatus;
  std::optional<std::uint32_t> win32;
  std::uint64_t count = 0;
  std::string status_name;  ///< "Client certificate required"
  std::string win32_name;   ///< "ERROR_NETNAME_DELETED"
};

/// The failure kinds the log checks look for (the log.* finding ids).
enum class LogFailureKind {
  cert_required,          ///< 403.7 (win32 status other than 5)
  ctl_access_denied,      ///< 403.7 with win32 status 5 (ERROR_ACCESS_DENIED)
  cert_untrusted,         ///< 403.16
  cert_expired,           ///< 403.17
  cert_revoked,           ///< 403.13
  mapping_denied,         ///< 403.12, or a 401 set by a certificate-mapping module (FREB)
  renegotiation_aborted,  ///< 500 with win32 64 / 995 / 1236 (or FREB 0x800703e3)
  tls13_not_supported,    ///< 500.0 with win32 50 / 0x80070032 (ERROR_NOT_SUPPORTED)
};
inline constexpr int log_failure_kind_count = 8;

/// Per failure kind: how many, when, who, what (bounded).
struct LogFailure {
  LogFailureKind kind{};
  std::uint64_t count = 0;
  std::optional<std::int64_t> first_time;  ///< Unix seconds (UTC, as IIS logs)
  std::optional<std::int64_t> last_time;
  std::map<std::uint32_t, std::uint64_t> by_win32;  ///< win32 status -> count (e.g. CERT_E_UNTRUSTEDROOT)
  std::vector<LogTopValue> top_clients;
  std::vector<LogTopValue> top_uris;
  std::vector<LogTopValue> top_user_agents;
  std::vector<LogExample> examples;  ///< the first few lines
};

/// The late-negotiation pattern (C11): a 500 (win32 64/995/1236) followed by 403.7 from the same
/// client within `window_seconds`.
struct LogLateNegotiation {
  int window_seconds = 60;
  std::uint64_t pairs = 0;
  /// (500 line, 403.7 line) for the first few pairs.
  std::vector<std::pair<LogExample, LogExample>> examples;
  /// Pending 500s forgotten because more than the cap waited at once (see docs/logs.md).
  std::uint64_t pending_dropped = 0;
};

/// An HTTPERR reason (s-reason) and its count, with the first line.
struct LogHttpErrReason {
  std::string reason;
  std::uint64_t count = 0;
  bool connection_level = false;  ///< the connection was dropped or reset, no response sent
  std::optional<std::int64_t> first_time;
  std::optional<std::int64_t> last_time;
  LogExample example;
};

/// One Failed Request Tracing event that set an error status (MODULE_SET_RESPONSE_ERROR_STATUS and
/// friends): who, which module and notification, status and ErrorCode.
struct FrebEvent {
  std::string file;
  std::uint64_t line = 0;
  std::string url;
  std::string client;  ///< RemoteAddress of GENERAL_ENDPOINT_INFORMATION, when traced
  std::string site_id;
  std::string opcode;
  std::string module;
  std::string notification;
  int status = 0;
  int substatus = 0;
  std::uint32_t error_code = 0;
  std::optional<std::int64_t> time;
};

/// A Windows event kept from .evtx files or `wevtutil qe /f:xml` exports: Schannel 36870–36888
/// and HttpEvent SSL-binding events.
struct WindowsEvent {
  std::string file;
  std::uint64_t record = 0;  ///< line in an XML export, record number in an .evtx
  std::string provider;      ///< "Schannel", "Microsoft-Windows-HttpEvent"
  std::uint32_t event_id = 0;
  std::optional<std::int64_t> time;
  std::string meaning;  ///< what the event says, from the event's documented message
  std::optional<std::uint32_t> alert;  ///< the TLS alert of a Schannel 36887/36888 (AlertDesc)
  std::vector<std::pair<std::string, std::string>> data;  ///< EventData Name=value (bounded)
};

/// One count of a Windows event id: "Schannel 36888 alert 40" etc.
struct WindowsEventCount {
  std::string provider;
  std::uint32_t event_id = 0;
  std::string detail;  ///< "alert 40 (handshake_failure)" for 36887/36888, else empty
  std::string meaning;
  std::optional<std::uint32_t> alert;  ///< the alert number of a 36887/36888, when the event has it
  std::uint64_t count = 0;
  std::optional<std::int64_t> first_time;
  std::optional<std::int64_t> last_time;
};

/// A certificate as a CAPI2 event 90 (X509Objects: the certificates of a chain context) shows it.
struct Capi2Certificate {
  std::string thumbprint;  ///< SHA-1, upper-case hex (the event's fileRef "<thumbprint>.cer")
  std::string subject;     ///< subjectName
  std::string issuer;      ///< the issuer's CN, when the event has it
  std::optional<std::int64_t> not_before;  ///< Unix seconds (UTC)
  std::optional<std::int64_t> not_after;
};

/// One group of failed CAPI2 Operational chain events (Microsoft-Windows-CAPI2/Operational):
/// event 11 (CertGetCertificateChain: the chain built with trust errors) or 30
/// (CertVerifyCertificateChainPolicy: the policy refused the chain), grouped by event, purpose,
/// error and certificate.
struct Capi2ChainError {
  std::uint32_t event_id = 0;  ///< 11 or 30
  /// Built or verified for a client certificate: event 30 with the SSL policy and authType
  /// "client", or event 11 asked for the Client Authentication usage (1.3.6.1.5.5.7.3.2).
  bool client_auth = false;
  std::string policy;              ///< event 30: "CERT_CHAIN_POLICY_SSL", ...
  std::uint32_t result = 0;        ///< the event's Result (HRESULT; 0 when the call succeeded)
  std::uint32_t trust_errors = 0;  ///< event 11: the chain's CERT_TRUST_* ErrorStatus bits
  std::optional<LogFailureKind> kind;  ///< the client-certificate failure the error means
  Capi2Certificate certificate;        ///< the end certificate (issuer and dates from event 90)
  std::string process;                 ///< EventAuxInfo ProcessName ("lsass.exe" for Schannel)
  std::uint64_t count = 0;
  std::optional<std::int64_t> first_time;
  std::optional<std::int64_t> last_time;
  std::vector<LogExample> examples;  ///< file and record of the first few
};

/// Which web server wrote a line. The NCSA common/combined access format is written by both
/// nginx and Apache httpd, so an access line names one only when its status does (495/496 are
/// nginx's own codes).
enum class WebServer { nginx, apache, nginx_or_apache };

/// One kind of TLS or client-certificate message of an nginx or Apache error log, or one
/// client-certificate-relevant status of an access log (400, 403, 495, 496), counted with when
/// and who. Grouped by server, source, code, verify error and alert.
struct WebServerMessage {
  WebServer server{};
  std::string source;   ///< "error log" or "access log"
  std::string code;     ///< "AH02039", "no required SSL certificate", "status 496"
  std::string meaning;  ///< what it means, after the server's documentation or source
  std::optional<LogFailureKind> kind;  ///< the client-certificate failure it reports, if any
  std::optional<int> verify_error;     ///< OpenSSL X509_V_ERR number ("(20:...)", "Error (20)")
  std::optional<int> alert;            ///< TLS alert number ("SSL alert number 48")
  std::string reason;                  ///< the logged reason text ("unable to get local issuer certificate")
  std::uint64_t count = 0;
  /// Access logs carry a zone (times are UTC); nginx and Apache error logs write the server's
  /// local time without one, kept as logged (`local_time`).
  std::optional<std::int64_t> first_time;
  std::optional<std::int64_t> last_time;
  bool local_time = false;
  std::vector<LogTopValue> top_clients;
  std::vector<LogTopValue> top_servers;  ///< nginx "server:", Apache "(server host:port)"
  std::vector<LogExample> examples;      ///< the first few lines
};

/// A file the reader could not use in full (unknown format, truncated gzip, unreadable record).
struct LogFileProblem {
  std::string file;
  std::string message;
};

struct LogEvidence {
  // The stable fields of schema 1.
  std::vector<std::string> files;
  std::uint64_t lines = 0;     ///< physical lines (and XML records) read
  std::uint64_t entries = 0;   ///< W3C log entries and FREB requests that passed the filters
  std::uint64_t unparsed = 0;  ///< lines that could not be read (log.unparsed-lines)
  std::map<std::string, std::uint64_t> by_status;  ///< "403.7" -> count; "200" without sc-substatus
  std::map<std::string, std::uint64_t> by_win32;   ///< "64" -> count (W3C entries)

  // Added by the logs reader.
  std::vector<LogTriple> by_triple;  ///< most frequent first
  std::uint64_t filtered_out = 0;    ///< entries outside --since/--until/--site
  std::vector<LogExample> unparsed_examples;  ///< first few unreadable lines, text = the reason
  std::vector<LogFailure> failures;           ///< only kinds that occurred, in LogFailureKind order
  std::map<std::int64_t, std::uint64_t> failures_per_minute;  ///< minute (Unix s) -> cert failures
  std::uint64_t histogram_dropped = 0;  ///< failures beyond the histogram's minute cap
  LogLateNegotiation late_negotiation;
  std::uint64_t httperr_entries = 0;
  std::vector<LogHttpErrReason> httperr_reasons;  ///< most frequent first
  std::uint64_t freb_files = 0;
  std::vector<FrebEvent> freb_events;  ///< error-status events (first 200)
  std::uint64_t windows_events_read = 0;
  std::vector<WindowsEventCount> windows_event_counts;
  std::vector<WindowsEvent> windows_events;  ///< the kept events (first 200)
  std::vector<LogFileProblem> problems;
  /// Files read with a field set the file does not declare: a W3C file without #Fields whose
  /// lines have IIS's default shape (file, first such line, the assumed #Fields).
  std::vector<LogExample> assumed_fields;
  std::uint64_t web_server_lines = 0;  ///< nginx / Apache error-log lines and access-log entries read
  std::vector<WebServerMessage> web_server_messages;  ///< most frequent first
  std::uint64_t capi2_events = 0;     ///< CAPI2 events 11, 30 and 90 read
  std::uint64_t capi2_chains_ok = 0;  ///< of which chain events without an error
  std::vector<Capi2ChainError> capi2_chain_errors;  ///< most frequent first
};

constexpr std::string_view to_string(WebServer server) {
  switch (server) {
    case WebServer::nginx: return "nginx";
    case WebServer::apache: return "Apache httpd";
    case WebServer::nginx_or_apache: return "nginx or Apache httpd";
  }
  return "unknown";
}

/// The JSON/text name of a failure kind.
constexpr std::string_view to_string(LogFailureKind kind) {
  switch (kind) {
    case LogFailureKind::cert_required: return "cert_required";
    case LogFailureKind::ctl_access_denied: return "ctl_access_denied";
    case LogFailureKind::cert_untrusted: return "cert_untrusted";
    case LogFailureKind::cert_expired: return "cert_expired";
    case LogFailureKind::cert_revoked: return "cert_revoked";
    case LogFailureKind::mapping_denied: return "mapping_denied";
    case LogFailureKind::renegotiation_aborted: return "renegotiation_aborted";
    case LogFailureKind::tls13_not_supported: return "tls13_not_supported";
  }
  return "unknown";
}

}  // namespace mtls
