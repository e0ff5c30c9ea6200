// SPDX-License-Identifier: Apache-2.0
#include "checks/log_common.h"

#include <fmt/chrono.h>
#include <fmt/format.h>

#include <chrono>

#include "knowledge/win32_codes.h"

namespace mtls::checks::log_detail {

EvidenceRef line_ref(const LogExample& example) {
  return at_line("log", example.file, example.line, example.text);
}

std::string time_text(std::optional<std::int64_t> t) {
  if (!t) return "unknown";
  return fmt::format("{:%Y-%m-%dT%H:%M:%SZ}", std::chrono::sys_seconds{std::chrono::seconds{*t}});
}

std::string span_text(std::optional<std::int64_t> first, std::optional<std::int64_t> last) {
  if (!first) return {};
  if (!last || *last == *first) return "at " + time_text(first);
  return fmt::format("from {} to {}", time_text(first), time_text(last));
}

std::string top_text(const std::vector<LogTopValue>& values, std::size_t n) {
  std::string out;
  for (std::size_t i = 0; i < values.size() && i < n; ++i) {
    if (!out.empty()) out += ", ";
    out += fmt::format("{} ({})", values[i].value, values[i].count);
  }
  return out;
}

const LogFailure* find_failure(const LogEvidence& logs, LogFailureKind kind) {
  for (const LogFailure& f : logs.failures) {
    if (f.kind == kind) return &f;
  }
  return nullptr;
}

std::string win32_text(std::uint32_t code) {
  const auto* w = knowledge::find_win32_code(code);
  if (w == nullptr || code == 0) return fmt::format("{}", code);
  return code > 0xffff ? fmt::format("{} (0x{:08X})", w->name, code) : fmt::format("{} ({})", w->name, code);
}

std::string failure_summary(const LogFailure& f, std::string_view what) {
  std::string s = fmt::format("{} {} entr{}", f.count, what, f.count == 1 ? "y" : "ies");
  if (const std::string span = span_text(f.first_time, f.last_time); !span.empty()) s += " " + span;
  s += ".";
  if (!f.top_clients.empty()) s += " Top clients: " + top_text(f.top_clients) + ".";
  if (!f.top_uris.empty()) s += " Top URIs: " + top_text(f.top_uris) + ".";
  return s;
}

std::vector<EvidenceRef> example_refs(const LogFailure& f) {
  std::vector<EvidenceRef> refs;
  for (const LogExample& e : f.examples) refs.push_back(line_ref(e));
  return refs;
}

}  // namespace mtls::checks::log_detail
