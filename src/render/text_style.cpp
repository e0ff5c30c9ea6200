// SPDX-License-Identifier: Apache-2.0
#include "render/text_style.h"

#include <fmt/format.h>

#include <cctype>

namespace mtls::text {

std::string Styler::operator()(Style style, std::string_view text) const {
  if (!color_ || style == Style::plain) return std::string(text);
  std::string_view code;
  switch (style) {
    case Style::plain: break;
    case Style::bold: code = "1"; break;
    case Style::dim: code = "2"; break;
    case Style::red: code = "1;31"; break;
    case Style::yellow: code = "1;33"; break;
    case Style::green: code = "32"; break;
    case Style::cyan: code = "36"; break;
  }
  return fmt::format("\x1b[{}m{}\x1b[0m", code, text);
}

std::string wrap(std::string_view text, std::string_view first_indent, std::size_t width,
                 std::string_view continuation) {
  std::string out;
  std::string_view indent = first_indent;
  const std::string_view later = continuation.empty() ? first_indent : continuation;
  std::size_t column = 0;
  bool line_start = true;
  std::size_t i = 0;
  while (i < text.size()) {
    if (text[i] == '\n') {
      out += '\n';
      line_start = true;
      indent = later;
      column = 0;
      ++i;
      continue;
    }
    if (text[i] == ' ') {
      ++i;
      continue;
    }
    std::size_t end = i;
    while (end < text.size() && text[end] != ' ' && text[end] != '\n') ++end;
    std::string_view word = text.substr(i, end - i);
    if (!line_start && column + 1 + word.size() > width) {
      out += '\n';
      line_start = true;
      indent = later;
    }
    if (line_start) {
      out += indent;
      column = indent.size();
      line_start = false;
    } else {
      out += ' ';
      ++column;
    }
    out += word;
    column += word.size();
    i = end;
  }
  return out;
}

Style style_for(Severity severity) {
  switch (severity) {
    case Severity::error: return Style::red;
    case Severity::warning: return Style::yellow;
    case Severity::info: return Style::cyan;
  }
  return Style::plain;
}

Style style_for(StepStatus status) {
  switch (status) {
    case StepStatus::failed: return Style::red;
    case StepStatus::warned: return Style::yellow;
    case StepStatus::passed: return Style::green;
    case StepStatus::not_checked: return Style::dim;
  }
  return Style::plain;
}

std::string upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace mtls::text
