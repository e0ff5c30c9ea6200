// SPDX-License-Identifier: Apache-2.0
// mtls-doctor explain CODE: 403.7, "403 7 64", 64, 0x40, 2148204809, 0x800B0109, alert 116,
// certificate_required, a finding id, a setting name, verify 20, C11, a pasted nginx/Apache log
// line, a browser/curl/Java/.NET error or a Schannel event; `--list [FAMILY]` lists what it knows.
#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <fmt/ranges.h>

#include "cli/command.h"
#include "cli/output.h"
#include "knowledge/explain.h"

namespace mtls::cli {

CommandSpec explain_command() {
  return {"explain",
          "Explain an IIS status, Win32/HRESULT code, TLS alert, OpenSSL verify code, server log "
          "line, client error, Schannel event, checklist step, setting or finding id",
          [](CLI::App& app) -> CommandRun {
            auto words = std::make_shared<std::vector<std::string>>();
            auto list = std::make_shared<bool>(false);
            app.add_option("code", *words,
                           "403.7 | \"403 7 64\" | 64 | 0x800B0109 | alert 116 | verify 20 | "
                           "ERR_BAD_SSL_CLIENT_AUTH_CERT | \"curl 35\" | AH02261 | C11 | "
                           "a pasted log line | a finding id | SendTrustedIssuerList "
                           "(with --list: a code family)");
            app.add_flag("--list", *list,
                         "list the code families with their counts, or with FAMILY its codes");
            return [words, list](const GlobalOptions& options) {
              auto format = output_format(options);
              if (!format) return fail(format.error());
              if (*format == Format::sarif) {
                return fail("explain cannot print sarif (text, json, markdown or html)");
              }
              // "alert 116" and "403 7 64" arrive as several words when not quoted.
              const std::string query = fmt::format("{}", fmt::join(*words, " "));
              if (!*list && query.empty()) {
                return fail("nothing to explain: give a code such as 403.7 or 0x800B0109, or "
                            "--list for what explain knows");
              }
              const Expected<ExplainResult> result = [&]() -> Expected<ExplainResult> {
                if (!*list) return knowledge::explain(query);
                if (query.empty()) return knowledge::list_families();
                return knowledge::list_family(query);
              }();
              if (!result) return fail(result.error());
              return emit(options, render_explanation(*result, *format, render_options(options)));
            };
          }};
}

}  // namespace mtls::cli
