// SPDX-License-Identifier: Apache-2.0
// SARIF 2.1.0 (OASIS, docs.oasis-open.org/sarif/sarif/v2.1.0), so findings show up in code-scanning
// dashboards and are checked by Microsoft's validator (`sarif-multitool validate`, tests/sarif/):
// one rule per finding id used (described from the finding catalog), one result per finding; a
// piece of evidence that names file:line is a physical location (an absolute file:// URI, RFC
// 8089), the rest are logical locations (a probe attempt, a capture frame, a registry value).
// The run's invocation carries the exit status and every input that could not be used in full.
#include <algorithm>
#include <filesystem>
#include <map>

#include <fmt/format.h>

#include "knowledge/finding_catalog.h"
#include "render/json_evidence.h"
#include "render/render.h"

namespace mtls {
namespace {

using json::Json;
namespace fs = std::filesystem;

std::string_view sarif_level(Severity s) {
  switch (s) {
    case Severity::error: return "error";
    case Severity::warning: return "warning";
    case Severity::info: return "note";
  }
  return "note";
}

/// "tls.certificate-request-late" -> "TlsCertificateRequestLate": SARIF §3.49.7 `name`, a friendly
/// identifier (the validator's SARIF2012 asks for one in Pascal case).
std::string friendly_name(std::string_view id) {
  std::string out;
  bool upper = true;
  for (char c : id) {
    const bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    if (!alnum) {
      upper = true;
      continue;
    }
    out += upper && c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c;
    upper = false;
  }
  return out;
}

/// A path as the path part of a URI: RFC 3986 §2.1 percent-encoding of every octet but the
/// unreserved characters and the '/' that separates segments (RFC 8089 §2).
std::string percent_encode_path(std::string_view path) {
  std::string out;
  for (unsigned char c : path) {
    const bool unreserved = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                            c == '-' || c == '.' || c == '_' || c == '~' || c == '/';
    if (unreserved) out += static_cast<char>(c);
    else out += fmt::format("%{:02X}", c);
  }
  return out;
}

/// Where the input files are, as SARIF locates them: absolute file:// URIs (SARIF §3.10.2 allows
/// relative ones only with a uriBaseId, which a ticket reader cannot resolve). A file unpacked from
/// a zip bundle ("bundle.zip/W3SVC1/u_ex.log") is an artifact nested in the archive (SARIF
/// §3.24.2 parentIndex): its URI is its path inside the archive, and only such files and their
/// archives are listed in run.artifacts.
class Artifacts {
 public:
  explicit Artifacts(fs::path base) : base_(std::move(base)) {}

  /// The artifactLocation of `file`, adding it (and its archive) to run.artifacts.
  Json location(const std::string& file) {
    const fs::path absolute = (base_ / fs::path(file)).lexically_normal();
    // The archive is the longest prefix that is a regular file while the whole path is not.
    std::error_code ec;
    if (!fs::exists(absolute, ec)) {
      fs::path prefix;
      for (const fs::path& part : absolute) {
        prefix /= part;
        if (prefix == absolute) break;
        if (fs::is_regular_file(prefix, ec)) {
          const std::size_t parent = index_of(file_uri(prefix), std::nullopt);
          const std::string inner = percent_encode_path(absolute.lexically_relative(prefix).generic_string());
          return {{"uri", inner}, {"index", index_of(inner, parent)}};
        }
      }
    }
    // A plain file needs no artifact object: one holding only its location is redundant (the
    // validator's SARIF2004, OptimizeFileSize).
    return {{"uri", file_uri(absolute)}};
  }

  [[nodiscard]] Json json() const { return artifacts_; }
  [[nodiscard]] bool empty() const { return artifacts_.empty(); }

 private:
  static std::string file_uri(const fs::path& absolute) {
    return "file://" + percent_encode_path(absolute.generic_string());
  }

  std::size_t index_of(const std::string& uri, std::optional<std::size_t> parent) {
    const auto key = std::make_pair(uri, parent ? static_cast<long long>(*parent) : -1LL);
    if (auto it = index_.find(key); it != index_.end()) return it->second;
    Json artifact = {{"location", {{"uri", uri}}}};
    if (parent) artifact["parentIndex"] = *parent;
    artifacts_.push_back(artifact);
    index_.emplace(key, artifacts_.size() - 1);
    return artifacts_.size() - 1;
  }

  fs::path base_;
  Json artifacts_ = Json::array();
  std::map<std::pair<std::string, long long>, std::size_t> index_;
};

/// SARIF §3.49: a rule described from the catalog, so a dashboard explains it without the report.
Json rule_for(const Finding& f) {
  const knowledge::CatalogEntry* entry = knowledge::find_catalog_entry(f.id);
  const std::optional<std::string_view> step = step_name(f.step);
  const std::string title = entry ? std::string(entry->title) : f.title;
  const std::string explanation = entry ? std::string(entry->explanation) : f.title;
  const std::string remedy = entry ? std::string(entry->remedy) : f.remedy.text;
  std::string help = explanation;
  std::string markdown = fmt::format("**{}**\n\n{}", title, explanation);
  if (!remedy.empty()) {
    help += "\nFix: " + remedy;
    markdown += "\n\n**Fix:** " + remedy;
  }
  if (step) {
    const StepInfo& info = step_info(f.step);
    help += fmt::format("\nChecklist step {}: {}.", info.name, info.title);
    markdown += fmt::format("\n\nChecklist step **{}**: {} (docs/checklist.md).", info.name, info.title);
  }
  // No public home page exists to point a helpUri at; `explain` is the help that ships.
  help += fmt::format("\nMore: mtls-doctor explain {}", f.id);
  markdown += fmt::format("\n\nMore: `mtls-doctor explain {}`", f.id);
  Json see_also = Json::array();
  if (entry) {
    for (std::string_view s : entry->see_also) see_also.push_back(std::string(s));
  }
  return {{"id", f.id},
          {"name", friendly_name(f.id)},
          {"shortDescription", {{"text", title}}},
          {"fullDescription", {{"text", explanation}}},
          {"help", {{"text", help}, {"markdown", markdown}}},
          {"defaultConfiguration", {{"level", sarif_level(entry ? entry->severity : f.severity)}}},
          {"properties",
           {{"checklist_step", step ? Json(std::string(*step)) : Json(nullptr)},
            {"role", std::string(to_string(entry ? entry->role : f.role))},
            {"see_also", see_also}}}};
}

/// One piece of evidence as a SARIF location (§3.28).
Json location_for(const EvidenceRef& e, Artifacts& artifacts) {
  Json location = Json::object();
  if (!e.file.empty() && e.line) {
    // A line is a whole line: startLine and endLine (§3.30.5: endLine defaults to startLine).
    location["physicalLocation"] = {{"artifactLocation", artifacts.location(e.file)},
                                    {"region", {{"startLine", *e.line}, {"endLine", *e.line}}}};
  } else {
    // §3.33 logicalLocation: the name is our human reference ("attempt 2: GET /app/ -> HelloRequest",
    // "client.pcapng frame 14"), qualified by the source that produced it.
    location["logicalLocations"] = Json::array({{{"name", e.ref}, {"fullyQualifiedName", e.source + ": " + e.ref}}});
  }
  std::string text = e.source + " " + e.ref;
  if (!e.text.empty()) text += ": " + e.text;
  location["message"] = {{"text", text}};
  return location;
}

Json result_for(const Finding& f, std::size_t rule_index, Artifacts& artifacts) {
  std::string message = f.title + ".";
  if (!f.detail.empty()) message += " " + f.detail;
  if (!f.remedy.text.empty()) message += " Fix: " + f.remedy.text;
  Json result = {{"ruleId", f.id},
                 {"ruleIndex", rule_index},
                 {"level", sarif_level(f.severity)},
                 {"message", {{"text", message}}}};
  Json locations = Json::array();
  for (const EvidenceRef& e : f.evidence) locations.push_back(location_for(e, artifacts));
  if (!locations.empty()) result["locations"] = locations;
  // The input a file-level fact rests on (a certificate, a capture), when no line locates it.
  for (const EvidenceRef& e : f.evidence) {
    if (!e.file.empty() && !e.line) {
      result["analysisTarget"] = artifacts.location(e.file);
      break;
    }
  }
  // SARIF `fixes` (§3.55) are edits of artifacts and need artifactChanges; a command to run is a
  // property of the result, with where it is typed beside it.
  Json properties = {{"checklist_step", step_name(f.step) ? Json(std::string(*step_name(f.step))) : Json(nullptr)},
                     {"role", std::string(to_string(f.role))}};
  if (!f.related.empty()) properties["also_explains"] = f.related;
  if (!f.remedy.commands.empty()) {
    Json commands = Json::array();
    Json steps = Json::array();
    for (const RemedyCommand& c : f.remedy.commands) {
      commands.push_back(c.command);
      Json step = {{"shell", std::string(to_string(c.shell))}, {"command", c.command}};
      if (!c.label.empty()) step["label"] = c.label;
      if (!c.note.empty()) step["note"] = c.note;
      steps.push_back(step);
    }
    properties["remedy_commands"] = commands;
    properties["remedy_steps"] = steps;
  }
  result["properties"] = properties;
  return result;
}

/// §3.20 invocation: how the run ended, and (§3.20.21) what kept inputs or checks from being used.
Json invocation_for(const Report& report) {
  const auto exit = exit_status_for(report);
  Json notifications = Json::array();
  for (const CollectionProblem& p : report.evidence.problems) {
    Json n = {{"level", "warning"},
              {"message", {{"text", fmt::format("{}: {}", p.input, p.message)}}},
              {"descriptor", {{"id", "input-not-used-in-full"}}}};
    notifications.push_back(n);
  }
  for (const CheckOutcome& o : report.checks) {
    if (o.status != CheckStatus::crashed) continue;
    notifications.push_back({{"level", "error"},
                             {"message", {{"text", fmt::format("check {} crashed: {}", o.name, o.note)}}},
                             {"descriptor", {{"id", "check-crashed"}}}});
  }
  Json invocation = {{"executionSuccessful", exit != ExitStatus::unusable},
                     {"exitCode", static_cast<int>(exit)},
                     {"arguments", report.inputs},
                     {"endTimeUtc", rfc3339(report.generated_at)}};
  if (!notifications.empty()) invocation["toolExecutionNotifications"] = notifications;
  return invocation;
}

/// The checklist (docs/checklist.md) as the JSON report has it: SARIF has no place for a step
/// that passed or was not checked, so it is a property of the run.
Json checklist(const Report& report) {
  Json out = Json::array();
  for (const ChecklistEntry& e : report.checklist) {
    Json entry = {{"step", std::string(step_info(e.step).name)}, {"status", std::string(to_string(e.status))},
                  {"findings", e.findings}};
    if (!e.note.empty()) entry["note"] = e.note;
    out.push_back(entry);
  }
  return out;
}

}  // namespace

std::string render_sarif(const Report& report, const std::string& base_directory) {
  Artifacts artifacts{fs::path(base_directory)};
  Json rules = Json::array();
  std::vector<std::string> rule_ids;
  Json results = Json::array();
  for (const Finding& f : report.findings) {
    auto it = std::find(rule_ids.begin(), rule_ids.end(), f.id);
    if (it == rule_ids.end()) {
      rule_ids.push_back(f.id);
      rules.push_back(rule_for(f));
      it = rule_ids.end() - 1;
    }
    results.push_back(result_for(f, static_cast<std::size_t>(it - rule_ids.begin()), artifacts));
  }
  Json run = {{"tool",
               {{"driver",
                 {{"name", "mtls-doctor"},
                  {"fullName", fmt::format("mtls-doctor {} ({})", report.version, report.command)},
                  {"version", report.version},
                  {"semanticVersion", report.version},
                  {"rules", rules}}}}},
              {"invocations", Json::array({invocation_for(report)})}};
  if (!artifacts.empty()) run["artifacts"] = artifacts.json();
  run["results"] = results;
  run["properties"] = {{"summary",
                        {{"errors", report.summary.errors},
                         {"warnings", report.summary.warnings},
                         {"infos", report.summary.infos},
                         {"verdict", report.summary.verdict}}},
                       {"checklist", checklist(report)}};
  Json doc = {{"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
              {"version", "2.1.0"},
              {"runs", Json::array({run})}};
  return doc.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

std::string render_sarif(const Report& report) {
  std::error_code ec;
  const fs::path cwd = fs::current_path(ec);
  return render_sarif(report, ec ? std::string("/") : cwd.string());
}

}  // namespace mtls
