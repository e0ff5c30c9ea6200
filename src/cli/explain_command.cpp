// SPDX-License-Identifier: Apache-2.0
// mtls-doctor explain CODE: 403.7, "403 7 64", 64, 0x40, 2148204809, 0x800B0109, alert 116,
// certificate_required, a finding id or a setting name.
#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <fmt/ranges.h>

#include "cli/command.h"
#include "cli/output.h"
#include "knowledge/explain.h"

namespace mtls::cli {

CommandSpec explain_command() {
  return {"explain", "Explain an IIS status, Win32/HRESULT code, TLS alert, setting or finding id",
          [](CLI::App& app) -> CommandRun {
            auto words = std::make_shared<std::vector<std::string>>();
            app.add_option("code", *words,
                           "403.7 | \"403 7 64\" | 64 | 0x800B0109 | alert 116 | certificate_required | "
                           "a finding id | SendTrustedIssuerList")
                ->required();
            return [words](const GlobalOptions& options) {
              auto format = output_format(options);
              if (!format) return fail(format.error().to_string());
              if (*format == Format::sarif) return fail("explain cannot print sarif (text, json, markdown or html)");
              // "alert 116" and "403 7 64" arrive as several words when not quoted.
              const std::string query = fmt::format("{}", fmt::join(*words, " "));
              auto result = knowledge::explain(query);
              if (!result) return fail(result.error().to_string());
              const RenderOptions render_options{.color = use_color(options), .verbosity = options.verbosity};
              return emit(options, render_explanation(*result, *format, render_options));
            };
          }};
}

}  // namespace mtls::cli
