// SPDX-License-Identifier: Apache-2.0
// A self-contained HTML page of the report, to attach to a ticket: inline CSS and SVG, no
// network, no framework, no fonts to fetch. It opens with a coloured verdict banner, then the most
// likely cause and its fix, the other findings ranked, the evidence (render/html_<part>.cpp) and
// the checklist. A few lines of script add a copy button beside each command; without scripts the
// page is the same minus the buttons (the commands stay selectable). Every piece of text goes
// through html_escape.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <map>

#include "render/html_evidence.h"
#include "render/render.h"

namespace mtls {
namespace {

using html::e;

// Narrow screens: the page never scrolls sideways; <pre>, tables (.scroll) and drawings scroll or
// scale inside their own box (min-width:0 lets flex items shrink below their content).
constexpr std::string_view kStyle =
    "*{box-sizing:border-box}\n"
    "body{font:15px/1.45 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;color:#1b1b1b;background:#fff;"
    "max-width:64rem;margin:0 auto;padding:0 1rem 3rem;overflow-wrap:break-word}\n"
    "header.banner{margin:0 -1rem 1rem;padding:1rem;color:#fff;background:#1b5e20}\n"
    "header.banner.error{background:#a00018}header.banner.warning{background:#8a4b00}\n"
    "header.banner h1{font-size:1.35rem;margin:0 0 .35rem}header.banner p{margin:0}\n"
    "header.banner code{background:rgba(255,255,255,.18);color:#fff}\n"
    "h2{font-size:1.2rem;border-bottom:1px solid #ddd;padding-bottom:.2rem;margin:2rem 0 .6rem}\n"
    "#cause h2{margin-top:.2rem}\n"
    "h3{font-size:1.02rem;margin:.2rem 0 .4rem}h4{font-size:.95rem;margin:.8rem 0 .3rem}\n"
    "code{font:13px/1.4 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;background:#f3f3f3;padding:0 .2rem}\n"
    "pre{background:#f3f3f3;padding:.5rem;margin:.2rem 0;overflow-x:auto;white-space:pre;max-width:100%}\n"
    "pre code{padding:0;background:none}\n"
    ".finding{border:1px solid #ddd;border-left:6px solid #777;border-radius:4px;padding:.5rem .8rem;margin:.8rem 0}\n"
    ".finding.error{border-left-color:#b00020}.finding.warning{border-left-color:#a05a00}"
    ".finding.info{border-left-color:#00639b}\n"
    ".sev{font-size:.75rem;font-weight:700;text-transform:uppercase;letter-spacing:.03em;padding:.05rem .35rem;"
    "border-radius:3px;color:#fff;background:#777}\n"
    ".sev.error{background:#b00020}.sev.warning{background:#a05a00}.sev.info{background:#00639b}\n"
    ".meta{color:#555;font-size:.9rem;margin:.2rem 0}\n"
    ".cmd-line{display:flex;gap:.4rem;align-items:flex-start}.cmd-line pre{flex:1;min-width:0}\n"
    ".command-for{margin:.6rem 0 .1rem;color:#444;font-size:.9rem}\n"
    "button.copy{font:inherit;font-size:.85rem;padding:.3rem .6rem;border:1px solid #999;border-radius:4px;"
    "background:#fff;cursor:pointer;flex:none}\n"
    "button.copy:focus-visible{outline:2px solid #00639b}\n"
    ".scroll{overflow-x:auto;max-width:100%;margin:.3rem 0}\n"
    "table{border-collapse:collapse;font-size:.9rem}td,th{padding:.25rem .5rem;text-align:left;vertical-align:top;"
    "border-bottom:1px solid #e6e6e6}th{background:#fafafa}\n"
    "svg{display:block;max-width:100%;height:auto}figure{margin:.5rem 0 1rem}figcaption{font-size:.9rem;color:#444}\n"
    ".failed,.miss{color:#b00020}.warned{color:#a05a00}.passed,.meet{color:#1b5e20}.not-checked,.dim{color:#666}\n"
    "td.failed,td.warned,td.passed,td.not-checked{font-weight:600;white-space:nowrap}\n"
    "ol.timeline{list-style:none;padding:0;margin:.3rem 0;font-size:.9rem}\n"
    "ol.timeline li{display:flex;gap:.5rem;padding:.1rem 0;border-bottom:1px dotted #e0e0e0}\n"
    "ol.timeline .at{flex:none;width:5.5rem;text-align:right;color:#555;font-variant-numeric:tabular-nums}\n"
    "ol.timeline .dir{flex:none;width:7.5rem;color:#555}ol.timeline .msg{min-width:0}\n"
    "ol.timeline li.sent .msg{color:#0b4f8a}ol.timeline li.received .msg{color:#5b2a86}\n"
    "ol.timeline li.alert .msg{color:#b00020;font-weight:600}\n"
    ".cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(16rem,1fr));gap:.6rem}\n"
    ".card{border:1px solid #ddd;border-radius:4px;padding:.4rem .6rem;min-width:0;font-size:.9rem}\n"
    "dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.1rem .6rem;margin:.2rem 0}\n"
    "dl.facts dt{color:#555}dl.facts dd{margin:0;min-width:0}\n"
    "@media (max-width:480px){body{font-size:14px}ol.timeline .dir{width:auto}ol.timeline .at{width:4.5rem}}\n";

// The copy buttons: navigator.clipboard where the page is a secure context (file:// is one in
// Chromium and Firefox), else a selected textarea and execCommand('copy'). The buttons are in the
// markup but hidden, so that without scripts no dead button shows.
constexpr std::string_view kScript =
    "(function(){\n"
    "function fallback(t){var a=document.createElement('textarea');a.value=t;a.setAttribute('readonly','');"
    "a.style.position='fixed';a.style.opacity='0';document.body.appendChild(a);a.select();var ok=false;"
    "try{ok=document.execCommand('copy');}catch(x){}document.body.removeChild(a);return ok;}\n"
    "function shown(b,ok){b.textContent=ok?'Copied':'Select it to copy';setTimeout(function(){b.textContent='Copy';},1500);}\n"
    "document.querySelectorAll('button.copy').forEach(function(b){b.hidden=false;b.addEventListener('click',function(){"
    "var t=b.parentNode.querySelector('code').textContent;"
    "if(navigator.clipboard&&window.isSecureContext){navigator.clipboard.writeText(t).then(function(){shown(b,true);},"
    "function(){shown(b,fallback(t));});}else{shown(b,fallback(t));}});});\n"
    "})();\n";

std::string_view banner_class(const Summary& s) {
  if (s.errors > 0) return "error";
  if (s.warnings > 0) return "warning";
  return "ok";
}

void command_block(std::string& out, const RemedyCommand& c) {
  out += fmt::format("<div class=\"cmd\"><p class=\"command-for\">{}:</p>\n<div class=\"cmd-line\"><pre><code>{}</code></pre>"
                     "<button type=\"button\" class=\"copy\" hidden aria-label=\"Copy this command\">Copy</button></div></div>\n",
                     e(remedy_heading(c)), e(c.command));
}

void remedy(std::string& out, const Remedy& r) {
  if (!r.text.empty()) out += fmt::format("<p>{}</p>\n", e(r.text));
  for (const RemedyCommand& c : r.commands) command_block(out, c);
}

void finding_body(std::string& out, const Finding& f) {
  const std::optional<std::string_view> step = step_name(f.step);
  out += fmt::format("<p class=\"meta\"><code>{}</code>{}</p>\n", e(f.id), step ? " · step " + e(*step) : std::string());
  if (!f.detail.empty()) out += fmt::format("<p>{}</p>\n", e(f.detail));
  if (!f.evidence.empty()) {
    out += "<h4>Evidence</h4>\n<ul class=\"evidence\">\n";
    for (const EvidenceRef& r : f.evidence) {
      out += fmt::format("<li>{} <code>{}</code>{}</li>\n", e(r.source), e(r.ref), r.text.empty() ? "" : " " + e(r.text));
    }
    out += "</ul>\n";
  }
  if (!f.related.empty()) out += fmt::format("<p class=\"meta\">Also explains: {}</p>\n", e(fmt::format("{}", fmt::join(f.related, ", "))));
}

void finding_card(std::string& out, std::size_t number, const Finding& f) {
  const std::string_view severity = to_string(f.severity);
  out += fmt::format("<article class=\"finding {0}\" id=\"finding-{1}\">\n<h3>{1}. <span class=\"sev {0}\">{0}</span> {2}</h3>\n",
                     severity, number, e(f.title));
  finding_body(out, f);
  if (!f.remedy.text.empty() || !f.remedy.commands.empty()) {
    out += "<h4>Fix</h4>\n";
    remedy(out, f.remedy);
  }
  out += "</article>\n";
}

void checklist(std::string& out, const Report& report) {
  // A finding id in the checklist links to its card (folded ids to the cause that absorbed them).
  std::map<std::string, std::size_t> anchor;
  for (std::size_t i = 0; i < report.findings.size(); ++i) {
    anchor.emplace(report.findings[i].id, i + 1);
    for (const std::string& r : report.findings[i].related) anchor.emplace(r, i + 1);
  }
  out += "<section id=\"checklist\">\n<h2>Checklist</h2>\n<div class=\"scroll\"><table>\n"
         "<tr><th>step</th><th>status</th><th>what must hold</th><th>findings / note</th></tr>\n";
  for (const ChecklistEntry& c : report.checklist) {
    const StepInfo& info = step_info(c.step);
    std::string last;
    if (c.findings.empty()) {
      last = e(c.note);
    } else {
      for (const std::string& id : c.findings) {
        if (!last.empty()) last += ", ";
        const auto it = anchor.find(id);
        last += it == anchor.end() ? html::code(id) : fmt::format("<a href=\"#finding-{}\">{}</a>", it->second, html::code(id));
      }
    }
    const std::string_view status = to_string(c.status);
    out += fmt::format("<tr><td>{}</td><td class=\"{}\">{}</td><td>{}</td><td>{}</td></tr>\n", e(info.name), status,
                       status, e(info.title), last);
  }
  out += "</table></div>\n";
  for (const CheckOutcome& o : report.checks) {
    if (o.status == CheckStatus::crashed) {
      out += fmt::format("<p class=\"failed\">check <code>{}</code> crashed: {}</p>\n", e(o.name), e(o.note));
    }
  }
  out += "</section>\n";
}

}  // namespace

std::string render_html(const Report& report) {
  std::string out = fmt::format(
      "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">\n"
      "<title>mtls-doctor {}: {}</title>\n<style>\n{}</style></head><body>\n",
      e(report.command), e(report.summary.verdict), kStyle);
  out += fmt::format("<header class=\"banner {}\" id=\"verdict\">\n<h1>{}</h1>\n<p>{}, {}, {} info · <code>{} {}</code> · "
                     "mtls-doctor {} · {}</p>\n</header>\n",
                     banner_class(report.summary), e(report.summary.verdict),
                     count_of(report.summary.errors, "error", "errors"),
                     count_of(report.summary.warnings, "warning", "warnings"), report.summary.infos, e(report.command),
                     e(fmt::format("{}", fmt::join(report.inputs, " "))), e(report.version),
                     rfc3339(report.generated_at));

  // A ticket reader wants the answer before the argument: the top cause and its fix first.
  std::size_t first_other = 0;
  if (report.summary.errors > 0 && !report.findings.empty()) {
    const Finding& top = report.findings.front();
    out += fmt::format("<section id=\"cause\" class=\"finding {0}\">\n<h2>Most likely cause</h2>\n"
                       "<h3 id=\"finding-1\"><span class=\"sev {0}\">{0}</span> {1}</h3>\n",
                       to_string(top.severity), e(top.title));
    finding_body(out, top);
    out += "</section>\n";
    if (!top.remedy.text.empty() || !top.remedy.commands.empty()) {
      out += "<section id=\"fix\">\n<h2>Fix</h2>\n";
      remedy(out, top.remedy);
      out += "</section>\n";
    }
    first_other = 1;
  }

  if (!report.evidence.problems.empty()) {
    out += "<section id=\"problems\">\n<h2>Inputs that could not be used in full</h2>\n<ul>\n";
    for (const CollectionProblem& p : report.evidence.problems) {
      out += fmt::format("<li><code>{}</code>: {}</li>\n", e(p.input), e(p.message));
    }
    out += "</ul>\n</section>\n";
  }

  if (report.findings.size() > first_other) {
    out += fmt::format("<section id=\"findings\">\n<h2>{}</h2>\n",
                       first_other == 0 ? "Findings, most likely cause first" : "Other findings, ranked");
    for (std::size_t i = first_other; i < report.findings.size(); ++i) finding_card(out, i + 1, report.findings[i]);
    out += "</section>\n";
  } else if (report.findings.empty()) {
    out += "<p>No findings.</p>\n";
  }

  out += html::evidence_sections(report.evidence);
  checklist(out, report);
  out += fmt::format("<script>\n{}</script>\n</body></html>\n", kScript);
  return out;
}

}  // namespace mtls
