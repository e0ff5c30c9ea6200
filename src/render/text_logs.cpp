// SPDX-License-Identifier: Apache-2.0
// The text report's section on evidence.logs.
#include <fmt/chrono.h>
#include <fmt/format.h>
#include <fmt/ranges.h>

#include "render/text_evidence.h"

namespace mtls::text {

void logs(std::string& out, const text::Styler& s, const LogEvidence& l) {
  out += fmt::format("\n{} {} file{}, {} lines, {} entries, {} unreadable\n", s(Style::bold, "Logs:"),
                     l.files.size(), l.files.size() == 1 ? "" : "s", l.lines, l.entries, l.unparsed);
  for (const auto& [status, count] : l.by_status) {
    out += fmt::format("  {:>8}  {}\n", status, count);
  }
}

}  // namespace mtls::text
