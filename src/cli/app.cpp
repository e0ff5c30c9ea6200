// SPDX-License-Identifier: Apache-2.0
#include "cli/app.h"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <map>

#include "cli/command.h"
#include "cli/output.h"
#include "core/version.h"

namespace mtls::cli {

int run(int argc, char** argv) {
  CLI::App app{"mtls-doctor finds out why TLS client-certificate (mutual TLS) authentication fails, "
               "and says how to fix it.",
               "mtls-doctor"};
  app.set_version_flag("--version", fmt::format("mtls-doctor {}", version()));
  app.require_subcommand(0, 1);
  app.fallthrough();  // global options may follow the subcommand

  GlobalOptions global;
  app.add_option("--format", global.format, "text, json, markdown, html or sarif")->capture_default_str();
  app.add_option("--output,-o", global.output, "write the report to FILE (atomically) instead of standard output");
  app.add_flag("--no-color", global.no_color, "no colour, even on a terminal (NO_COLOR is honoured too)");
  app.add_flag_function("-v,--verbose", [&](std::int64_t n) { global.verbosity = static_cast<int>(n); },
                        "more detail");
  app.add_flag_function("-q,--quiet", [&](std::int64_t n) { global.verbosity = -static_cast<int>(n); },
                        "only the verdict and the findings");

  std::map<const CLI::App*, CommandRun> runners;
  for (const CommandSpec& spec : commands()) {
    CLI::App* sub = app.add_subcommand(std::string(spec.name), std::string(spec.summary));
    runners[sub] = spec.setup(*sub);
  }

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp&) {
    fmt::print("{}", app.help());
    return 0;
  } catch (const CLI::CallForAllHelp&) {
    fmt::print("{}", app.help("", CLI::AppFormatMode::All));
    return 0;
  } catch (const CLI::CallForVersion&) {
    fmt::print("mtls-doctor {}\n", version());
    return 0;
  } catch (const CLI::ParseError& e) {
    // One line naming what was wrong (DESIGN §3), then where to look.
    std::string what = e.what();
    if (argc <= 1) what = "no command given";
    return fail(fmt::format("{} (see mtls-doctor --help)", what));
  }

  for (const auto& [sub, runner] : runners) {
    if (sub->parsed()) return runner(global);
  }
  return fail("no command given; try mtls-doctor explain 403.7, or mtls-doctor --help");
}

}  // namespace mtls::cli
