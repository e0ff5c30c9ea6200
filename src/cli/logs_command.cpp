// SPDX-License-Identifier: Apache-2.0
// mtls-doctor logs PATH... [--since T] [--until T] [--site ID] [--window SECONDS] [-j N]
// IIS W3C and HTTPERR logs, FREB traces, .evtx and event XML, nginx and Apache logs; files, folders,
// .gz, "-" for stdin. --partial writes each input's aggregate as a JSON line (the map step of a
// farm), --merge PARTIAL... turns such lines into the report (the reduce step): docs/scale.md.
#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <unistd.h>

#include <thread>

#include "cli/command.h"
#include "cli/output.h"
#include "cli/pipeline.h"
#include "parse/logs/logs.h"
#include "parse/logs/partial.h"

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

/// The logs as the whole collection: their problems are the report's problems.
collect::Collection logs_collection(LogEvidence logs, const std::vector<std::string>& paths) {
  collect::Collection c;
  for (const LogFileProblem& p : logs.problems) c.evidence.problems.push_back({p.file, p.message});
  c.evidence.logs = std::move(logs);
  c.inputs = paths;
  return c;
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
              bool partial = false;
              bool merge = false;
            };
            auto a = std::make_shared<Args>();
            app.add_option("path", a->paths,
                           "log files or folders (W3SVC*, HTTPERR, FailedReqLogFiles, .evtx, .gz); - for stdin; with --merge, "
                           "partial files")
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
            auto* partial = app.add_flag("--partial", a->partial,
                                         "write each input's mergeable aggregate as one JSON line instead of a report "
                                         "(the map step: docs/scale.md)");
            app.add_flag("--merge", a->merge,
                         "the paths are --partial outputs: merge them into the report logs gives on all the inputs "
                         "(the reduce step)")
                ->excludes(partial);
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
              const std::vector<Step> scope{Step::C2, Step::C7, Step::C10, Step::C11, Step::C13};
              if (a->merge) {
                // The filters were applied by the map steps; each partial line carries them.
                if (lo.filters.since || lo.filters.until || lo.filters.site || a->window != 60) {
                  return fail("--merge: --since, --until, --site and --window belong to the --partial runs");
                }
                return run_pipeline(options, PipelineSpec{.command = "logs", .scope = scope},
                                    [&a]() -> Expected<collect::Collection> {
                                      auto merged = logs::merge_partials(a->paths);
                                      if (!merged) return unexpected(merged.error());
                                      return logs_collection(std::move(*merged), a->paths);
                                    });
              }
              if (a->partial) {
                std::string out;
                auto written = logs::write_partials(a->paths, lo, [&out](std::string_view line) {
                  out.append(line);
                  out.push_back('\n');
                });
                if (!written) return fail(written.error());
                return emit(options, out);
              }
              return run_pipeline(options, PipelineSpec{.command = "logs", .scope = scope},
                                  [&a, &lo]() -> Expected<collect::Collection> {
                                    auto read = logs::read_logs(a->paths, lo);
                                    if (!read) return unexpected(read.error());
                                    return logs_collection(std::move(*read), a->paths);
                                  });
            };
          }};
}

}  // namespace mtls::cli
