// SPDX-License-Identifier: Apache-2.0
// The command-line contract: --version, --help and `help COMMAND`, exit 2 with one line on stderr
// for bad usage (and a JSON object on stdout with --format json), explain's answers and its
// unknown-code suggestions, --format in any case, --output written atomically, "-" and by
// extension.
#include "cli/app.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include <CLI/CLI.hpp>

#include <algorithm>

#include "cli/identity_options.h"
#include "cli/manual.h"
#include "cli/output.h"

#include "support/cli_run.h"

namespace mtls::cli {
namespace {

using test::CliRun;
using test::run_cli;

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

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::stringstream body;
  body << in.rdbuf();
  return body.str();
}

std::filesystem::path fresh_dir(std::string_view name) {
  const auto dir = std::filesystem::temp_directory_path() / name;
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

TEST(Cli, HelpCommandShowsACommandsHelp) {
  CliRun top = run_cli({"help"});
  EXPECT_EQ(top.status, 0);
  EXPECT_NE(top.out.find("probe"), std::string::npos) << top.out;
  CliRun probe = run_cli({"help", "probe"});
  EXPECT_EQ(probe.status, 0) << probe.err;
  EXPECT_EQ(probe.out, run_cli({"probe", "--help"}).out);
  for (const char* word : {"--format", "--output", "--no-color", "--verbose", "--quiet", "Examples:",
                           "mtls-doctor probe https://", "--targets FILE", "--pfx FILE"}) {
    EXPECT_NE(probe.out.find(word), std::string::npos) << word << "\n" << probe.out;
  }
  CliRun unknown = run_cli({"help", "prob"});
  EXPECT_EQ(unknown.status, 2);
  EXPECT_NE(unknown.err.find("no command 'prob'"), std::string::npos) << unknown.err;
}

TEST(Cli, EveryCommandsHelpNamesItsArgumentsAndShowsAnExample) {
  for (const CommandSpec& spec : commands()) {
    CliRun r = run_cli({"help", std::string(spec.name)});
    EXPECT_EQ(r.status, 0) << spec.name;
    EXPECT_EQ(r.out.find("TEXT"), std::string::npos) << spec.name << ": a type named TEXT\n" << r.out;
    EXPECT_NE(r.out.find("Global options"), std::string::npos) << spec.name;
    EXPECT_NE(r.out.find("Examples:\n  mtls-doctor " + std::string(spec.name)), std::string::npos)
        << spec.name << "\n" << r.out;
  }
}

/// Shell words: spaces split, single quotes group (as the examples are written).
std::vector<std::string> shell_words(std::string_view line) {
  std::vector<std::string> words;
  std::string word;
  bool quoted = false, any = false;
  for (char c : line) {
    if (c == '\'') {
      quoted = !quoted;
      any = true;
    } else if (c == ' ' && !quoted) {
      if (any) words.push_back(word);
      word.clear();
      any = false;
    } else {
      word += c;
      any = true;
    }
  }
  if (any) words.push_back(word);
  return words;
}

TEST(Cli, EveryExampleParses) {
  for (const CommandSpec& spec : commands()) {
    ASSERT_FALSE(spec.examples.empty()) << spec.name;
    for (std::string_view example : spec.examples) {
      std::vector<std::string> words = shell_words(example);
      ASSERT_EQ(words.front(), "mtls-doctor");
      // A redirection is the shell's, not an argument.
      if (auto redirect = std::find(words.begin(), words.end(), ">"); redirect != words.end()) {
        words.erase(redirect, words.end());
      }
      GlobalOptions global;
      const auto app = make_app(global);
      std::vector<char*> argv;
      for (std::string& w : words) argv.push_back(w.data());
      try {
        app->parse(static_cast<int>(argv.size()), argv.data());
      } catch (const CLI::ValidationError& e) {
        // The example's files are the reader's, not this machine's: only the syntax is checked.
        EXPECT_NE(std::string(e.what()).find("does not exist"), std::string::npos) << example << ": " << e.what();
      } catch (const std::exception& e) {
        ADD_FAILURE() << example << ": " << e.what();
      }
      EXPECT_TRUE(app->got_subcommand(std::string(spec.name))) << example;
    }
  }
}

TEST(Cli, FormatIsCaseInsensitive) {
  CliRun r = run_cli({"explain", "0x800B0109", "--format", "JSON"});
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(nlohmann::json::parse(r.out)["command"], "explain");
  CliRun before = run_cli({"--format", "Json", "explain", "0x800B0109"});
  ASSERT_EQ(before.status, 0) << before.err;
  EXPECT_EQ(before.out, r.out);
}

TEST(Cli, OutputDashIsStandardOutput) {
  CliRun r = run_cli({"explain", "403.7", "--output", "-", "--no-color"});
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.out.find("Client certificate required"), std::string::npos);
  EXPECT_FALSE(std::filesystem::exists("-"));
}

TEST(Cli, OutputExtensionPicksTheFormat) {
  const auto dir = fresh_dir("mtls-doctor-cli-ext");
  ASSERT_EQ(run_cli({"explain", "403.7", "-o", (dir / "a.json").string()}).status, 0);
  EXPECT_EQ(nlohmann::json::parse(read_file(dir / "a.json"))["command"], "explain");
  ASSERT_EQ(run_cli({"explain", "403.7", "-o", (dir / "a.HTML").string()}).status, 0);
  EXPECT_NE(read_file(dir / "a.HTML").find("<html"), std::string::npos);
  ASSERT_EQ(run_cli({"explain", "403.7", "-o", (dir / "a.md").string()}).status, 0);
  EXPECT_EQ(read_file(dir / "a.md").rfind("#", 0), 0u) << read_file(dir / "a.md");
  // --format wins over the extension.
  ASSERT_EQ(run_cli({"explain", "403.7", "--format", "json", "-o", (dir / "b.md").string()}).status, 0);
  EXPECT_EQ(nlohmann::json::parse(read_file(dir / "b.md"))["command"], "explain");
  // An extension that names no format keeps text.
  ASSERT_EQ(run_cli({"explain", "403.7", "-o", (dir / "a.log").string()}).status, 0);
  EXPECT_NE(read_file(dir / "a.log").find("Client certificate required"), std::string::npos);
}

TEST(Output, ResolveFormat) {
  GlobalOptions o{.format = "SARIF", .output = "-"};
  resolve_format(o, true);
  EXPECT_EQ(o.format, "sarif");
  EXPECT_TRUE(o.output.empty());
  GlobalOptions by_extension{.format = "text", .output = "out/report.sarif"};
  resolve_format(by_extension, false);
  EXPECT_EQ(by_extension.format, "sarif");
  GlobalOptions given{.format = "text", .output = "report.json"};
  resolve_format(given, true);
  EXPECT_EQ(given.format, "text");
}

TEST(Cli, ErrorsWithFormatJsonAreAJsonObjectToo) {
  CliRun r = run_cli({"explain", "403.77", "--format", "json"});
  EXPECT_EQ(r.status, 2);
  EXPECT_EQ(lines(r.err), 1u) << r.err;
  const auto doc = nlohmann::json::parse(r.out);
  EXPECT_EQ(doc["tool"], "mtls-doctor");
  EXPECT_NE(doc["error"]["message"].get<std::string>().find("closest known: 403.7"), std::string::npos);
  EXPECT_TRUE(doc["error"]["file"].is_null());
  EXPECT_TRUE(doc["error"]["line"].is_null());

  CliRun usage = run_cli({"explain", "403.7", "--bogus", "--format", "json"});
  EXPECT_EQ(usage.status, 2);
  EXPECT_NE(nlohmann::json::parse(usage.out)["error"]["message"].get<std::string>().find("--bogus"),
            std::string::npos);

  CliRun text = run_cli({"explain", "403.77"});
  EXPECT_TRUE(text.out.empty()) << "no JSON without --format json";
}

TEST(Output, JsonErrorsNameTheFileAndLine) {
  set_json_errors(true);
  ::testing::internal::CaptureStdout();
  ::testing::internal::CaptureStderr();
  fail(Error{"unclosed element", "C:\\inetpub\\applicationHost.config:12"});
  fail("web.config:7: bad \"value\"\n");
  fail(Error{"handshake failed", "attempt 2: handshake"});
  const std::string out = ::testing::internal::GetCapturedStdout();
  ::testing::internal::GetCapturedStderr();
  set_json_errors(false);
  std::istringstream in(out);
  std::string line;
  std::vector<nlohmann::json> docs;
  while (std::getline(in, line)) docs.push_back(nlohmann::json::parse(line));
  ASSERT_EQ(docs.size(), 3u) << out;
  EXPECT_EQ(docs[0]["error"]["file"], "C:\\inetpub\\applicationHost.config");
  EXPECT_EQ(docs[0]["error"]["line"], 12);
  EXPECT_EQ(docs[0]["error"]["message"], "unclosed element");
  EXPECT_EQ(docs[1]["error"]["file"], "web.config");
  EXPECT_EQ(docs[1]["error"]["line"], 7);
  EXPECT_EQ(docs[1]["error"]["message"], "bad \"value\"\n");
  EXPECT_TRUE(docs[2]["error"]["file"].is_null());
  EXPECT_EQ(docs[2]["error"]["where"], "attempt 2: handshake");
}

TEST(Output, JsonStringsAreValidUtf8) {
  EXPECT_EQ(json_string("a\"b\\c\x01"), "\"a\\\"b\\\\c\\u0001\"");
  EXPECT_EQ(json_string("caf\xC3\xA9"), "\"caf\xC3\xA9\"");
  EXPECT_EQ(json_string("caf\xE9"), "\"caf\xEF\xBF\xBD\"");  // Latin-1 byte
  EXPECT_EQ(json_string("\xED\xA0\x80"), "\"\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\"");  // a surrogate
}

TEST(Cli, LabListAsJson) {
  CliRun r = run_cli({"lab", "--list", "--format", "json"});
  ASSERT_EQ(r.status, 0) << r.err;
  const auto doc = nlohmann::json::parse(r.out);
  EXPECT_EQ(doc["command"], "lab");
  ASSERT_FALSE(doc["scenarios"].empty());
  EXPECT_NE(run_cli({"lab", "--list"}).out.find(doc["scenarios"][0]["name"].get<std::string>()),
            std::string::npos);
}

TEST(Cli, SinceTakesTheLogsOwnTimeFormat) {
  // The date and time exactly as a W3C line writes them, pasted with its space.
  const std::string log =
      std::string(MTLS_SOURCE_DIR) + "/tests/cases/logs-client-cert-rejected/u_ex240301.log";
  CliRun all = run_cli({"logs", log, "--format", "json"});
  CliRun since = run_cli({"logs", log, "--since", "2024-03-01 10:01:00", "--format", "json"});
  ASSERT_LE(all.status, 1) << all.err;
  ASSERT_LE(since.status, 1) << since.err;
  const auto every = nlohmann::json::parse(all.out)["evidence"]["logs"];
  const auto later = nlohmann::json::parse(since.out)["evidence"]["logs"];
  EXPECT_EQ(later["entries"].get<int>(), every["entries"].get<int>() - 2) << since.out;
  EXPECT_EQ(later["filtered_out"].get<int>(), 2) << since.out;
  CliRun bad = run_cli({"logs", log, "--since", "2024-03-01 10:01"});
  EXPECT_EQ(bad.status, 2);
}

TEST(IdentityOptions, ThePromptNamesTheFile) {
  EXPECT_EQ(password_prompt({.pfx_file = "client.pfx"}), "Password for 'client.pfx': ");
  EXPECT_EQ(password_prompt({.cert_file = "c.pem", .key_file = "c.key"}), "Password for 'c.key': ");
  EXPECT_EQ(password_prompt({.cert_file = "both.pem"}), "Password for 'both.pem': ");
}

TEST(Manual, EveryCommandAndOptionIsInTheManPageAndTheCompletions) {
  GlobalOptions global;
  const auto app = make_app(global);
  const std::string man = man_page(*app);
  const std::string bash = bash_completion(*app);
  const std::string zsh = zsh_completion(*app);
  const CLI::App& top = *app;
  for (const CLI::App* sub : top.get_subcommands(std::function<bool(const CLI::App*)>{})) {
    EXPECT_NE(man.find(".SS \"mtls\\-doctor " + sub->get_name()), std::string::npos) << sub->get_name();
    EXPECT_NE(bash.find("    " + sub->get_name() + ")"), std::string::npos) << sub->get_name();
    EXPECT_NE(zsh.find("        " + sub->get_name() + ")"), std::string::npos) << sub->get_name();
    for (const CLI::Option* o : sub->get_options()) {
      if (o->get_group().empty() || o->get_positional()) continue;
      for (const std::string& l : o->get_lnames()) {
        std::string roff = "\\-\\-";
        for (char c : l) roff += c == '-' ? std::string("\\-") : std::string(1, c);
        if (l != "help" && o->get_group() != "Global options") {
          EXPECT_NE(man.find("\\fB" + roff + "\\fR"), std::string::npos) << sub->get_name() << " --" << l;
        }
        EXPECT_NE(bash.find("--" + l), std::string::npos) << sub->get_name() << " --" << l;
        EXPECT_NE(zsh.find("--" + l + "["), std::string::npos) << sub->get_name() << " --" << l;
      }
    }
  }
}

}  // namespace
}  // namespace mtls::cli
