// SPDX-License-Identifier: Apache-2.0
// The command-line contract of DESIGN §3: --version, --help, exit 2 with one line on stderr for
// bad usage, explain's answers and its unknown-code suggestions, --output written atomically.
#include "cli/app.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "cli/identity_options.h"
#include "cli/output.h"

namespace mtls::cli {
namespace {

struct CliRun {
  int status;
  std::string out;
  std::string err;
};

CliRun run_cli(std::vector<std::string> args) {
  args.insert(args.begin(), "mtls-doctor");
  std::vector<char*> argv;
  for (std::string& a : args) argv.push_back(a.data());
  ::testing::internal::CaptureStdout();
  ::testing::internal::CaptureStderr();
  const int status = mtls::cli::run(static_cast<int>(argv.size()), argv.data());
  CliRun r{status, ::testing::internal::GetCapturedStdout(), ::testing::internal::GetCapturedStderr()};
  return r;
}

std::size_t lines(const std::string& s) { return static_cast<std::size_t>(std::count(s.begin(), s.end(), '\n')); }

TEST(Cli, VersionAndHelp) {
  CliRun v = run_cli({"--version"});
  EXPECT_EQ(v.status, 0);
  EXPECT_EQ(v.out.rfind("mtls-doctor ", 0), 0u);
  CliRun h = run_cli({"--help"});
  EXPECT_EQ(h.status, 0);
  EXPECT_NE(h.out.find("explain"), std::string::npos);
}

TEST(Cli, UnknownFlagIsExitTwoWithOneLine) {
  CliRun r = run_cli({"explain", "403.7", "--bogus"});
  EXPECT_EQ(r.status, 2);
  EXPECT_EQ(lines(r.err), 1u) << r.err;
  EXPECT_NE(r.err.find("--bogus"), std::string::npos) << r.err;
  EXPECT_TRUE(r.out.empty());
}

TEST(Cli, NoCommandIsExitTwo) {
  CliRun r = run_cli({});
  EXPECT_EQ(r.status, 2);
  EXPECT_EQ(lines(r.err), 1u) << r.err;
}

TEST(Cli, ExplainAWorkedExample) {
  CliRun r = run_cli({"explain", "403", "7", "64", "--no-color"});
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.out.find("Client certificate required"), std::string::npos);
  EXPECT_NE(r.out.find("ERROR_NETNAME_DELETED"), std::string::npos);
}

TEST(Cli, ExplainJson) {
  CliRun r = run_cli({"explain", "0x800B0109", "--format", "json"});
  ASSERT_EQ(r.status, 0) << r.err;
  const auto doc = nlohmann::json::parse(r.out);
  EXPECT_EQ(doc["explanations"][0]["name"], "CERT_E_UNTRUSTEDROOT");
  EXPECT_EQ(doc["explanations"][0]["code"], "0x800B0109 (2148204809)");
}

TEST(Cli, UnknownCodeSuggestsTheClosest) {
  CliRun r = run_cli({"explain", "403.77"});
  EXPECT_EQ(r.status, 2);
  EXPECT_EQ(lines(r.err), 1u);
  EXPECT_NE(r.err.find("closest known: 403.7"), std::string::npos) << r.err;
}

TEST(Cli, UnknownFormatIsExitTwo) {
  CliRun r = run_cli({"explain", "403.7", "--format", "xml"});
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("unknown --format 'xml'"), std::string::npos) << r.err;
}

TEST(Cli, OutputIsWrittenAtomically) {
  const auto dir = std::filesystem::temp_directory_path() / "mtls-doctor-cli-test";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  const std::string path = (dir / "explain.md").string();
  CliRun r = run_cli({"explain", "alert", "116", "--format", "markdown", "--output", path});
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_TRUE(r.out.empty());
  std::ifstream in(path);
  std::stringstream body;
  body << in.rdbuf();
  EXPECT_NE(body.str().find("certificate_required"), std::string::npos);
  std::size_t files = 0;
  for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator(dir)) ++files;
  EXPECT_EQ(files, 1u) << "no temporary file left behind";
}

TEST(Cli, UnwritableOutputIsExitTwoNamingTheFile) {
  CliRun r = run_cli({"explain", "403.7", "--output", "/nonexistent-dir/report.txt"});
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("/nonexistent-dir/report.txt"), std::string::npos) << r.err;
  EXPECT_EQ(lines(r.err), 1u);
}

TEST(IdentityOptions, APasswordOnTheCommandLineIsRefused) {
  IdentityOptions options;
  options.spec.cert_file = "client.pem";
  options.refused_password = "hunter2";
  const std::string error = identity_options_error(options);
  EXPECT_NE(error.find("never accepted on the command line"), std::string::npos);
  EXPECT_EQ(error.find("hunter2"), std::string::npos) << "the refused password is never echoed";
}

TEST(IdentityOptions, PasswordComesFromFileOrEnvironment) {
  const auto path = std::filesystem::temp_directory_path() / "mtls-doctor-password.txt";
  std::ofstream(path) << "s3cret\r\n";
  IdentityOptions from_file;
  from_file.password_file = path.string();
  auto secret = password_provider(from_file)();
  ASSERT_TRUE(secret);
  EXPECT_EQ(secret->reveal(), "s3cret");

  ::setenv("MTLS_TEST_PASSWORD", "from-env", 1);
  IdentityOptions from_env;
  from_env.password_env = "MTLS_TEST_PASSWORD";
  auto env_secret = password_provider(from_env)();
  ASSERT_TRUE(env_secret);
  EXPECT_EQ(env_secret->reveal(), "from-env");

  IdentityOptions unset;
  unset.password_env = "MTLS_TEST_PASSWORD_UNSET";
  EXPECT_FALSE(password_provider(unset)());
}

TEST(IdentityOptions, NoPromptWithoutATerminal) {
  // ctest runs with standard input not a terminal: the prompt must refuse, not block.
  if (::isatty(0)) GTEST_SKIP() << "standard input is a terminal";
  IdentityOptions none;
  auto secret = password_provider(none)();
  ASSERT_FALSE(secret);
  EXPECT_NE(secret.error().message.find("not a terminal"), std::string::npos);
}

}  // namespace
}  // namespace mtls::cli
