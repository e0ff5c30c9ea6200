// SPDX-License-Identifier: Apache-2.0
// JSON schema 1 (docs/report.schema.json): the stable machine contract.
#include "render/json_evidence.h"
#include "render/render.h"

namespace mtls {
namespace {

using json::Json;

Json step_json(Step step);

Json finding(const Finding& f) {
  Json evidence = Json::array();
  for (const EvidenceRef& e : f.evidence) evidence.push_back(json::evidence_ref(e));
  // `commands` holds exactly what is typed (schema 1 readers use it); `steps` adds the shell, the
  // product and the note that go beside each.
  Json commands = Json::array();
  Json steps = Json::array();
  for (const RemedyCommand& c : f.remedy.commands) {
    commands.push_back(c.command);
    steps.push_back({{"shell", to_string(c.shell)}, {"label", c.label}, {"command", c.command}, {"note", c.note}});
  }
  Json out = {{"id", f.id},
              {"severity", to_string(f.severity)},
              {"step", step_json(f.step)},
              {"role", to_string(f.role)},
              {"title", f.title},
              {"detail", f.detail},
              {"evidence", evidence},
              {"remedy", {{"text", f.remedy.text}, {"commands", commands}, {"steps", steps}}}};
  if (!f.related.empty()) out["related"] = f.related;
  return out;
}

/// A finding outside the checklist has no step: null, not a dash.
Json step_json(Step step) {
  const std::optional<std::string_view> name = step_name(step);
  return name ? Json(std::string(*name)) : Json(nullptr);
}

}  // namespace

std::string render_json(const Report& report) {
  Json findings = Json::array();
  for (const Finding& f : report.findings) findings.push_back(finding(f));
  Json checklist = Json::array();
  for (const ChecklistEntry& e : report.checklist) {
    checklist.push_back({{"step", step_json(e.step)},
                         {"status", to_string(e.status)},
                         {"findings", e.findings},
                         {"note", e.note}});
  }
  Json checks = Json::array();
  for (const CheckOutcome& o : report.checks) {
    checks.push_back({{"name", o.name}, {"step", step_json(o.step)}, {"status", to_string(o.status)}, {"note", o.note}});
  }
  Json problems = Json::array();
  for (const CollectionProblem& p : report.evidence.problems) {
    problems.push_back({{"input", p.input}, {"message", p.message}});
  }
  Json doc = {{"tool", report.tool},
              {"version", report.version},
              {"schema", report.schema},
              {"command", report.command},
              {"inputs", report.inputs},
              {"generated_at", rfc3339(report.generated_at)},
              {"findings", findings},
              {"checklist", checklist},
              {"checks", checks},
              {"problems", problems},
              {"evidence", json::evidence(report.evidence)},
              {"summary",
               {{"errors", report.summary.errors},
                {"warnings", report.summary.warnings},
                {"infos", report.summary.infos},
                {"verdict", report.summary.verdict}}}};
  // Invalid UTF-8 from a hostile input is replaced, never a crash (nlohmann throws by default).
  return doc.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

}  // namespace mtls
