// SPDX-License-Identifier: Apache-2.0
// How `explain` answers look in each format.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include "render/json_evidence.h"
#include "render/render.h"
#include "render/text_style.h"

namespace mtls {
namespace {

using text::Style;

std::string explanation_text(const ExplainResult& result, const RenderOptions& options) {
  const text::Styler s(options.color, options.width, options.verbosity);
  std::string out;
  for (const Explanation& e : result.parts) {
    if (!out.empty()) out += "\n";
    out += fmt::format("{} {}  {}\n", s(Style::bold, e.code), s(Style::dim, e.kind), s(Style::bold, e.name));
    if (!e.meaning.empty()) out += s.wrap(e.meaning, "  ") + "\n";
    if (!e.client_cert.empty()) {
      out += s(Style::bold, "  For client-certificate authentication:") + "\n";
      out += s.wrap(e.client_cert, "    ") + "\n";
    }
    if (!e.causes.empty()) {
      out += s(Style::bold, "  Likely causes:") + "\n";
      for (const std::string& c : e.causes) out += s.wrap("- " + c, "    ", "      ") + "\n";
    }
    if (!e.next_steps.empty()) {
      out += s(Style::bold, "  Next step:") + "\n";
      for (const std::string& n : e.next_steps) out += s.wrap(n, "    ") + "\n";
    }
    if (!e.commands.empty()) {
      out += s(Style::bold, "  How to set it:") + "\n";
      // As in a report's Fix: the heading wraps, the command never does.
      for (const RemedyCommand& c : e.commands) {
        out += s(Style::dim, s.wrap(remedy_heading(c) + ":", "    ", "      ")) + "\n";
        out += fmt::format("      {}\n", s(Style::bold, c.command));
      }
    }
    if (!e.see_also.empty()) out += s(Style::dim, fmt::format("  See also: {}\n", fmt::join(e.see_also, ", ")));
  }
  return out;
}

std::string explanation_json(const ExplainResult& result) {
  json::Json parts = json::Json::array();
  for (const Explanation& e : result.parts) {
    json::Json commands = json::Json::array();
    json::Json steps = json::Json::array();
    for (const RemedyCommand& c : e.commands) {
      commands.push_back(c.command);
      steps.push_back({{"shell", to_string(c.shell)}, {"label", c.label}, {"command", c.command}, {"note", c.note}});
    }
    parts.push_back({{"kind", e.kind},
                     {"code", e.code},
                     {"name", e.name},
                     {"meaning", e.meaning},
                     {"client_cert", e.client_cert},
                     {"causes", e.causes},
                     {"next_steps", e.next_steps},
                     {"commands", commands},
                     {"steps", steps},
                     {"see_also", e.see_also}});
  }
  json::Json doc = {{"tool", "mtls-doctor"}, {"schema", 1}, {"command", "explain"}, {"query", result.query}, {"explanations", parts}};
  return doc.dump(2, ' ', false, json::Json::error_handler_t::replace) + "\n";
}

std::string explanation_markdown(const ExplainResult& result) {
  std::string out;
  for (const Explanation& e : result.parts) {
    out += fmt::format("### {} — {} ({})\n\n{}\n", e.code, e.name, e.kind, e.meaning);
    if (!e.client_cert.empty()) out += fmt::format("\n**For client-certificate authentication:** {}\n", e.client_cert);
    if (!e.causes.empty()) {
      out += "\n**Likely causes:**\n\n";
      for (const std::string& c : e.causes) out += "- " + c + "\n";
    }
    for (const std::string& n : e.next_steps) out += fmt::format("\n**Next step:** {}\n", n);
    for (const RemedyCommand& c : e.commands) {
      out += fmt::format("\n{}:\n\n```{}\n{}\n```\n", remedy_heading(c), c.shell == Shell::powershell ? "powershell" : "bat",
                         c.command);
    }
    if (!e.see_also.empty()) out += fmt::format("\nSee also: {}\n", fmt::join(e.see_also, ", "));
    out += "\n";
  }
  return out;
}

std::string explanation_html(const ExplainResult& result) {
  std::string out = "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>mtls-doctor explain</title></head><body>\n";
  for (const Explanation& e : result.parts) {
    out += fmt::format("<h2>{} — {} ({})</h2>\n<p>{}</p>\n", html_escape(e.code), html_escape(e.name),
                       html_escape(e.kind), html_escape(e.meaning));
    if (!e.client_cert.empty()) out += fmt::format("<p><strong>For client-certificate authentication:</strong> {}</p>\n", html_escape(e.client_cert));
    if (!e.causes.empty()) {
      out += "<ul>\n";
      for (const std::string& c : e.causes) out += fmt::format("<li>{}</li>\n", html_escape(c));
      out += "</ul>\n";
    }
    for (const std::string& n : e.next_steps) out += fmt::format("<p><strong>Next step:</strong> {}</p>\n", html_escape(n));
    for (const RemedyCommand& c : e.commands) {
      out += fmt::format("<p>{}:</p>\n<pre><code>{}</code></pre>\n", html_escape(remedy_heading(c)), html_escape(c.command));
    }
  }
  return out + "</body></html>\n";
}

}  // namespace

std::string render_explanation(const ExplainResult& result, Format format, const RenderOptions& options) {
  switch (format) {
    case Format::text: return explanation_text(result, options);
    case Format::json:
    case Format::sarif: return explanation_json(result);
    case Format::markdown: return explanation_markdown(result);
    case Format::html: return explanation_html(result);
  }
  return explanation_text(result, options);
}

}  // namespace mtls
