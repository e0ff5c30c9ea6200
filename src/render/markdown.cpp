// SPDX-License-Identifier: Apache-2.0
// Markdown for pasting into a ticket: the same facts as the text report, in GitHub-flavoured
// Markdown (headings, a checklist table, commands in code blocks).
#include <fmt/format.h>
#include <fmt/ranges.h>

#include "render/render.h"

namespace mtls {
namespace {

/// Table cells cannot hold '|' or newlines.
std::string cell(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '|') out += "\\|";
    else if (c == '\n') out += ' ';
    else out += c;
  }
  return out;
}

/// The info string GitHub highlights the block with.
std::string_view fence_language(const RemedyCommand& c) {
  switch (c.shell) {
    case Shell::cmd: return "bat";
    case Shell::powershell: return "powershell";
    case Shell::bash: return "sh";
    case Shell::config: return c.label == "nginx" ? "nginx" : c.label == "Apache" ? "apache" : "";
  }
  return "";
}

std::string upper_ascii(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return out;
}

}  // namespace

std::string render_markdown(const Report& report) {
  std::string out;
  out += fmt::format("## mtls-doctor {}: {}\n\n", report.command, report.summary.verdict);
  out += fmt::format("**{}, {}, {} info** · inputs: `{}` · mtls-doctor {} · {}\n",
                     count_of(report.summary.errors, "error", "errors"),
                     count_of(report.summary.warnings, "warning", "warnings"), report.summary.infos,
                     fmt::join(report.inputs, " "), report.version, rfc3339(report.generated_at));
  if (!report.evidence.problems.empty()) {
    out += "\n### Inputs that could not be used in full\n\n";
    for (const CollectionProblem& p : report.evidence.problems) {
      out += fmt::format("- `{}`: {}\n", p.input, p.message);
    }
  }
  if (!report.findings.empty()) out += "\n### Findings (most likely cause first)\n";
  std::size_t n = 0;
  for (const Finding& f : report.findings) {
    out += fmt::format("\n#### {}. {} — {}\n\n", ++n, upper_ascii(to_string(f.severity)), f.title);
    const std::optional<std::string_view> step = step_name(f.step);
    out += fmt::format("`{}`{}\n\n{}\n", f.id, step ? fmt::format(" · checklist step {}", *step) : "", f.detail);
    if (!f.evidence.empty()) {
      out += "\nEvidence:\n\n";
      for (const EvidenceRef& e : f.evidence) {
        out += fmt::format("- {} `{}`{}\n", e.source, e.ref, e.text.empty() ? "" : ": " + e.text);
      }
    }
    if (!f.remedy.text.empty()) out += fmt::format("\n**Fix:** {}\n", f.remedy.text);
    // One code block per command, so each copies alone; what it is for stands above it.
    for (const RemedyCommand& c : f.remedy.commands) {
      out += fmt::format("\n{}:\n\n```{}\n{}\n```\n", remedy_heading(c), fence_language(c), c.command);
    }
  }
  out += "\n### Checklist\n\n| step | status | what must hold | findings / note |\n|---|---|---|---|\n";
  for (const ChecklistEntry& e : report.checklist) {
    const StepInfo& info = step_info(e.step);
    const std::string last = e.findings.empty() ? e.note : fmt::format("{}", fmt::join(e.findings, ", "));
    out += fmt::format("| {} | {} | {} | {} |\n", info.name, to_string(e.status), cell(info.title), cell(last));
  }
  return out;
}

}  // namespace mtls
