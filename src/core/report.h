// SPDX-License-Identifier: Apache-2.0
// The Report: ranked findings, the checklist, what each check did, and the evidence. Renderers
// print it and know nothing else.
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "core/checklist.h"
#include "core/evidence.h"
#include "core/finding.h"

namespace mtls {

enum class CheckStatus { passed, found, not_checked, crashed };
std::string_view to_string(CheckStatus status);

/// What one check did (sslyze's ScanCommandAttempt: a diagnostic tool says what it did not see).
struct CheckOutcome {
  std::string name;
  Step step = Step::none;
  CheckStatus status = CheckStatus::passed;
  std::string note;  ///< not-checked reason, or crash message
  std::vector<EvidencePart> missing;  ///< the evidence parts whose absence kept it from running
  bool proves_step = true;            ///< Check::proves_step
  bool shows_step = false;            ///< CheckResult::shows_step
};

enum class StepStatus { passed, failed, warned, not_checked };
std::string_view to_string(StepStatus status);

struct ChecklistEntry {
  Step step = Step::none;
  StepStatus status = StepStatus::not_checked;
  std::vector<std::string> findings;  ///< ids, in report order
  std::string note;
};

struct Summary {
  int errors = 0;
  int warnings = 0;
  int infos = 0;
  std::string verdict;  ///< one sentence
};

struct Report {
  std::string tool = "mtls-doctor";
  std::string version;
  int schema = 1;
  std::string command;
  std::vector<std::string> inputs;
  std::chrono::sys_seconds generated_at{};
  std::vector<Finding> findings;  ///< ranked: most likely root cause first
  std::vector<ChecklistEntry> checklist;
  std::vector<CheckOutcome> checks;
  Evidence evidence;
  Summary summary;
};

/// The exit status: 0 no error-severity finding; 1 at least one; 2 could not do its job.
enum class ExitStatus { ok = 0, findings = 1, unusable = 2 };

ExitStatus exit_status_for(const Report& report);

}  // namespace mtls
