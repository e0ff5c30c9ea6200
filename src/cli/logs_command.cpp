// SPDX-License-Identifier: Apache-2.0
// mtls-doctor logs PATH... [--since T] [--until T] [--site ID] [--window SECONDS] [-j N]
// IIS W3C and HTTPERR logs, FREB traces, .evtx and event XML; files, folders, .gz, "-" for stdin.
#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <unistd.h>

#include <thread>

#include "checks/all_checks.h"
#include "cli/clock.h"
#include "cli/command.h"
#include "cli/output.h"
#include "core/runner.h"
#include "core/version.h"
#include "parse/logs/logs.h"

namespace mtls::cli {
namespace {

/// "2024-03-01T10:00:00Z", "2024-03-01 10:00:00" or "2024-03-01" (UTC, as IIS logs).
Expected<std::int64_t> parse_time_option(std::string_view text, bool end_of_day) {
  std::string_view date = text.substr(0, 10);
  std::string_view time = end_of_day ? "23:59:59" : "00:00:00";
  if (text.size() > 10) {
    if (text[10] != 'T' && text[10] != ' ') return unexpected(fmt::format("bad time \"{}\" (use 2024-03-01T10:00:00Z)", text));
    time = text.substr(11);
    if (time.ends_with('Z')) time.remove_suffix(1);
  }
  auto t = logs::parse_date_time(date, time);
  if (!t || (time.size() != 8)) return unexpected(fmt::format("bad time \"{}\" (use 2024-03-01T10:00:00Z)", text));
  return *t;
}

}  // namespace

CommandSpec logs_command() {
  return {"logs", "Triage IIS W3C, HTTPERR, Failed Request Tracing and Schannel event logs",
          [](CLI::App& app) -> CommandRun {
            struct Args {
              std::vector<std::string> paths;
              std::string since, until;
              std::uint32_t site = 0;
              int window = 60;
              unsigned jobs = 1;
            };
            auto a = std::make_shared<Args>();
            app.add_option("path", a->paths, "log files or folders (W3SVC*, HTTPERR, FailedReqLogFiles, .evtx, .gz); - for stdin")
                ->required();
            app.add_option("--since", a->since, "only entries at or after this UTC time (2024-03-01T10:00:00Z)");
            app.add_option("--until", a->until, "only entries at or before this UTC time");
            app.add_option("--site", a->site, "only this IIS site id (W3SVC<ID>)")->check(CLI::PositiveNumber);
            app.add_option("--window", a->window, "seconds between a 500 and the 403.7 it explains")
                ->capture_default_str()
                ->check(CLI::Range(1, 86400));
            app.add_option("-j,--jobs", a->jobs, "threads (large files are split)")
                ->capture_default_str()
                ->check(CLI::Range(1u, 256u));
            return [a](const GlobalOptions& options) {
              logs::LogOptions lo;
              if (!a->since.empty()) {
                auto t = parse_time_option(a->since, false);
                if (!t) return fail("--since: " + t.error().message);
                lo.filters.since = *t;
              }
              if (!a->until.empty()) {
                auto t = parse_time_option(a->until, true);
                if (!t) return fail("--until: " + t.error().message);
                lo.filters.until = *t;
              }
              if (a->site != 0) lo.filters.site = a->site;
              lo.filters.window_seconds = a->window;
              lo.jobs = a->jobs;
              // Progress only for a person watching: stderr is a terminal and not quiet.
              lo.progress = ::isatty(STDERR_FILENO) == 1 && options.verbosity >= 0;
              auto format = output_format(options);
              if (!format) return fail(format.error());
              auto read = logs::read_logs(a->paths, lo);
              if (!read) return fail(read.error());
              Evidence evidence;
              for (const LogFileProblem& p : read->problems) evidence.problems.push_back({p.file, p.message});
              evidence.logs = std::move(*read);
              RunOptions run{.command = "logs",
                             .inputs = a->paths,
                             .version = std::string(version()),
                             .context = CheckContext{now_for_report()},
                             .scope = {Step::C2, Step::C7, Step::C10, Step::C11, Step::C13}};
              return emit_report(options, run_checks(all_checks(), std::move(evidence), run));
            };
          }};
}

}  // namespace mtls::cli
