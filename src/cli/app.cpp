// SPDX-License-Identifier: Apache-2.0
#include "cli/app.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

#include "cli/output.h"
#include "core/version.h"

namespace mtls::cli {
namespace {

constexpr std::string_view description =
    "mtls-doctor finds out why TLS client-certificate (mutual TLS) authentication fails, and says "
    "how to fix it.";

/// --format, --output, --no-color and -v/-q, in their own group so that every help lists them.
void add_global_options(CLI::App& app, GlobalOptions& global, std::string_view formats) {
  const std::string group = "Global options";
  app.add_option("--format", global.format,
                 fmt::format("{} (any case; default: text, or the format --output's extension "
                             "names)",
                             formats))
      ->group(group);
  app.add_option("--output,-o", global.output,
                 "write to FILE (atomically) instead of standard output; - is standard output; "
                 "FILE's extension (.json .md .html .sarif .txt) picks the format when --format "
                 "is not given")
      ->group(group);
  app.add_flag("--no-color", global.no_color,
               "no colour, even on a terminal (NO_COLOR is honoured too)")
      ->group(group);
  app.add_flag_function(
         "-v,--verbose", [&global](std::int64_t n) { global.verbosity = static_cast<int>(n); },
         "more detail")
      ->group(group);
  app.add_flag_function(
         "-q,--quiet", [&global](std::int64_t n) { global.verbosity = -static_cast<int>(n); },
         "only the verdict and the findings")
      ->group(group);
}

/// FILE, DIR, TIME... instead of CLI11's TEXT (commands.cpp has the names). A validator that says
/// FILE or DIR already is not repeated ("FILE:FILE").
void name_option_types(CLI::App& app) {
  for (CLI::Option* option : app.get_options()) {
    if (option->get_type_size() == 0) continue;  // a flag
    const std::string name = option->get_positional()       ? option->get_name()
                             : option->get_lnames().empty() ? std::string()
                                                            : "--" + option->get_lnames().front();
    const std::string_view type = option_type_name(name);
    if (type.empty()) continue;
    option->type_name(std::string(type));
    // CLI11 has no count of an option's validators: get_validator(i) throws past the last one.
    for (int i = 0;; ++i) {
      CLI::Validator* validator = nullptr;
      try {
        validator = option->get_validator(i);
      } catch (const CLI::OptionNotFound&) {
        break;
      }
      if (validator == nullptr) break;
      const std::string said = validator->get_description();
      if (said == "FILE" || said == "DIR" || said == "PATH(existing)") validator->description("");
    }
  }
}

std::string examples_footer(const CommandSpec& spec) {
  if (spec.examples.empty()) return {};
  std::string out = "Examples:\n";
  for (std::string_view example : spec.examples) out += fmt::format("  {}\n", example);
  return out;
}

const CLI::App* find_command(const CLI::App& app, std::string_view name) {
  for (const CLI::App* command : app.get_subcommands(std::function<bool(const CLI::App*)>{})) {
    if (command->get_name() == name) return command;
  }
  return nullptr;
}

/// Whether --format was on the command line (before or after the command's name).
bool format_given(const CLI::App& app) {
  std::size_t count = app.get_option("--format")->count();
  for (const CLI::App* sub : app.get_subcommands()) {
    if (const CLI::Option* option = sub->get_option_no_throw("--format")) count += option->count();
  }
  return count > 0;
}

int help(const CLI::App& app) {
  const CLI::App* sub = find_command(app, "help");
  const CLI::Option* topic = sub ? sub->get_option_no_throw("command") : nullptr;
  if (!topic || topic->count() == 0) {
    // App::help() shows the parsed subcommand's help (here: help's own); the formatter is asked
    // for the top level directly.
    fmt::print("{}", app.get_formatter()->make_help(&app, app.get_name(), CLI::AppFormatMode::Normal));
    return 0;
  }
  const std::string name = topic->as<std::string>();
  if (const CLI::App* command = find_command(app, name); command && name != "help") {
    fmt::print("{}", command->help(app.get_name()));  // "Usage: mtls-doctor probe", as --help says
    return 0;
  }
  std::vector<std::string_view> names;
  for (const CommandSpec& spec : commands()) names.push_back(spec.name);
  return fail(fmt::format("no command '{}' (one of: {}, help)", name, fmt::join(names, ", ")));
}

}  // namespace

std::unique_ptr<CLI::App> make_app(GlobalOptions& global,
                                   std::map<const CLI::App*, CommandRun>* runners) {
  auto app = std::make_unique<CLI::App>(std::string(description), "mtls-doctor");
  app->set_version_flag("--version", fmt::format("mtls-doctor {}", version()));
  app->require_subcommand(0, 1);
  app->fallthrough();  // global options may follow the subcommand
  add_global_options(
      *app, global,
      "text, json, markdown, html or sarif (each command's help says which it prints)");
  for (const CommandSpec& spec : commands()) {
    CLI::App* sub = app->add_subcommand(std::string(spec.name), std::string(spec.summary));
    CommandRun runner = spec.setup(*sub);
    add_global_options(*sub, global, spec.formats);
    sub->footer(examples_footer(spec));
    name_option_types(*sub);
    // The runner owns the storage the options are bound to: it must live as long as the app.
    // Callers that only parse (the manual generator, tests) pass no map; the runners are then
    // kept for the life of the process (a few per call, for tools that build the app once).
    if (runners) {
      (*runners)[sub] = std::move(runner);
    } else {
      static std::vector<CommandRun> kept;
      kept.push_back(std::move(runner));
    }
  }
  CLI::App* help = app->add_subcommand("help", "Show the help of mtls-doctor, or of one command");
  help->add_option("command", "the command to show the help of");
  name_option_types(*help);
  name_option_types(*app);
  app->footer(
      "Examples:\n  mtls-doctor help probe\n  mtls-doctor explain 403.7\n"
      "  mtls-doctor probe https://api.example.com/ --pfx client.pfx\n"
      "Exit status: 0 no error finding, 1 error findings, 2 the input could not be used.\n");
  return app;
}

int run(int argc, char** argv) {
  set_json_errors(false);
  set_command_line(argc, argv);
  GlobalOptions global;
  std::map<const CLI::App*, CommandRun> runners;
  const std::unique_ptr<CLI::App> app = make_app(global, &runners);
  try {
    app->parse(argc, argv);
  } catch (const CLI::CallForHelp&) {
    fmt::print("{}", app->help());
    return 0;
  } catch (const CLI::CallForAllHelp&) {
    fmt::print("{}", app->help("", CLI::AppFormatMode::All));
    return 0;
  } catch (const CLI::CallForVersion&) {
    fmt::print("mtls-doctor {}\n", version());
    return 0;
  } catch (const CLI::ParseError& e) {
    // One line naming what was wrong, then where to look.
    resolve_format(global, format_given(*app));
    set_json_errors(global.format == "json");
    std::string what = e.what();
    if (argc <= 1) what = "no command given";
    return fail(fmt::format("{} (see mtls-doctor --help)", what));
  }
  resolve_format(global, format_given(*app));
  set_json_errors(global.format == "json");

  if (const CLI::App* sub = find_command(*app, "help"); sub && sub->parsed()) return help(*app);
  for (const auto& [sub, runner] : runners) {
    if (sub->parsed()) return runner(global);
  }
  return fail("no command given; try mtls-doctor explain 403.7, or mtls-doctor --help");
}

}  // namespace mtls::cli
