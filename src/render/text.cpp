// SPDX-License-Identifier: Apache-2.0
// Text for people: the verdict first, then ranked findings with their evidence and the commands
// to run, then what was seen, then the checklist.
#include <fmt/format.h>

#include "render/render.h"
#include "render/text_evidence.h"
#include "render/text_style.h"

namespace mtls {
namespace {

using text::Style;

void render_finding(std::string& out, const text::Styler& s, std::size_t number, const Finding& f) {
  const std::optional<std::string_view> step = step_name(f.step);
  out += "\n" + s.wrap(fmt::format("{:>2}. {} {}{}", number, s(text::style_for(f.severity), text::upper(to_string(f.severity))),
                                   step ? s(Style::dim, fmt::format("[{}]", *step)) + " " : std::string(), s(Style::bold, f.title)),
                       "", "    ") + "\n";
  out += s(Style::dim, fmt::format("    {}\n", f.id));
  if (!f.detail.empty()) out += s.wrap(f.detail, "    ") + "\n";
  if (!f.evidence.empty()) {
    out += "    Evidence:\n";
    for (const EvidenceRef& e : f.evidence) {
      out += fmt::format("      {} {}\n", s(Style::dim, e.source), e.ref);
      if (!e.text.empty()) out += s.wrap(e.text, "        ") + "\n";
    }
  }
  if (!f.related.empty()) {
    out += s.wrap(fmt::format("Also explains: {}", fmt::join(f.related, ", ")), "    ") + "\n";
  }
  if (!f.remedy.text.empty() || !f.remedy.commands.empty()) {
    out += "    Fix:\n";
    if (!f.remedy.text.empty()) out += s.wrap(f.remedy.text, "      ") + "\n";
    // The heading wraps like prose; the command never does, so it pastes as one line.
    for (const RemedyCommand& c : f.remedy.commands) {
      out += s(Style::dim, s.wrap(remedy_heading(c) + ":", "      ", "        ")) + "\n";
      out += fmt::format("        {}\n", s(Style::bold, c.command));
    }
  }
}

void render_checklist(std::string& out, const text::Styler& s, const Report& report) {
  out += fmt::format("\n{}\n", s(Style::bold, "Checklist"));
  for (const ChecklistEntry& e : report.checklist) {
    const StepInfo& info = step_info(e.step);
    std::string status = fmt::format("{:<11}", to_string(e.status));
    out += fmt::format("  {:<4} {} {}\n", info.name, s(text::style_for(e.status), status), info.title);
    if (e.status == StepStatus::not_checked && !e.note.empty()) {
      out += s(Style::dim, s.wrap(e.note, "                   ")) + "\n";
    } else if (!e.findings.empty()) {
      out += s(Style::dim, fmt::format("                   {}", fmt::join(e.findings, ", "))) + "\n";
    }
  }
  for (const CheckOutcome& o : report.checks) {
    if (o.status == CheckStatus::crashed) {
      out += s(Style::red, fmt::format("  check {} crashed: {}\n", o.name, o.note));
    }
  }
}

/// -v: every check that ran or could not, with its step and why, to see what the checklist rests on.
void render_checks(std::string& out, const text::Styler& s, const Report& report) {
  out += fmt::format("\n{}\n", s(Style::bold, fmt::format("Checks: {}", count_of(report.checks.size(), "check", "checks"))));
  for (const CheckOutcome& o : report.checks) {
    const std::optional<std::string_view> step = step_name(o.step);
    std::string line = fmt::format("{:<10} {:<4} {}", to_string(o.status), step ? *step : "", o.name);
    if (!o.note.empty()) line += ": " + o.note;
    if (o.status == CheckStatus::passed && !o.proves_step) line += " (found nothing; cannot show the step holds)";
    out += s(Style::dim, s.wrap(line, "  ", "                  ")) + "\n";
  }
}

}  // namespace

std::string render_text(const Report& report, const RenderOptions& options) {
  const text::Styler s(options.color, options.width, options.verbosity);
  std::string out;
  const Style verdict_style = report.summary.errors > 0     ? Style::red
                              : report.summary.warnings > 0 ? Style::yellow
                                                            : Style::green;
  out += s(verdict_style, s.wrap(report.summary.verdict, "")) + "\n";
  out += s(Style::dim, s.wrap(fmt::format("{}, {}, {} info · {} {} · mtls-doctor {}",
                                          count_of(report.summary.errors, "error", "errors"),
                                          count_of(report.summary.warnings, "warning", "warnings"),
                                          report.summary.infos, report.command,
                                          fmt::join(report.inputs, " "), report.version),
                              "", "  ")) +
         "\n";

  // A ticket reader wants the answer before the argument: the top cause and its first command.
  if (report.summary.errors > 0 && !report.findings.empty()) {
    const Finding& top = report.findings.front();
    out += "\n" + s.wrap(fmt::format("{} {}", s(Style::bold, "Most likely cause:"), top.title), "", "  ") + "\n";
    if (!top.remedy.commands.empty()) {
      const RemedyCommand& first = top.remedy.commands.front();
      // Where it is typed matters at 2 a.m.: PowerShell quoting is not cmd's.
      // The command pastes as one line: beside its heading when both fit, else on a line of its own.
      const std::string heading = fmt::format("Fix ({}):", remedy_where(first));
      const bool fits = heading.size() + 1 + first.command.size() <= s.width();
      out += fmt::format("{}{}{}\n", s(Style::bold, heading), fits ? " " : "\n  ", s(Style::bold, first.command));
      if (top.remedy.commands.size() > 1) {
        out += s(Style::dim, fmt::format("  ({} more in finding 1)\n", top.remedy.commands.size() - 1));
      }
    } else if (!top.remedy.text.empty()) {
      out += s.wrap(fmt::format("{} {}", s(Style::bold, "Fix:"), top.remedy.text), "", "  ") + "\n";
    }
  }

  if (!report.evidence.problems.empty()) {
    out += fmt::format("\n{}\n", s(Style::yellow, "Inputs that could not be used in full"));
    for (const CollectionProblem& p : report.evidence.problems) {
      out += s.wrap(fmt::format("{}: {}", p.input, p.message), "  ") + "\n";
    }
  }

  if (!report.findings.empty()) {
    out += fmt::format("\n{}\n", s(Style::bold, "Findings, most likely cause first"));
    std::size_t n = 0;
    for (const Finding& f : report.findings) render_finding(out, s, ++n, f);
  }
  if (options.verbosity < 0) return out;

  out += render_text_evidence(report.evidence, s);
  render_checklist(out, s, report);
  if (s.verbose()) render_checks(out, s, report);
  return out;
}

}  // namespace mtls
