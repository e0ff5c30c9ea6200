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
  EXPECT_EQ(html.find("<script>"), std::string::npos);
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
    for (const std::string& c : report.findings.front().remedy.commands) {
      if (f != Format::sarif) {
        EXPECT_NE(out.find(c), std::string::npos) << to_string(f) << " lacks the command";
      }
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
