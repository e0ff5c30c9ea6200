// SPDX-License-Identifier: Apache-2.0
// mtls-doctor iis [--config FILE]... [--web-config VPATH=FILE]... [--sslcert FILE]...
//                 [--registry FILE.reg|HIVE]...
// Reads what the admin exported from the Windows server, offline on any OS, and walks C1, C2, C3,
// C8–C11 and C14.
#include <CLI/CLI.hpp>

#include <memory>

#include "checks/all_checks.h"
#include "cli/clock.h"
#include "cli/command.h"
#include "cli/output.h"
#include "collect/iis_inputs.h"
#include "core/runner.h"
#include "core/version.h"

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
              if (in->configs.empty() && in->web_configs.empty() && in->sslcerts.empty() && in->registries.empty()) {
                return fail("iis needs at least one of --config, --web-config, --sslcert, --registry");
              }
              auto format = output_format(options);
              if (!format) return fail(format.error());
              auto iis = collect::read_iis_inputs(*in);
              if (!iis) return fail(iis.error());
              Evidence evidence;
              const std::vector<std::string> inputs = iis->inputs;
              evidence.iis = std::move(*iis);
              RunOptions run{.command = "iis",
                             .inputs = inputs,
                             .version = std::string(version()),
                             .context = CheckContext{now_for_report()},
                             .scope = {Step::C1, Step::C2, Step::C3, Step::C8, Step::C9, Step::C10, Step::C11, Step::C14}};
              return emit_report(options, run_checks(all_checks(), std::move(evidence), run));
            };
          }};
}

}  // namespace mtls::cli
