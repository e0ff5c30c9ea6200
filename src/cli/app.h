// SPDX-License-Identifier: Apache-2.0
// The command line: one CLI11 tree built from the command table (commands.cpp), used to run a
// command and, at build time, to write the man page and the shell completions (manual.h) so that
// neither can drift from what the binary accepts.
#pragma once

#include <map>
#include <memory>

#include "cli/command.h"

namespace CLI {
class App;
}

namespace mtls::cli {

/// Parse the command line and run the chosen command; returns the process exit status.
int run(int argc, char** argv);

/// Every command of the table with its own options, the global options (on the top level and in
/// each command, so that each command's help shows them), `help [COMMAND]`, the FILE/DIR type
/// names and the examples. Options write into `global`; `runners` (if given) receives what each
/// subcommand runs.
std::unique_ptr<CLI::App> make_app(GlobalOptions& global,
                                   std::map<const CLI::App*, CommandRun>* runners = nullptr);

}  // namespace mtls::cli
