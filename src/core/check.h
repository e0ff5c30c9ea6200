// SPDX-License-Identifier: Apache-2.0
// A check: a pure function from Evidence to Findings, declared with the finding ids it can emit,
// its checklist step and the evidence it needs. Checks never read the clock or do I/O.
#pragma once

#include <chrono>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/checklist.h"
#include "core/evidence.h"
#include "core/finding.h"

namespace mtls {

/// What every check may know besides the evidence: the time (passed in, never read).
struct CheckContext {
  std::chrono::sys_seconds now{};
};

/// A check's answer: findings, or why it could not look (evidence present but not enough).
struct CheckResult {
  std::vector<Finding> findings;
  std::optional<std::string> not_checked;  ///< set when the check could not run
  /// What was found is itself evidence that the step holds (an empty certificate_authorities
  /// list seen on the wire is C8's "absent"), even from a check that can otherwise only find failures.
  bool shows_step = false;

  static CheckResult skip(std::string reason) { return {{}, std::move(reason)}; }
  static CheckResult found(std::vector<Finding> findings) { return {std::move(findings), {}}; }
  static CheckResult holds(std::vector<Finding> findings) { return {std::move(findings), {}, true}; }
  static CheckResult passed() { return {}; }
};

using CheckFunction = CheckResult (*)(const Evidence&, const CheckContext&);

struct Check {
  std::string_view name;  ///< the file name stem: "certificate_request_late"
  Step step;
  std::vector<std::string_view> ids;  ///< finding ids this check can emit
  std::vector<EvidencePart> needs;    ///< all must be present, else "not checked"
  CheckFunction run;
  /// Whether a clean run shows the step holds. A check that can only find failures (no 500 0 64
  /// in a log does not show the binding negotiates the certificate) leaves its step not checked
  /// when it finds nothing: a step passes only on evidence for it.
  bool proves_step = true;
};

/// The same check, marked as able to find failures only.
inline Check findings_only(Check check) {
  check.proves_step = false;
  return check;
}

}  // namespace mtls
