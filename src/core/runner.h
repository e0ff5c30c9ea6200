// SPDX-License-Identifier: Apache-2.0
// Runs checks over Evidence and assembles the Report: outcomes, ranking, checklist, summary.
#pragma once

#include <span>
#include <string>
#include <vector>

#include "core/check.h"
#include "core/correlate.h"
#include "core/report.h"

namespace mtls {

struct RunOptions {
  std::string command;
  std::vector<std::string> inputs;
  std::string version;
  CheckContext context;
  /// Steps this command looks at; others are left out of the checklist (empty = all C1–C14).
  std::vector<Step> scope;
  /// Which causes explain which findings (knowledge::finding_links); empty = no folding.
  std::span<const FindingLink> links;
};

/// Every check sees the same evidence and context. A check whose needed evidence is missing is
/// "not checked"; one that throws is "crashed" and the others still run.
Report run_checks(std::span<const Check> checks, Evidence evidence, const RunOptions& options);

/// Most likely root cause first: severity, then role (cause before symptom), then step order.
void rank_findings(std::vector<Finding>& findings);

/// One sentence for the top of every report.
std::string verdict_for(const std::vector<Finding>& ranked, const std::vector<CheckOutcome>& checks);

}  // namespace mtls
