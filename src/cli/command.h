// SPDX-License-Identifier: Apache-2.0
// A subcommand: it adds its options to CLI11 and returns what to run once parsing succeeded.
// CLI11 stays inside src/cli.
#pragma once

#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace CLI {
class App;
}

namespace mtls::cli {

/// Options every command takes: --format, --output, --no-color, -v/-q.
struct GlobalOptions {
  std::string format = "text";  ///< lower case once parsed (resolve_format in output.h)
  std::string output;           ///< empty = standard output ("-" on the command line)
  bool no_color = false;
  int verbosity = 0;            ///< -q = -1, -v = 1
};

/// The exit status of a command: 0 clean, 1 error findings, 2 could not do its job.
using CommandRun = std::function<int(const GlobalOptions&)>;

struct CommandSpec {
  std::string_view name;
  std::string_view summary;
  /// Add the command's options to `app`; the returned function runs it.
  std::function<CommandRun(CLI::App& app)> setup;
  /// What the command's --format accepts, for its help ("text or json"); set in commands.cpp.
  std::string_view formats = "text, json, markdown, html or sarif";
  /// Command lines shown under "Examples" in the help and the man page; set in commands.cpp.
  std::vector<std::string_view> examples = {};
};

std::span<const CommandSpec> commands();

// One per file in src/cli, listed in commands.cpp.
CommandSpec explain_command();
CommandSpec lab_command();
CommandSpec probe_command();
CommandSpec pcap_command();
CommandSpec cert_command();
CommandSpec store_command();
CommandSpec logs_command();
CommandSpec iis_command();
CommandSpec diagnose_command();
CommandSpec collect_command();  // prints scripts/collect.ps1

}  // namespace mtls::cli

namespace mtls::cli {

/// The type name an option's help shows ("FILE", "DIR", "TIME"...) by its long name or positional
/// name, from commands.cpp; empty when CLI11's own (INT, UINT...) is right.
std::string_view option_type_name(std::string_view option);

}  // namespace mtls::cli
