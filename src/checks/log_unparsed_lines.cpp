// SPDX-License-Identifier: Apache-2.0
// log.unparsed-lines: lines that could not be read were counted and skipped; say how many and
// where, so the counts can be trusted (or the file fixed). Files not read at all are listed too.
#include <fmt/format.h>

#include "checks/checks.h"
#include "checks/log_common.h"
#include "knowledge/finding_catalog.h"

namespace mtls::checks {
namespace {

CheckResult run(const Evidence& evidence, const CheckContext&) {
  const LogEvidence& logs = *evidence.logs;
  if (logs.unparsed == 0 && logs.problems.empty()) return CheckResult::passed();
  Finding f = knowledge::make_finding("log.unparsed-lines");
  std::string where;
  for (const LogExample& e : logs.unparsed_examples) {
    if (!where.empty()) where += ", ";
    where += fmt::format("{}:{}", e.file, e.line);
  }
  std::vector<std::string> sentences;
  if (logs.unparsed != 0) {
    std::string s = fmt::format("{} line{} of {} could not be read", logs.unparsed, logs.unparsed == 1 ? "" : "s", logs.lines);
    if (!where.empty()) s += " (first: " + where + ")";
    sentences.push_back(s + ".");
  }
  if (!logs.problems.empty()) {
    std::string s = fmt::format("{} input{} not read in full:", logs.problems.size(), logs.problems.size() == 1 ? "" : "s");
    for (std::size_t i = 0; i < logs.problems.size() && i < 5; ++i) {
      std::string message = logs.problems[i].message;
      if (message.ends_with('.')) message.pop_back();
      s += fmt::format(" {}: {}{}", logs.problems[i].file, message, i + 1 < logs.problems.size() && i < 4 ? ";" : ".");
    }
    sentences.push_back(s);
  }
  f.detail.clear();
  for (const std::string& s : sentences) f.detail += (f.detail.empty() ? "" : " ") + s;
  for (const LogExample& e : logs.unparsed_examples) {
    f.evidence.push_back(at_line("log", e.file, e.line, e.text));
  }
  for (std::size_t i = 0; i < logs.problems.size() && i < 5; ++i) {
    f.evidence.push_back(at_input("log", logs.problems[i].file, logs.problems[i].message));
  }
  return CheckResult::found({std::move(f)});
}

}  // namespace

Check log_unparsed_lines_check() {
  return {"log_unparsed_lines", Step::none, {"log.unparsed-lines"}, {EvidencePart::logs}, run};
}

}  // namespace mtls::checks
