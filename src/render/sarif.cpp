// SPDX-License-Identifier: Apache-2.0
// SARIF 2.1.0 (OASIS), so findings show up in code-scanning dashboards: one rule per finding id,
// one result per finding, locations from the evidence that names a file.
#include <algorithm>

#include "render/json_evidence.h"
#include "render/render.h"

namespace mtls {
namespace {

using json::Json;

std::string_view sarif_level(Severity s) {
  switch (s) {
    case Severity::error: return "error";
    case Severity::warning: return "warning";
    case Severity::info: return "note";
  }
  return "note";
}

}  // namespace

std::string render_sarif(const Report& report) {
  Json rules = Json::array();
  std::vector<std::string> rule_ids;
  Json results = Json::array();
  for (const Finding& f : report.findings) {
    const std::optional<std::string_view> step = step_name(f.step);
    if (std::find(rule_ids.begin(), rule_ids.end(), f.id) == rule_ids.end()) {
      rule_ids.push_back(f.id);
      rules.push_back({{"id", f.id},
                       {"shortDescription", {{"text", f.title}}},
                       {"properties", {{"checklist_step", step ? Json(std::string(*step)) : Json(nullptr)}}}});
    }
    Json locations = Json::array();
    for (const EvidenceRef& e : f.evidence) {
      if (e.file.empty()) continue;
      Json physical = {{"artifactLocation", {{"uri", e.file}}}};
      if (e.line) physical["region"] = {{"startLine", *e.line}};
      locations.push_back({{"physicalLocation", physical}});
    }
    std::string message = f.title + ". " + f.detail;
    if (!f.remedy.text.empty()) message += " Fix: " + f.remedy.text;
    Json result = {{"ruleId", f.id}, {"level", sarif_level(f.severity)}, {"message", {{"text", message}}}};
    if (!locations.empty()) result["locations"] = locations;
    // SARIF `fixes` are file edits; a command to run is a property of the result.
    if (!f.remedy.commands.empty()) {
      Json commands = Json::array();
      for (const RemedyCommand& c : f.remedy.commands) commands.push_back(c.command);
      result["properties"] = {{"remedy_commands", commands}};
    }
    results.push_back(result);
  }
  Json doc = {{"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
              {"version", "2.1.0"},
              {"runs",
               Json::array({{{"tool",
                              {{"driver",
                                {{"name", "mtls-doctor"},
                                 {"version", report.version},
                                 {"rules", rules}}}}},
                             {"results", results}}})}};
  return doc.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

}  // namespace mtls
