// SPDX-License-Identifier: Apache-2.0
// A self-contained HTML page of the report (no scripts, no external resources). Every piece of
// text goes through html_escape.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include "render/render.h"

namespace mtls {

std::string render_html(const Report& report) {
  auto e = [](std::string_view s) { return html_escape(s); };
  std::string out =
      "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
      "<title>mtls-doctor report</title>\n<style>\n"
      "body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}\n"
      ".error{color:#b00020}.warning{color:#a05a00}.info{color:#00639b}\n"
      "pre{background:#f4f4f4;padding:.5rem;overflow-x:auto}td,th{padding:.2rem .5rem;text-align:left}\n"
      ".failed{color:#b00020}.warned{color:#a05a00}.passed{color:#1b5e20}.not-checked{color:#666}\n"
      "</style></head><body>\n";
  out += fmt::format("<h1>{}</h1>\n<p>{}, {}, {} info · <code>{} {}</code> · "
                     "mtls-doctor {} · {}</p>\n",
                     e(report.summary.verdict), count_of(report.summary.errors, "error", "errors"),
                     count_of(report.summary.warnings, "warning", "warnings"), report.summary.infos, e(report.command),
                     e(fmt::format("{}", fmt::join(report.inputs, " "))), e(report.version),
                     rfc3339(report.generated_at));
  if (!report.evidence.problems.empty()) {
    out += "<h2>Inputs that could not be used in full</h2>\n<ul>\n";
    for (const CollectionProblem& p : report.evidence.problems) {
      out += fmt::format("<li><code>{}</code>: {}</li>\n", e(p.input), e(p.message));
    }
    out += "</ul>\n";
  }
  if (!report.findings.empty()) out += "<h2>Findings, most likely cause first</h2>\n<ol>\n";
  for (const Finding& f : report.findings) {
    const std::string_view severity = to_string(f.severity);
    const std::optional<std::string_view> step = step_name(f.step);
    out += fmt::format("<li><h3><span class=\"{}\">{}</span> {}</h3>\n<p><code>{}</code>{}</p>\n<p>{}</p>\n",
                       severity, severity, e(f.title), e(f.id), step ? " · step " + e(*step) : std::string(),
                       e(f.detail));
    if (!f.evidence.empty()) {
      out += "<ul>\n";
      for (const EvidenceRef& r : f.evidence) {
        out += fmt::format("<li>{} <code>{}</code> {}</li>\n", e(r.source), e(r.ref), e(r.text));
      }
      out += "</ul>\n";
    }
    if (!f.remedy.text.empty()) out += fmt::format("<p><strong>Fix:</strong> {}</p>\n", e(f.remedy.text));
    for (const RemedyCommand& c : f.remedy.commands) {
      out += fmt::format("<p class=\"command-for\">{}:</p>\n<pre><code>{}</code></pre>\n", e(remedy_heading(c)),
                         e(c.command));
    }
    out += "</li>\n";
  }
  if (!report.findings.empty()) out += "</ol>\n";
  out += "<h2>Checklist</h2>\n<table>\n<tr><th>step</th><th>status</th><th>what must hold</th><th>findings / note</th></tr>\n";
  for (const ChecklistEntry& c : report.checklist) {
    const StepInfo& info = step_info(c.step);
    const std::string last = c.findings.empty() ? c.note : fmt::format("{}", fmt::join(c.findings, ", "));
    out += fmt::format("<tr><td>{}</td><td class=\"{}\">{}</td><td>{}</td><td>{}</td></tr>\n", e(info.name),
                       to_string(c.status), to_string(c.status), e(info.title), e(last));
  }
  out += "</table>\n</body></html>\n";
  return out;
}

}  // namespace mtls
