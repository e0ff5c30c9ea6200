// SPDX-License-Identifier: Apache-2.0
// Whole reports on real files of the shared corpus, through the command line in process: each
// test is a fact the report once got wrong on that file (a field the log does not have shown as
// 0, cipher-suite mismatches counted as client-certificate failures, a file that is no log
// reported as a warning). Skipped, with a message, when ../shared is absent.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <regex>

#include "cli/app.h"
#include "support/corpus.h"

#include "support/cli_run.h"

namespace mtls::cli {
namespace {

namespace fs = std::filesystem;

using test::CliRun;
using test::run_cli;

std::vector<std::string> finding_ids(const nlohmann::json& report) {
  std::vector<std::string> ids;
  for (const auto& f : report["findings"]) ids.push_back(f["id"]);
  return ids;
}

TEST(CorpusReports, W3cWithoutSubstatusFieldsShowsThemAbsent) {
  MTLS_CORPUS_FILE(log, "text/iis-w3c-logs/webtrends-ex960101-iis4-fields-only-unusual-order.log");
  const CliRun json = run_cli({"logs", log.string(), "--format", "json"});
  ASSERT_EQ(json.status, 0) << json.err;
  const auto report = nlohmann::json::parse(json.out);
  const auto& logs = report["evidence"]["logs"];
  ASSERT_EQ(logs["by_triple"].size(), 1u) << logs["by_triple"].dump();
  const auto& triple = logs["by_triple"][0];
  EXPECT_EQ(triple["status"], 200);
  EXPECT_EQ(triple["count"], 5);
  EXPECT_FALSE(triple.contains("substatus")) << triple.dump();
  EXPECT_FALSE(triple.contains("win32")) << triple.dump();
  EXPECT_EQ(logs["by_status"], (nlohmann::json{{"200", 5}}));
  EXPECT_TRUE(logs["by_win32"].empty()) << logs["by_win32"].dump();
  for (const auto& f : report["findings"]) {
    const std::string detail = f["detail"];
    EXPECT_EQ(detail.find("200.0"), std::string::npos) << detail;
    EXPECT_EQ(detail.find("200 0 0"), std::string::npos) << detail;
  }

  const CliRun text = run_cli({"logs", log.string(), "--format", "text", "--no-color"});
  ASSERT_EQ(text.status, 0) << text.err;
  EXPECT_TRUE(std::regex_search(text.out, std::regex(R"(\n +200 +- +- +5 )"))) << text.out;
  EXPECT_FALSE(std::regex_search(text.out, std::regex(R"(\n +200 +0 +0 +5 )"))) << text.out;
}

/// The .xz of the corpus decompressed to a temporary file (never committed, removed after).
class Decompressed {
 public:
  explicit Decompressed(const fs::path& xz, const std::string& name)
      : path_(fs::temp_directory_path() /
              ("mtls-corpus-" + std::to_string(::getpid()) + "-" + name)) {
    ok_ = std::system(("xz -dc '" + xz.string() + "' > '" + path_.string() + "'").c_str()) == 0;
  }
  ~Decompressed() {
    std::error_code ec;
    fs::remove(path_, ec);
  }
  Decompressed(const Decompressed&) = delete;
  Decompressed& operator=(const Decompressed&) = delete;
  [[nodiscard]] const fs::path& path() const { return path_; }
  [[nodiscard]] bool ok() const { return ok_; }

 private:
  fs::path path_;
  bool ok_ = false;
};

TEST(CorpusReports, SchannelCipherMismatchIsNotAClientCertificateFailure) {
  MTLS_CORPUS_FILE(xz, "binary/evtx/dfirartifactmuseum_Win2012R2_StolenSzechuan_System.evtx.xz");
  const Decompressed evtx(xz, "System.evtx");
  ASSERT_TRUE(evtx.ok()) << "xz -dc failed";
  const CliRun r = run_cli({"logs", evtx.path().string(), "--format", "json"});
  ASSERT_EQ(r.status, 0) << r.err;
  const auto report = nlohmann::json::parse(r.out);
  std::uint64_t cipher = 0;
  for (const auto& c : report["evidence"]["logs"]["windows_event_counts"]) {
    if (c["event_id"] == 36874) cipher += c["count"].get<std::uint64_t>();
  }
  EXPECT_EQ(cipher, 29205u);
  const auto ids = finding_ids(report);
  EXPECT_EQ(std::count(ids.begin(), ids.end(), "log.schannel-events"), 0)
      << report["findings"].dump(1);
  ASSERT_EQ(std::count(ids.begin(), ids.end(), "log.schannel-handshake-errors"), 1);
  EXPECT_EQ(report["summary"]["errors"], 0);
  const std::string verdict = report["summary"]["verdict"];
  EXPECT_EQ(verdict.find("will fail"), std::string::npos) << verdict;
  for (const auto& f : report["findings"]) {
    if (f["id"] != "log.schannel-handshake-errors") continue;
    EXPECT_EQ(f["severity"], "warning");
    const std::string detail = f["detail"];
    EXPECT_NE(detail.find("29205 x Schannel 36874"), std::string::npos) << detail;
    EXPECT_NE(detail.find("cipher suite mismatch"), std::string::npos) << detail;
  }
  for (const auto& step : report["checklist"]) {
    if (step["step"] == "C7") {
      EXPECT_NE(step["status"], "failed") << step.dump();
    }
  }
}

TEST(CorpusReports, AFileWithNoLogEntryIsUnusableInput) {
  // A Markdown note quoting an nginx message is not an nginx log.
  MTLS_CORPUS_FILE(quoted,
                   "text/nginx-apache-errors/trellis-cloudflare-nginx-no-required-ssl-cert-redacted.md");
  MTLS_CORPUS_FILE(notes, "text/SOURCES.md");
  for (const fs::path& file : {quoted, notes}) {
    SCOPED_TRACE(file.string());
    const CliRun r = run_cli({"logs", file.string()});
    EXPECT_EQ(r.status, 2);
    EXPECT_TRUE(r.out.empty()) << r.out;
    // One message, naming the file.
    EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
    EXPECT_NE(r.err.find(file.string() + ": no log entry could be read ("), std::string::npos)
        << r.err;
  }
}

TEST(CorpusReports, NginxErrorLogWithOnlyAnUpstreamErrorIsReadAndBlamesNoClientCertificate) {
  MTLS_CORPUS_FILE(nginx, "text/nginx-apache-errors/kong-docs-upstream-verify-20-unable-local-issuer.log");
  const CliRun r = run_cli({"logs", nginx.string(), "--format", "json"});
  ASSERT_EQ(r.status, 0) << r.err;  // warnings only
  const auto report = nlohmann::json::parse(r.out);
  std::vector<std::string> ids;
  for (const auto& f : report["findings"]) ids.push_back(f["id"]);
  EXPECT_EQ(std::count(ids.begin(), ids.end(), "log.tls-handshake-errors"), 1);
  EXPECT_EQ(std::count(ids.begin(), ids.end(), "log.client-cert-untrusted"), 0);
  EXPECT_EQ(report["evidence"]["logs"]["web_server_lines"], 1);
}

}  // namespace
}  // namespace mtls::cli
