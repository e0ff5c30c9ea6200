// SPDX-License-Identifier: Apache-2.0
// Renderers turn a Report (or an explanation) into text for people, JSON for machines (schema 1,
// docs/report.schema.json), Markdown for tickets, HTML and SARIF. They hold no diagnostic logic.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/explanation.h"
#include "core/report.h"

namespace mtls {

enum class Format { text, json, markdown, html, sarif };

std::optional<Format> parse_format(std::string_view name);
std::string_view to_string(Format format);

struct RenderOptions {
  bool color = false;  ///< ANSI colour: only for a terminal, never with --no-color or NO_COLOR
  int verbosity = 0;   ///< -1 quiet (verdict and findings only), 0 normal, 1 verbose
  std::size_t width = 100;  ///< text: the column prose wraps at (commands and paths never wrap)
};

std::string render_report(const Report& report, Format format, const RenderOptions& options);
std::string render_explanation(const ExplainResult& result, Format format,
                               const RenderOptions& options);

// One function per format, for tests and for callers that know what they want.
std::string render_text(const Report& report, const RenderOptions& options);
std::string render_json(const Report& report);
std::string render_markdown(const Report& report);
std::string render_html(const Report& report);
std::string render_sarif(const Report& report);
/// SARIF with relative input paths resolved against `base_directory` (the other form uses the
/// current directory), so file:// URIs are absolute and a golden file does not depend on where it runs.
std::string render_sarif(const Report& report, const std::string& base_directory);

/// RFC 3339 UTC, "2026-11-22T01:37:36Z".
std::string rfc3339(std::chrono::sys_seconds time);

/// "1 certificate", "2 certificates", "1 entry", "3 entries".
std::string count_of(std::size_t n, std::string_view one, std::string_view many);

/// Where a remedy command is typed, for people: "cmd", "PowerShell", "shell", "config file".
std::string_view shell_title(Shell shell);

/// What is shown beside a remedy command: "IIS, PowerShell: note".
std::string remedy_heading(const RemedyCommand& command);
/// Where a command is typed: "IIS, PowerShell" (its label and shell, without the note).
std::string remedy_where(const RemedyCommand& command);

/// The checklist step a finding belongs to, or nothing for a finding outside the checklist.
std::optional<std::string_view> step_name(Step step);

/// What a probe attempt's request got, in every format's words: "GET / HTTP/1.1 -> 403 Forbidden
/// (IIS 403.7)", "stream reset, HTTP/2 error 13 HTTP_1_1_REQUIRED", or empty when none was sent.
std::string http_result_line(const ProbeAttempt& attempt);

/// "Server software: Caddy (attempt 1: Server: Caddy)", or "not recognised" with what was seen.
std::string server_software_line(const ProbeEvidence& p);

/// A log time (seconds since the epoch, as logged) for people: "2026-11-22 09:15:24", "?" when the
/// entry had none.
std::string log_time(std::optional<std::int64_t> time);

/// What an nginx/Apache message says, in every format's words: "AH02039 error 20 (unable to get
/// local issuer certificate) alert 48".
std::string web_server_message_what(const WebServerMessage& m);

/// A CAPI2 chain error in every format's words: "CERT_E_UNTRUSTEDROOT 0x800B0109", or the
/// ErrorStatus trust-error names when the event's Result is 0.
std::string capi2_error_text(const Capi2ChainError& e);

/// The one place HTML is escaped.
std::string html_escape(std::string_view text);

}  // namespace mtls
