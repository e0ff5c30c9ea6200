// SPDX-License-Identifier: Apache-2.0
#include "render/render.h"

#include <fmt/chrono.h>
#include <fmt/format.h>

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

}  // namespace mtls
