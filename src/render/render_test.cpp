// SPDX-License-Identifier: Apache-2.0
// Golden files for every renderer (tests/golden/; UPDATE_GOLDEN=1 rewrites them for review) and
// validation of real JSON output against docs/report.schema.json.
#include "render/render.h"

#include <gtest/gtest.h>
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

TEST(Render, QuietTextStopsAfterTheFindings) {
  const std::string quiet = render_text(testing::sample_report(), {.color = false, .verbosity = -1});
  EXPECT_EQ(quiet.find("Checklist"), std::string::npos);
  EXPECT_NE(quiet.find("tls.certificate-request-late"), std::string::npos);
}

TEST(Render, TextStartsWithTheVerdict) {
  const Report report = testing::sample_report();
  const std::string text = render_text(report, {});
  EXPECT_EQ(text.rfind(report.summary.verdict, 0), 0u);
  EXPECT_EQ(text.find('\x1b'), std::string::npos) << "no escape codes without colour";
}

TEST(Render, JsonMatchesGolden) { expect_golden("report.json", render_json(testing::sample_report())); }
TEST(Render, MarkdownMatchesGolden) { expect_golden("report.md", render_markdown(testing::sample_report())); }
TEST(Render, HtmlMatchesGolden) { expect_golden("report.html", render_html(testing::sample_report())); }
TEST(Render, SarifMatchesGolden) { expect_golden("report.sarif", render_sarif(testing::sample_report())); }

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

}  // namespace
}  // namespace mtls
