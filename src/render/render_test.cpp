// SPDX-License-Identifier: Apache-2.0
// Golden files for every renderer (tests/golden/; UPDATE_GOLDEN=1 rewrites them for review) and
// validation of real JSON output against docs/report.schema.json.
#include "render/render.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "support/sample_report.h"
#include "knowledge/remedies.h"

namespace mtls {
namespace {

std::string golden_path(const std::string& name) { return std::string(MTLS_SOURCE_DIR) + "/tests/golden/" + name; }

void expect_golden(const std::string& name, const std::string& actual) {
  const std::string path = golden_path(name);
  if (std::getenv("UPDATE_GOLDEN")) {
    std::ofstream(path, std::ios::binary) << actual;
    return;
  }
  std::ifstream in(path, std::ios::binary);
  ASSERT_TRUE(in) << "missing golden file " << path << " (run with UPDATE_GOLDEN=1)";
  std::stringstream expected;
  expected << in.rdbuf();
  EXPECT_EQ(actual, expected.str()) << "golden file " << name << " differs (UPDATE_GOLDEN=1 rewrites it)";
}

TEST(Render, TextMatchesGolden) {
  expect_golden("report.txt", render_text(testing::sample_report(), {.color = false}));
}

TEST(Render, TextWithColourMatchesGolden) {
  expect_golden("report.color.txt", render_text(testing::sample_report(), {.color = true}));
}

// What an 80-column terminal and a wide one show (COLUMNS / the terminal's width, cli/output.cpp).
TEST(Render, TextAt80ColumnsMatchesGolden) {
  expect_golden("report.80.txt", render_text(testing::sample_report(), {.color = false, .width = 80}));
}

TEST(Render, TextAt120ColumnsMatchesGolden) {
  expect_golden("report.120.txt", render_text(testing::sample_report(), {.color = false, .width = 120}));
}

TEST(Render, ProseFitsTheWidthAndCommandsStayWhole) {
  const Report report = testing::sample_report();
  for (std::size_t width : {80u, 120u}) {
    const std::string text = render_text(report, {.color = false, .width = width});
    std::vector<std::string_view> commands;
    for (const Finding& f : report.findings) {
      for (const RemedyCommand& c : f.remedy.commands) commands.push_back(c.command);
    }
    std::size_t start = 0;
    while (start < text.size()) {
      std::size_t end = text.find('\n', start);
      if (end == std::string::npos) end = text.size();
      const std::string_view line(text.data() + start, end - start);
      start = end + 1;
      // A line longer than the width is a single word that cannot break: a command, path or hash.
      if (line.size() <= width) continue;
      const std::string_view body = line.substr(line.find_first_not_of(' '));
      const bool is_command = std::find(commands.begin(), commands.end(), body) != commands.end();
      EXPECT_TRUE(is_command || body.find(' ') == std::string_view::npos)
          << "width " << width << ": prose line of " << line.size() << " columns: " << line;
    }
    for (std::string_view c : commands) EXPECT_NE(text.find(c), std::string::npos) << "command split at width " << width;
  }
}

TEST(Render, VerboseTextListsEveryCheckAndWhatItRestsOn) {
  Report report = testing::sample_report();
  report.checks.push_back({.name = "log_late_negotiation", .step = Step::C11, .status = CheckStatus::passed, .proves_step = false});
  report.checks.push_back({.name = "cert_chain", .step = Step::C7, .status = CheckStatus::not_checked, .note = "no client certificate was given"});
  const std::string normal = render_text(report, {.color = false});
  const std::string verbose = render_text(report, {.color = false, .verbosity = 1});
  EXPECT_EQ(normal.find("\nChecks: "), std::string::npos);
  EXPECT_NE(verbose.find("\nChecks: "), std::string::npos) << verbose;
  EXPECT_NE(verbose.find("log_late_negotiation (found nothing; cannot show the step holds)"), std::string::npos) << verbose;
  EXPECT_NE(verbose.find("cert_chain: no client certificate was given"), std::string::npos) << verbose;
}

TEST(Render, QuietTextStopsAfterTheFindings) {
  const std::string quiet = render_text(testing::sample_report(), {.color = false, .verbosity = -1});
  EXPECT_EQ(quiet.find("Checklist"), std::string::npos);
  EXPECT_NE(quiet.find("tls.certificate-request-late"), std::string::npos);
}

TEST(Render, TextStartsWithTheVerdict) {
  const Report report = testing::sample_report();
  const std::string text = render_text(report, {});
  // The verdict opens the report, wrapped like all prose: compare it with its line breaks as spaces.
  std::string opening = text.substr(0, report.summary.verdict.size());
  std::replace(opening.begin(), opening.end(), '\n', ' ');
  EXPECT_EQ(opening, report.summary.verdict);
  EXPECT_EQ(text.find('\x1b'), std::string::npos) << "no escape codes without colour";
}

TEST(Render, JsonMatchesGolden) { expect_golden("report.json", render_json(testing::sample_report())); }
TEST(Render, MarkdownMatchesGolden) { expect_golden("report.md", render_markdown(testing::sample_report())); }
TEST(Render, HtmlMatchesGolden) { expect_golden("report.html", render_html(testing::sample_report())); }
// A fixed base directory with a space: the golden file does not depend on where the test runs,
// and shows the percent-encoding of file URIs.
constexpr const char* sarif_base = "/srv/mtls doctor/case";

TEST(Render, SarifMatchesGolden) { expect_golden("report.sarif", render_sarif(testing::sample_report(), sarif_base)); }

TEST(Render, SarifLocatesLinesInFilesAndTheRestLogically) {
  const auto doc = nlohmann::json::parse(render_sarif(testing::sample_report(), sarif_base));
  const auto& run = doc["runs"][0];
  const auto& results = run["results"];
  ASSERT_EQ(results.size(), 3u);
  // The log line: an absolute, percent-encoded file URI with its line.
  const auto& log = results[1]["locations"][0]["physicalLocation"];
  EXPECT_EQ(log["artifactLocation"]["uri"], "file:///srv/mtls%20doctor/case/u_ex261122.log");
  EXPECT_EQ(log["region"]["startLine"], 42);
  EXPECT_FALSE(run.contains("artifacts")) << "no archive, no nested artifact";
  // A probe attempt and a capture frame have no line: logical locations.
  EXPECT_EQ(results[0]["locations"][0]["logicalLocations"][0]["name"], "attempt 2: GET /app/ -> HelloRequest");
  EXPECT_FALSE(results[2]["locations"][0].contains("physicalLocation"));
  EXPECT_EQ(results[2]["analysisTarget"]["uri"], "file:///srv/mtls%20doctor/case/client.pcapng");
  for (const auto& r : results) {
    const auto& rule = run["tool"]["driver"]["rules"][r["ruleIndex"].get<std::size_t>()];
    EXPECT_EQ(rule["id"], r["ruleId"]);
    EXPECT_FALSE(rule["fullDescription"]["text"].get<std::string>().empty());
    EXPECT_NE(rule["help"]["markdown"].get<std::string>().find("mtls-doctor explain " + r["ruleId"].get<std::string>()),
              std::string::npos);
  }
  EXPECT_EQ(run["tool"]["driver"]["rules"][0]["defaultConfiguration"]["level"], "error");
  EXPECT_EQ(run["tool"]["driver"]["rules"][0]["name"], "TlsCertificateRequestLate");
  const auto& invocation = run["invocations"][0];
  EXPECT_EQ(invocation["exitCode"], 1);
  EXPECT_EQ(invocation["executionSuccessful"], true);
  ASSERT_EQ(invocation["toolExecutionNotifications"].size(), 1u);
  EXPECT_NE(invocation["toolExecutionNotifications"][0]["message"]["text"].get<std::string>().find("HTTPERR/httperr1.log"),
            std::string::npos);
  EXPECT_EQ(run["properties"]["checklist"].size(), 14u);
}

TEST(Render, MarkdownOpensWithTheCauseAndTheFixThenFindingsEvidenceChecklist) {
  const std::string md = render_markdown(testing::sample_report());
  const std::vector<std::string> order = {"### Most likely cause", "### Fix", "### Findings", "### Probe of",
                                          "### IIS:", "### Logs:", "### Capture:", "### Checklist"};
  std::size_t at = 0;
  for (const std::string& heading : order) {
    const std::size_t found = md.find(heading, at);
    ASSERT_NE(found, std::string::npos) << heading << " missing or out of order";
    at = found;
  }
}

TEST(Render, MarkdownEscapesUserText) {
  Report report = testing::sample_report();
  report.findings[0].detail = "# not a heading | not a cell <b>bold</b> `tick` *star* _under_ [link](x) & more";
  report.findings[1].evidence[0].text = "GET /a|b 403 7 0";
  report.evidence.problems.push_back({"odd`name.log", "1. not a list"});
  const std::string md = render_markdown(report);
  EXPECT_NE(md.find("\\# not a heading \\| not a cell &lt;b&gt;bold&lt;/b&gt; \\`tick\\` \\*star\\* \\_under\\_ "
                    "\\[link\\](x) &amp; more"),
            std::string::npos)
      << md;
  EXPECT_EQ(md.find("<b>"), std::string::npos);
  EXPECT_NE(md.find("GET /a\\|b 403 7 0"), std::string::npos);
  EXPECT_NE(md.find("``odd`name.log``: 1\\. not a list"), std::string::npos) << md;
}

TEST(Render, HtmlEscapesEveryText) {
  const std::string html = render_html(testing::sample_report());
  // The page's own copy-button script is the one <script> element; user text never makes another.
  EXPECT_EQ(html.find("<script>"), html.rfind("<script>"));
  EXPECT_NE(html.find("<script>\n(function(){"), std::string::npos);
  EXPECT_NE(html.find("&lt;script&gt;alert(1)&lt;/script&gt; &amp; renegotiated"), std::string::npos);
  EXPECT_EQ(html_escape("<a href=\"x\">'&'</a>"), "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
}

TEST(Render, EveryFormatCarriesTheSameFindings) {
  const Report report = testing::sample_report();
  for (Format f : {Format::text, Format::json, Format::markdown, Format::html, Format::sarif}) {
    const std::string out = render_report(report, f, {});
    for (const Finding& finding : report.findings) {
      EXPECT_NE(out.find(finding.id), std::string::npos) << to_string(f) << " lacks " << finding.id;
    }
    for (const std::string& c : knowledge::remedies::command_lines(report.findings.front().remedy)) {
      const std::string want = f == Format::html ? html_escape(c) : c;
      EXPECT_NE(out.find(want), std::string::npos) << to_string(f) << " lacks the command " << c;
    }
  }
}

TEST(Render, JsonFollowsDesignSection5) {
  const auto doc = nlohmann::json::parse(render_json(testing::sample_report()));
  EXPECT_EQ(doc["tool"], "mtls-doctor");
  EXPECT_EQ(doc["schema"], 1);
  EXPECT_EQ(doc["generated_at"], "2026-11-22T09:41:00Z");
  EXPECT_EQ(doc["findings"][0]["id"], "tls.certificate-request-late");
  EXPECT_EQ(doc["findings"][0]["evidence"][0]["ref"], "attempt 2: GET /app/ -> HelloRequest");
  EXPECT_EQ(doc["evidence"]["probe"]["attempts"][1]["cert_request"], "renegotiation");
  EXPECT_EQ(doc["evidence"]["logs"]["by_status"]["403.7"], 13);
  EXPECT_EQ(doc["evidence"]["pcap"]["connections"][0]["client_cert"], "empty");
  EXPECT_EQ(doc["summary"]["errors"], 2);
  EXPECT_EQ(doc["checklist"].size(), 14u);
}

TEST(Render, RemedyCommandsAreExactAndTheirStepsCarryTheRest) {
  const auto doc = nlohmann::json::parse(render_json(testing::sample_report()));
  const auto& remedy = doc["findings"][0]["remedy"];
  ASSERT_EQ(remedy["commands"].size(), 2u);
  EXPECT_EQ(remedy["commands"][1], "ssl_verify_client on;");
  ASSERT_EQ(remedy["steps"].size(), 2u);
  EXPECT_EQ(remedy["steps"][0]["shell"], "powershell");
  EXPECT_EQ(remedy["steps"][0]["label"], "IIS");
  EXPECT_EQ(remedy["steps"][0]["command"], remedy["commands"][0]);
  EXPECT_EQ(remedy["steps"][1]["shell"], "config");
  EXPECT_EQ(remedy["steps"][1]["note"], "in the server block for www.example.test");
}

TEST(Render, TextNeverWrapsACommand) {
  Report report = testing::sample_report();
  const std::string longest(180, 'x');
  report.findings[0].remedy.commands.push_back(
      {Shell::cmd, "Windows",
       R"(reg add "HKLM\SYSTEM\CurrentControlSet\Control\SecurityProviders\SCHANNEL" /v SendTrustedIssuerList )"
       "/t REG_DWORD /d 0 /f " + longest,
       "a note long enough to be wrapped onto a second line when the heading does not fit the width of the "
       "terminal, which it does not"});
  const std::string text = render_text(report, {});
  const std::string& c = report.findings[0].remedy.commands.back().command;
  EXPECT_NE(text.find("\n        " + c + "\n"), std::string::npos) << text;
  EXPECT_NE(text.find("      Windows, cmd: a note long enough"), std::string::npos) << text;
}

TEST(Render, FindingOutsideTheChecklistHasNoStep) {
  Report report = testing::sample_report();
  report.findings[0].step = Step::none;
  const std::string text = render_text(report, {});
  EXPECT_EQ(text.find("[—]"), std::string::npos);
  EXPECT_EQ(render_markdown(report).find("checklist step —"), std::string::npos);
  EXPECT_EQ(render_html(report).find("step —"), std::string::npos);
  const auto doc = nlohmann::json::parse(render_json(report));
  EXPECT_TRUE(doc["findings"][0]["step"].is_null());
  const auto sarif = nlohmann::json::parse(render_sarif(report));
  EXPECT_TRUE(sarif["runs"][0]["tool"]["driver"]["rules"][0]["properties"]["checklist_step"].is_null());
  EXPECT_EQ(sarif["runs"][0]["results"][0]["properties"]["remedy_commands"].size(), 2u);
}

TEST(Render, CountsAreWordedInTheSingular) {
  EXPECT_EQ(count_of(1, "entry", "entries"), "1 entry");
  EXPECT_EQ(count_of(0, "entry", "entries"), "0 entries");
  Report report = testing::sample_report();
  report.summary.errors = 1;
  report.summary.warnings = 1;
  for (const std::string& out : {render_text(report, {}), render_markdown(report), render_html(report)}) {
    EXPECT_NE(out.find("1 error, 1 warning"), std::string::npos) << out.substr(0, 300);
    EXPECT_EQ(out.find("(s)"), std::string::npos);
  }
}

TEST(Render, JsonOfInvalidUtf8IsReplacedNotThrown) {
  Report report = testing::sample_report();
  report.inputs.push_back("bad\xff\xfe.log");
  const auto doc = nlohmann::json::parse(render_json(report));
  EXPECT_EQ(doc["inputs"].size(), 3u);
}

/// Validate with the Python jsonschema package (Draft 2020-12), as a user's pipeline would.
TEST(Render, JsonValidatesAgainstTheSchema) {
  const auto dir = std::filesystem::temp_directory_path() / "mtls-doctor-schema-test";
  std::filesystem::create_directories(dir);
  const auto report_path = dir / "report.json";
  std::ofstream(report_path) << render_json(testing::sample_report());
  const std::string command = "python3 -c \"import json,sys,jsonschema; "
                              "s=json.load(open(sys.argv[1])); d=json.load(open(sys.argv[2])); "
                              "jsonschema.Draft202012Validator.check_schema(s); "
                              "jsonschema.Draft202012Validator(s).validate(d)\" '" +
                              std::string(MTLS_SOURCE_DIR) + "/docs/report.schema.json' '" + report_path.string() + "' 2>&1";
  FILE* pipe = popen(command.c_str(), "r");
  ASSERT_NE(pipe, nullptr);
  std::string output;
  char buffer[512];
  while (std::fgets(buffer, sizeof buffer, pipe)) output += buffer;
  const int status = pclose(pipe);
  EXPECT_EQ(status, 0) << output;
}

TEST(Render, FormatsParse) {
  EXPECT_EQ(parse_format("json"), Format::json);
  EXPECT_EQ(parse_format("md"), Format::markdown);
  EXPECT_FALSE(parse_format("xml").has_value());
}


// nginx/Apache messages, CAPI2 chain errors and assumed W3C field sets are evidence in every
// format, not only in text and JSON.
TEST(Render, LogSourcesOfEveryKindReachEveryFormat) {
  Report report = testing::sample_report();
  LogEvidence& l = *report.evidence.logs;
  l.assumed_fields.push_back({"pasted.log", 1, "date time s-ip cs-method"});
  l.web_server_lines = 3;
  WebServerMessage m;
  m.server = WebServer::apache;
  m.source = "error log";
  m.code = "AH02039";
  m.meaning = "the client certificate did not verify";
  m.verify_error = 20;
  m.reason = "unable to get local issuer certificate";
  m.count = 3;
  m.examples.push_back({"error_log", 7, "[ssl:error] AH02039: Certificate Verification: Error (20)"});
  l.web_server_messages.push_back(m);
  l.capi2_events = 4;
  Capi2ChainError c;
  c.event_id = 30;
  c.client_auth = true;
  c.result = 0x800B0109;
  c.kind = LogFailureKind::cert_untrusted;
  c.certificate = {"0123456789ABCDEF0123456789ABCDEF01234567", "CN=capi2-client", "Capi2 Issuing CA", {}, {}};
  c.count = 2;
  c.examples.push_back({"capi2.evtx", 12, "CertVerifyCertificateChainPolicy"});
  l.capi2_chain_errors.push_back(c);
  for (std::string out : {render_text(report, {.color = false}), render_markdown(report), render_html(report)}) {
    std::erase(out, '\\');  // Markdown escapes the underscores of CERT_E_UNTRUSTEDROOT
    EXPECT_NE(out.find("AH02039 error 20 (unable to get local issuer certificate)"), std::string::npos) << out;
    EXPECT_NE(out.find("CERT_E_UNTRUSTEDROOT 0x800B0109"), std::string::npos) << out;
    EXPECT_NE(out.find("CN=capi2-client"), std::string::npos) << out;
    EXPECT_NE(out.find("0123456789ABCDEF0123456789ABCDEF01234567"), std::string::npos) << out;
    EXPECT_NE(out.find("date time s-ip cs-method"), std::string::npos) << out;
  }
}

}  // namespace
}  // namespace mtls
