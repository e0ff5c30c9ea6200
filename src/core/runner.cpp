// SPDX-License-Identifier: Apache-2.0
#include "core/runner.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <exception>
#include <map>
#include <optional>
#include <utility>

namespace mtls {
namespace {

int severity_rank(Severity s) {
  switch (s) {
    case Severity::error: return 0;
    case Severity::warning: return 1;
    case Severity::info: return 2;
  }
  return 3;
}

int role_rank(Role r) {
  switch (r) {
    case Role::cause: return 0;
    case Role::mechanism: return 1;
    case Role::symptom: return 2;
    case Role::context: return 3;
  }
  return 4;
}

// Step order C1..C14 with out-of-checklist findings last among equals.
int step_rank(Step s) { return s == Step::none ? 99 : static_cast<int>(s); }

std::string missing_note(EvidencePart part) {
  return fmt::format("no {} evidence ({})", to_string(part), how_to_collect(part));
}

CheckOutcome run_one(const Check& check, const Evidence& evidence, const CheckContext& context,
                     std::vector<Finding>& findings) {
  CheckOutcome outcome{.name = std::string(check.name), .step = check.step, .proves_step = check.proves_step};
  std::vector<std::string> notes;
  for (EvidencePart part : check.needs) {
    if (evidence.has(part)) continue;
    outcome.missing.push_back(part);
    notes.push_back(missing_note(part));
  }
  if (!outcome.missing.empty()) {
    outcome.status = CheckStatus::not_checked;
    outcome.note = fmt::format("{}", fmt::join(notes, "; "));
    return outcome;
  }
  try {
    CheckResult result = check.run(evidence, context);
    if (result.not_checked) {
      outcome.status = CheckStatus::not_checked;
      outcome.note = *result.not_checked;
      return outcome;
    }
    outcome.status = result.findings.empty() ? CheckStatus::passed : CheckStatus::found;
    outcome.shows_step = result.shows_step;
    for (Finding& f : result.findings) findings.push_back(std::move(f));
  } catch (const std::exception& e) {
    outcome.status = CheckStatus::crashed;
    outcome.note = e.what();
  } catch (...) {
    outcome.status = CheckStatus::crashed;
    outcome.note = "unknown exception";
  }
  return outcome;
}

/// The first step whose note told the user what to give for each missing part: later steps
/// point back to it instead of repeating the hint.
using HintsGiven = std::map<EvidencePart, Step>;

/// A step's note in the making: a text, or a missing part whose wording waits for the status.
struct NotePart {
  std::string text;
  std::optional<EvidencePart> missing;
  bool operator==(const NotePart&) const = default;
};

void add_unique(std::vector<NotePart>& notes, NotePart note) {
  if (std::find(notes.begin(), notes.end(), note) == notes.end()) notes.push_back(std::move(note));
}

ChecklistEntry entry_for(Step step, const std::vector<Finding>& findings,
                         const std::vector<CheckOutcome>& outcomes, HintsGiven& hints) {
  ChecklistEntry entry{.step = step};
  bool error = false, warning = false;
  for (const Finding& f : findings) {
    if (f.step != step) continue;
    entry.findings.push_back(f.id);
    error |= f.severity == Severity::error;
    warning |= f.severity == Severity::warning;
  }
  bool ran = false;
  std::vector<NotePart> notes;
  std::vector<std::string> clean_without_proof;  // looked, found nothing, but cannot prove the step
  for (const CheckOutcome& o : outcomes) {
    if (o.step != step) continue;
    switch (o.status) {
      case CheckStatus::passed:
        if (o.proves_step) {
          ran = true;
        } else {
          clean_without_proof.push_back(o.name);
        }
        break;
      // What a check found shows the step holds no more than a clean run does when the check can
      // only find failures, unless the finding is that evidence (CheckResult::holds): an info
      // that the server sends a CA list passes nothing; one that it sends none passes C8.
      case CheckStatus::found: ran |= o.proves_step || o.shows_step; break;
      case CheckStatus::not_checked:
        // One hint per missing part, however many checks of the step lack it.
        if (o.missing.empty()) {
          add_unique(notes, {o.note, {}});
        } else {
          for (EvidencePart part : o.missing) add_unique(notes, {{}, part});
        }
        break;
      case CheckStatus::crashed: notes.push_back({fmt::format("check {} crashed: {}", o.name, o.note), {}}); break;
    }
  }
  if (error) {
    entry.status = StepStatus::failed;
  } else if (warning) {
    entry.status = StepStatus::warned;
  } else if (ran) {
    entry.status = StepStatus::passed;
  } else {
    entry.status = StepStatus::not_checked;
    if (!clean_without_proof.empty() && notes.empty()) {
      notes.push_back({fmt::format("nothing wrong seen ({}), but that does not show the step holds; needs {}",
                                   fmt::join(clean_without_proof, ", "), step_info(step).evidence),
                       {}});
    }
    if (notes.empty()) notes.push_back({fmt::format("needs {}", step_info(step).evidence), {}});
  }
  // The note says what would let a step be checked; a step that was checked needs none, except a
  // crash, which the reader must see whatever the status.
  if (entry.status != StepStatus::not_checked) {
    std::erase_if(notes, [](const NotePart& n) { return n.text.rfind("check ", 0) != 0; });
  }
  std::vector<std::string> texts;
  for (const NotePart& n : notes) {
    if (!n.missing) {
      texts.push_back(n.text);
    } else if (const auto given = hints.find(*n.missing); given != hints.end()) {
      texts.push_back(fmt::format("no {} evidence (see {})", to_string(*n.missing), to_string(given->second)));
    } else {
      texts.push_back(missing_note(*n.missing));
      hints.emplace(*n.missing, step);
    }
  }
  entry.note = fmt::format("{}", fmt::join(texts, "; "));
  return entry;
}

}  // namespace

void rank_findings(std::vector<Finding>& findings) {
  std::stable_sort(findings.begin(), findings.end(), [](const Finding& a, const Finding& b) {
    auto key = [](const Finding& f) {
      return std::tuple(severity_rank(f.severity), role_rank(f.role), step_rank(f.step));
    };
    return key(a) < key(b);
  });
}

std::string verdict_for(const std::vector<Finding>& ranked, const std::vector<CheckOutcome>& checks) {
  int errors = 0, warnings = 0;
  for (const Finding& f : ranked) {
    errors += f.severity == Severity::error;
    warnings += f.severity == Severity::warning;
  }
  if (errors > 0) {
    const Finding& top = ranked.front();
    if (errors == 1) return fmt::format("Client-certificate authentication will fail: {}.", top.title);
    return fmt::format("Client-certificate authentication will fail: {} (and {} more error{}).",
                       top.title, errors - 1, errors == 2 ? "" : "s");
  }
  const bool any_ran = std::any_of(checks.begin(), checks.end(), [](const CheckOutcome& o) {
    return o.status == CheckStatus::passed || o.status == CheckStatus::found;
  });
  const bool any_crashed = std::any_of(checks.begin(), checks.end(), [](const CheckOutcome& o) {
    return o.status == CheckStatus::crashed;
  });
  if (warnings > 0) {
    return fmt::format("No blocking problem found, but {} warning{}: {}.", warnings,
                       warnings == 1 ? "" : "s", ranked.front().title);
  }
  if (any_crashed) return "A check crashed; the report is incomplete.";
  if (!any_ran) return "Nothing could be checked with the evidence given.";
  return "No problem found in what could be checked.";
}

Report run_checks(std::span<const Check> checks, Evidence evidence, const RunOptions& options) {
  Report report;
  report.version = options.version;
  report.command = options.command;
  report.inputs = options.inputs;
  report.generated_at = options.context.now;

  for (const Check& check : checks) {
    report.checks.push_back(run_one(check, evidence, options.context, report.findings));
  }
  rank_findings(report.findings);

  HintsGiven hints;  // one hint per missing input, at the first step that needs it
  for (const StepInfo& info : checklist_steps()) {
    if (!options.scope.empty() &&
        std::find(options.scope.begin(), options.scope.end(), info.step) == options.scope.end()) {
      continue;
    }
    report.checklist.push_back(entry_for(info.step, report.findings, report.checks, hints));
  }
  // The checklist is judged on every finding; a folded one is then named by the cause that
  // absorbed it, so a step still shows failed, and why.
  const FoldMap folded = correlate_findings(report.findings, options.links);
  for (ChecklistEntry& entry : report.checklist) {
    std::vector<std::string> ids;
    for (const std::string& id : entry.findings) {
      std::string shown = id;
      for (const auto& [from, to] : folded) {
        if (from == id) shown = to;
      }
      if (std::find(ids.begin(), ids.end(), shown) == ids.end()) ids.push_back(shown);
    }
    entry.findings = std::move(ids);
  }

  for (const Finding& f : report.findings) {
    report.summary.errors += f.severity == Severity::error;
    report.summary.warnings += f.severity == Severity::warning;
    report.summary.infos += f.severity == Severity::info;
  }
  report.summary.verdict = verdict_for(report.findings, report.checks);
  report.evidence = std::move(evidence);
  return report;
}

ExitStatus exit_status_for(const Report& report) {
  if (report.summary.errors > 0) return ExitStatus::findings;
  const bool crashed = std::any_of(report.checks.begin(), report.checks.end(), [](const CheckOutcome& o) {
    return o.status == CheckStatus::crashed;
  });
  return crashed ? ExitStatus::unusable : ExitStatus::ok;
}

std::string_view to_string(CheckStatus status) {
  switch (status) {
    case CheckStatus::passed: return "passed";
    case CheckStatus::found: return "found";
    case CheckStatus::not_checked: return "not-checked";
    case CheckStatus::crashed: return "crashed";
  }
  return "?";
}

std::string_view to_string(StepStatus status) {
  switch (status) {
    case StepStatus::passed: return "passed";
    case StepStatus::failed: return "failed";
    case StepStatus::warned: return "warned";
    case StepStatus::not_checked: return "not-checked";
  }
  return "?";
}

std::string_view to_string(Shell shell) {
  switch (shell) {
    case Shell::cmd: return "cmd";
    case Shell::powershell: return "powershell";
    case Shell::bash: return "bash";
    case Shell::config: return "config";
  }
  return "?";
}

std::string_view to_string(Role role) {
  switch (role) {
    case Role::cause: return "cause";
    case Role::mechanism: return "mechanism";
    case Role::symptom: return "symptom";
    case Role::context: return "context";
  }
  return "?";
}

}  // namespace mtls
