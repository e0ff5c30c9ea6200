// SPDX-License-Identifier: Apache-2.0
// Markdown for pasting into a ticket: the facts of the text report in GitHub-flavoured Markdown,
// in its order: the most likely cause and its fix, the findings ranked, what was seen (tables,
// render/markdown_<part>.cpp), then the checklist. Every user value is escaped (md::text, md::code):
// a log line or a certificate subject cannot open a heading, a table cell or HTML.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include "render/markdown_evidence.h"
#include "render/render.h"

namespace mtls {
namespace {

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

void finding(std::string& out, std::size_t n, const Finding& f) {
  out += fmt::format("\n#### {}. {} — {}\n\n", n, upper_ascii(to_string(f.severity)), md::text(f.title));
  const std::optional<std::string_view> step = step_name(f.step);
  out += fmt::format("`{}`{}\n", f.id, step ? fmt::format(" · checklist step {}", *step) : "");
  if (!f.detail.empty()) out += fmt::format("\n{}\n", md::text(f.detail));
  if (!f.evidence.empty()) {
    out += "\n| source | where | what |\n|---|---|---|\n";
    for (const EvidenceRef& e : f.evidence) out += fmt::format("| {} | {} | {} |\n", md::cell(e.source), md::code(e.ref), md::cell(e.text));
  }
  if (!f.related.empty()) out += fmt::format("\nAlso explains: {}\n", md::text(fmt::format("{}", fmt::join(f.related, ", "))));
  if (!f.remedy.text.empty()) out += fmt::format("\n**Fix:** {}\n", md::text(f.remedy.text));
  // One code block per command, so each copies alone; what it is for stands above it.
  for (const RemedyCommand& c : f.remedy.commands) {
    out += fmt::format("\n{}:\n\n{}", md::text(remedy_heading(c)), md::fence(c.command, fence_language(c)));
  }
}

}  // namespace

std::string render_markdown(const Report& report) {
  std::string out;
  out += fmt::format("## mtls-doctor {}: {}\n\n", report.command, md::text(report.summary.verdict));
  std::string inputs;
  for (const std::string& i : report.inputs) inputs += (inputs.empty() ? "" : " ") + md::code(i);
  out += fmt::format("**{}, {}, {} info** · inputs: {} · mtls-doctor {} · {}\n",
                     count_of(report.summary.errors, "error", "errors"),
                     count_of(report.summary.warnings, "warning", "warnings"), report.summary.infos, inputs,
                     report.version, rfc3339(report.generated_at));

  // The answer before the argument, as in the text report: the top cause and its first command.
  if (report.summary.errors > 0 && !report.findings.empty()) {
    const Finding& top = report.findings.front();
    out += fmt::format("\n### Most likely cause\n\n{} (`{}`)\n", md::text(top.title), top.id);
    out += "\n### Fix\n\n";
    if (!top.remedy.text.empty()) out += md::text(top.remedy.text) + "\n";
    if (!top.remedy.commands.empty()) {
      const RemedyCommand& first = top.remedy.commands.front();
      out += fmt::format("\n{}:\n\n{}", md::text(remedy_where(first)), md::fence(first.command, fence_language(first)));
      if (top.remedy.commands.size() > 1) out += fmt::format("\n({} more in finding 1)\n", top.remedy.commands.size() - 1);
    }
  }
  if (!report.evidence.problems.empty()) {
    out += "\n### Inputs that could not be used in full\n\n";
    for (const CollectionProblem& p : report.evidence.problems) {
      out += fmt::format("- {}: {}\n", md::code(p.input), md::text(p.message));
    }
  }
  if (!report.findings.empty()) out += "\n### Findings (most likely cause first)\n";
  std::size_t n = 0;
  for (const Finding& f : report.findings) finding(out, ++n, f);

  out += md::evidence(report.evidence);

  out += "\n### Checklist\n\n";
  std::vector<std::vector<std::string>> rows;
  for (const ChecklistEntry& e : report.checklist) {
    const StepInfo& info = step_info(e.step);
    const std::string last = e.findings.empty() ? md::cell(e.note) : md::cell(fmt::format("{}", fmt::join(e.findings, ", ")));
    rows.push_back({std::string(info.name), std::string(to_string(e.status)), md::cell(info.title), last});
  }
  out += md::table({"step", "status", "what must hold", "findings / note"}, rows);
  for (const CheckOutcome& o : report.checks) {
    if (o.status == CheckStatus::crashed) out += fmt::format("\n**check {} crashed:** {}\n", md::code(o.name), md::text(o.note));
  }
  return out;
}

}  // namespace mtls
