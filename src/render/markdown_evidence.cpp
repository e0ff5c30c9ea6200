// SPDX-License-Identifier: Apache-2.0
// Escaping for the Markdown report, its tables, and the list of inputs.
#include "render/markdown_evidence.h"

#include <fmt/format.h>

#include <algorithm>

namespace mtls::md {

namespace {

std::string escape(std::string_view s, bool may_start_block) {
  std::string out;
  out.reserve(s.size());
  // At the start of a paragraph "- x", "+ x", "= x" and "12. x" / "12) x" would open a list or
  // underline a heading: their first punctuation is escaped.
  std::size_t digits = 0;
  while (digits < s.size() && s[digits] >= '0' && s[digits] <= '9') ++digits;
  const std::size_t lead = !may_start_block ? std::string_view::npos
                           : digits > 0 && digits < s.size() && (s[digits] == '.' || s[digits] == ')') ? digits
                           : !s.empty() && (s[0] == '-' || s[0] == '+' || s[0] == '=')      ? 0
                                                                                             : std::string_view::npos;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    switch (c) {
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '&': out += "&amp;"; break;
      case '\n':
      case '\r': out += ' '; break;
      // Emphasis, code, links and images, headings, tables, escapes, strikethrough.
      case '\\': case '`': case '*': case '_': case '[': case ']': case '#': case '|': case '~':
        out += '\\';
        out += c;
        break;
      default:
        if (i == lead) out += '\\';
        out += c;
    }
  }
  return out;
}

}  // namespace

std::string text(std::string_view s) { return escape(s, true); }
// Inside a cell nothing starts a block.
std::string cell(std::string_view s) { return escape(s, false); }

std::string code(std::string_view s) {
  std::string flat(s);
  std::replace(flat.begin(), flat.end(), '\n', ' ');
  std::replace(flat.begin(), flat.end(), '\r', ' ');
  std::size_t longest = 0, run = 0;
  for (char c : flat) {
    run = c == '`' ? run + 1 : 0;
    longest = std::max(longest, run);
  }
  const std::string ticks(longest + 1, '`');
  // A span that starts or ends with a backtick needs a space between it and the fence (GFM §6.1).
  const bool pad = !flat.empty() && (flat.front() == '`' || flat.back() == '`');
  std::string inner;
  for (char c : flat) {
    if (c == '|') inner += "\\|";
    else inner += c;
  }
  return ticks + (pad ? " " : "") + inner + (pad ? " " : "") + ticks;
}

std::string fence(std::string_view s, std::string_view info) {
  std::size_t longest = 0, run = 0;
  for (char c : s) {
    run = c == '`' ? run + 1 : 0;
    longest = std::max(longest, run);
  }
  const std::string ticks(std::max<std::size_t>(3, longest + 1), '`');
  return fmt::format("{}{}\n{}\n{}\n", ticks, info, s, ticks);
}

std::string table(const std::vector<std::string>& header, const std::vector<std::vector<std::string>>& rows) {
  std::string out = "|";
  for (const std::string& h : header) out += fmt::format(" {} |", h);
  out += "\n|";
  for (std::size_t i = 0; i < header.size(); ++i) out += "---|";
  out += "\n";
  for (const auto& row : rows) {
    out += "|";
    for (std::size_t i = 0; i < header.size(); ++i) out += fmt::format(" {} |", i < row.size() ? row[i] : "");
    out += "\n";
  }
  return out;
}

void inputs(std::string& out, const std::vector<InputRecord>& inputs) {
  std::size_t read = 0;
  for (const InputRecord& r : inputs) read += r.read ? 1 : 0;
  out += fmt::format("\n### Inputs: {} read, {} skipped\n\n", read, inputs.size() - read);
  std::vector<std::vector<std::string>> rows;
  for (const InputRecord& r : inputs) {
    rows.push_back({r.read ? "read" : "skipped", code(r.path),
                    r.kind == InputKind::unknown ? "" : std::string(to_string(r.kind)), cell(r.note)});
  }
  out += table({"", "input", "kind", "note"}, rows);
}

std::string evidence(const Evidence& e) {
  std::string out;
  if (!e.inputs.empty()) inputs(out, e.inputs);
  if (e.certificates) certificate_part(out, *e.certificates);
  if (e.probe) probe(out, *e.probe);
  if (e.iis) iis(out, *e.iis);
  if (e.logs) logs(out, *e.logs);
  if (e.pcap) pcap(out, *e.pcap);
  return out;
}

}  // namespace mtls::md
