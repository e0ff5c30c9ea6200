// SPDX-License-Identifier: Apache-2.0
#include "render/render.h"

#include <fmt/chrono.h>
#include <fmt/format.h>

#include "knowledge/client_cert_failures.h"
#include "knowledge/http2_errors.h"
#include "knowledge/win32_codes.h"

namespace mtls {

std::optional<Format> parse_format(std::string_view name) {
  for (Format f : {Format::text, Format::json, Format::markdown, Format::html, Format::sarif}) {
    if (to_string(f) == name) return f;
  }
  if (name == "md") return Format::markdown;
  return std::nullopt;
}

std::string_view to_string(Format format) {
  switch (format) {
    case Format::text: return "text";
    case Format::json: return "json";
    case Format::markdown: return "markdown";
    case Format::html: return "html";
    case Format::sarif: return "sarif";
  }
  return "text";
}

std::string render_report(const Report& report, Format format, const RenderOptions& options) {
  switch (format) {
    case Format::text: return render_text(report, options);
    case Format::json: return render_json(report);
    case Format::markdown: return render_markdown(report);
    case Format::html: return render_html(report);
    case Format::sarif: return render_sarif(report);
  }
  return render_text(report, options);
}

std::string count_of(std::size_t n, std::string_view one, std::string_view many) {
  return fmt::format("{} {}", n, n == 1 ? one : many);
}

std::string_view shell_title(Shell shell) {
  switch (shell) {
    case Shell::cmd: return "cmd";
    case Shell::powershell: return "PowerShell";
    case Shell::bash: return "shell";
    case Shell::config: return "config file";
  }
  return "shell";
}

std::string remedy_where(const RemedyCommand& command) {
  return command.label.empty() ? std::string(shell_title(command.shell))
                               : fmt::format("{}, {}", command.label, shell_title(command.shell));
}

std::string remedy_heading(const RemedyCommand& command) {
  std::string out = remedy_where(command);
  if (!command.note.empty()) out += ": " + command.note;
  return out;
}

std::optional<std::string_view> step_name(Step step) {
  if (step == Step::none) return std::nullopt;
  return to_string(step);
}

std::string rfc3339(std::chrono::sys_seconds time) { return fmt::format("{:%FT%TZ}", time); }

std::string html_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string http_result_line(const ProbeAttempt& a) {
  if (!a.request_sent) return {};
  std::string line = a.request_line + " -> ";
  if (a.http_status) {
    line += a.http_reason.empty() ? fmt::format("{}", *a.http_status) : fmt::format("{} {}", *a.http_status, a.http_reason);
    if (!a.iis_substatus.empty()) line += fmt::format(" (IIS {})", a.iis_substatus);
    if (!a.server_reason.empty()) line += fmt::format(" (\"{}\")", a.server_reason);
    if (!a.server_header.empty()) line += fmt::format(", Server: {}", a.server_header);
  } else if (a.h2_error) {
    line += fmt::format("stream reset, HTTP/2 error {} {}", *a.h2_error, knowledge::http2_error_name(*a.h2_error));
  } else {
    line += a.http_error.empty() ? "no answer" : a.http_error;
  }
  return line;
}

std::string server_software_line(const ProbeEvidence& p) {
  if (p.server_software == ServerSoftware::unknown) {
    return fmt::format("Server software: not recognised ({})",
                       p.server_software_basis.empty() ? "no answer named it" : p.server_software_basis);
  }
  return fmt::format("Server software: {} ({})", display_name(p.server_software), p.server_software_basis);
}

std::string web_server_message_what(const WebServerMessage& m) {
  std::string what = m.code;
  if (m.verify_error) what += fmt::format(" error {}", *m.verify_error);
  if (!m.reason.empty()) what += " (" + m.reason + ")";
  if (m.alert) what += fmt::format(" alert {}", *m.alert);
  return what;
}

std::string capi2_error_text(const Capi2ChainError& e) {
  if (e.result == 0) return "ErrorStatus " + knowledge::trust_error_names(e.trust_errors);
  const auto* code = knowledge::find_win32_code(e.result);
  return code != nullptr ? fmt::format("{} 0x{:08X}", code->name, e.result) : fmt::format("0x{:08X}", e.result);
}

std::string log_time(std::optional<std::int64_t> t) {
  if (!t) return "?";
  return fmt::format("{:%Y-%m-%d %H:%M:%S}", std::chrono::sys_seconds{std::chrono::seconds{*t}});
}

}  // namespace mtls
