// SPDX-License-Identifier: Apache-2.0
// mtls-doctor iis [--config FILE]... [--web-config VPATH=FILE]... [--sslcert FILE]...
//                 [--registry FILE.reg|HIVE]...
// Reads what the admin exported from the Windows server, offline on any OS, and walks C1, C2, C3,
// C8–C11 and C14.
#include <CLI/CLI.hpp>

#include <memory>

#include "cli/command.h"
#include "cli/pipeline.h"
#include "collect/sources.h"

namespace mtls::cli {

CommandSpec iis_command() {
  return {"iis", "Read IIS, http.sys and Schannel configuration exported from a Windows server",
          [](CLI::App& app) -> CommandRun {
            auto in = std::make_shared<collect::IisInputs>();
            app.add_option("--config", in->configs, "applicationHost.config (or a web.config read at the server level)");
            app.add_option("--web-config", in->web_configs,
                           "VPATH=FILE: a web.config and the virtual path it lives at (\"Default Web Site/app=web.config\")");
            app.add_option("--sslcert", in->sslcerts, "output of `netsh http show sslcert` (UTF-8 or UTF-16LE)");
            app.add_option("--registry", in->registries,
                           "a .reg export or a hive saved with `reg save` (SYSTEM, SOFTWARE, NTUSER.DAT)");
            return [in](const GlobalOptions& options) {
              return run_pipeline(options,
                                  {.command = "iis",
                                   .scope = {Step::C1, Step::C2, Step::C3, Step::C8, Step::C9, Step::C10, Step::C11,
                                             Step::C14}},
                                  [&] { return collect::collect_iis(*in); });
            };
          }};
}

}  // namespace mtls::cli
