// SPDX-License-Identifier: Apache-2.0
// A subcommand: it adds its options to CLI11 and returns what to run once parsing succeeded.
// CLI11 stays inside src/cli.
#pragma once

#include <functional>
#include <span>
#include <string>
#include <string_view>

namespace CLI {
class App;
}

namespace mtls::cli {

/// Options every command takes (DESIGN §3 global options).
struct GlobalOptions {
  std::string format = "text";
  std::string output;  ///< empty = standard output
  bool no_color = false;
  int verbosity = 0;   ///< -q = -1, -v = 1
};

/// The exit status of a command (DESIGN §3): 0 clean, 1 error findings, 2 could not do its job.
using CommandRun = std::function<int(const GlobalOptions&)>;

struct CommandSpec {
  std::string_view name;
  std::string_view summary;
  /// Add the command's options to `app`; the returned function runs it.
  std::function<CommandRun(CLI::App& app)> setup;
};

std::span<const CommandSpec> commands();

// One per file in src/cli, listed in commands.cpp.
CommandSpec explain_command();
CommandSpec lab_command();
// probe (issue 4)
CommandSpec probe_command();
// Packet captures (issue 7).
CommandSpec pcap_command();
// --- certificates and trust stores (issue 3) ---
CommandSpec cert_command();
CommandSpec store_command();
CommandSpec logs_command();  // logs (issue 6)
CommandSpec iis_command();  // iis (issue 5)
CommandSpec diagnose_command();
CommandSpec collect_command();  // prints scripts/collect.ps1

}  // namespace mtls::cli
