// SPDX-License-Identifier: Apache-2.0
// mtls-doctor collect --print-script: the PowerShell script that gathers, on an IIS server, what
// `diagnose --bundle` reads (docs/collect.md). The script runs on Windows; this only prints it.
#include <CLI/CLI.hpp>

#include <memory>

#include "cli/collect_script.h"
#include "cli/command.h"
#include "cli/output.h"

namespace mtls::cli {

CommandSpec collect_command() {
  return {"collect", "Print the PowerShell script that collects an IIS server's evidence (one zip)",
          [](CLI::App& app) -> CommandRun {
            auto print = std::make_shared<bool>(false);
            app.add_flag("--print-script", *print,
                         "print the collection script: collect --print-script > collect.ps1");
            return [print](const GlobalOptions& options) {
              if (!*print) {
                return fail(
                    "collect runs on the Windows server: save the script with "
                    "'mtls-doctor collect --print-script > collect.ps1' and run it there in an "
                    "elevated PowerShell (docs/collect.md)");
              }
              if (options.format != "text") {
                return fail("collect --print-script prints the script itself (no --format)");
              }
              return emit(options, collect_script());
            };
          }};
}

}  // namespace mtls::cli
