// SPDX-License-Identifier: Apache-2.0
// read_logs: the planned tasks (input_plan) run on -j N threads (input_reader reads each), their
// accumulators merged in input order, and the one rule for input that yields nothing.
//
// Splitting a large W3C file: piece k (k > 0) starts at the first line beginning at or after its
// byte offset. The #Fields in effect there is not known until the pieces before it are read, so
// each piece assumes the file's first #Fields directive and counts the lines before its own first
// directive into a separate "prefix" accumulator. When the pieces are merged in order, a piece whose
// assumption was wrong (the fields changed in an earlier piece) has its prefix read again with the
// right directive, on the merging thread. Line numbers are counted per piece and shifted when
// merged. Results are merged in input order; workers stay at most 2 × jobs tasks ahead, so memory
// stays bounded by the number of threads, not the number of files.
#include "parse/logs/logs.h"

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <thread>

#include "core/input_file.h"
#include "parse/logs/input_plan.h"
#include "parse/logs/input_reader.h"
#include "parse/logs/progress.h"

namespace mtls::logs {

void run_plan(const InputPlan& plan, const LogOptions& options, const InputSink& sink) {
  const std::vector<Task>& tasks = plan.tasks;
  const unsigned jobs = std::max(1u, options.jobs);

  std::atomic<std::uint64_t> progress{0};
  ProgressPrinter printer(options.progress, plan.total_bytes, progress);
  std::optional<Accumulator> file_acc;  // the current input's pieces, merged in order
  const Task* file_task = nullptr;
  std::vector<Error> file_errors;
  std::size_t file_usable = 0;
  std::uint64_t file_lines = 0;     // lines of the current file merged so far (piece numbering)
  std::string effective_fields;     // the #Fields in effect after the merged pieces of the file

  auto flush = [&] {
    if (file_task == nullptr) return;
    sink(*file_task, std::move(*file_acc), file_errors, file_usable);
    file_acc.reset();
    file_task = nullptr;
    file_errors.clear();
    file_usable = 0;
  };
  auto merge = [&](const Task& task, TaskResult&& r) {
    if (file_task == nullptr || task.file != file_task->file) {
      flush();
      file_task = &task;
      file_acc.emplace(options.filters);
      file_lines = 0;
      effective_fields.clear();
    }
    if (r.error) {
      file_errors.push_back(*r.error);
    } else {
      ++file_usable;
    }
    if (!task.piece) {
      file_acc->merge(std::move(r.main));
      return;
    }
    if (task.begin > 0 && task.assumed_fields != effective_fields) {
      r.prefix = reread_prefix(task, r, effective_fields, options.filters);
    }
    const std::uint64_t piece_lines = r.prefix.lines + r.main.lines;
    r.prefix.merge(std::move(r.main));
    r.prefix.shift_lines(file_lines);
    file_lines += piece_lines;
    if (!r.last_fields.empty()) effective_fields = r.last_fields;
    file_acc->merge(std::move(r.prefix));
  };
  if (jobs == 1 || tasks.size() == 1) {
    for (const Task& t : tasks) merge(t, run_task(t, options.filters, progress));
  } else {
    std::mutex mutex;
    std::condition_variable cv;
    std::vector<std::optional<TaskResult>> results(tasks.size());
    std::size_t next = 0, merged = 0;
    const std::size_t ahead = 2 * static_cast<std::size_t>(jobs);
    std::vector<std::thread> workers;
    for (unsigned w = 0; w < std::min<std::size_t>(jobs, tasks.size()); ++w) {
      workers.emplace_back([&] {
        for (;;) {
          std::size_t i = 0;
          {
            std::unique_lock lock(mutex);
            cv.wait(lock, [&] { return next >= tasks.size() || next < merged + ahead; });
            if (next >= tasks.size()) return;
            i = next++;
          }
          TaskResult r = run_task(tasks[i], options.filters, progress);
          {
            std::lock_guard lock(mutex);
            results[i].emplace(std::move(r));
          }
          cv.notify_all();
        }
      });
    }
    while (merged < tasks.size()) {
      std::optional<TaskResult> r;
      {
        std::unique_lock lock(mutex);
        cv.wait(lock, [&] { return results[merged].has_value(); });
        r = std::move(results[merged]);
        results[merged].reset();
      }
      merge(tasks[merged], std::move(*r));
      {
        std::lock_guard lock(mutex);
        ++merged;
      }
      cv.notify_all();
    }
    for (auto& w : workers) w.join();
  }
  flush();
}

Expected<LogEvidence> finish_logs(const Accumulator& total, const std::vector<std::string>& names, std::size_t usable) {
  LogEvidence evidence;
  total.finish(evidence, names);
  // Nothing read at all: every line unreadable or every file skipped (a text file that is not a
  // log, an nginx error log) is unusable input, not a report of one warning. A log with only its
  // directives (IIS writes #Software/#Fields to a new file before any request) is still a log.
  const bool nothing_read = evidence.entries == 0 && evidence.windows_events_read == 0 &&
                            evidence.httperr_entries == 0 && evidence.freb_files == 0 &&
                            evidence.filtered_out == 0 && evidence.web_server_lines == 0;
  if (nothing_read && (usable == 0 || evidence.lines == 0 || evidence.unparsed != 0 || !evidence.problems.empty())) {
    std::string why = "empty";
    std::string where = names.front();
    std::uint64_t line = 0;
    if (!evidence.problems.empty()) {
      why = evidence.problems.front().message;
      where = evidence.problems.front().file;
    } else if (!evidence.unparsed_examples.empty()) {
      const LogExample& u = evidence.unparsed_examples.front();
      why = fmt::format("{} unreadable line{}, the first: {}", evidence.unparsed, evidence.unparsed == 1 ? "" : "s",
                        u.text);
      where = u.file;
      line = u.line;
    } else if (evidence.lines == 0 && names.size() == 1) {
      return unexpected(file_error(where, "empty", "0 bytes"));
    }
    return unexpected(file_error(where, "no log entry could be read", why, line));
  }
  return evidence;
}



Expected<LogEvidence> read_logs(const std::vector<std::string>& paths, const LogOptions& options) {
  auto plan = plan_inputs(paths, options);
  if (!plan) return unexpected(plan.error());
  Accumulator total(options.filters);
  std::optional<Error> fatal;
  std::size_t usable = 0;
  run_plan(*plan, options, [&](const Task& task, Accumulator&& acc, const std::vector<Error>& errors, std::size_t ok) {
    for (const Error& e : errors) {
      // An unusable named input is fatal (exit 2); inside a folder it is a problem, not fatal.
      if (paths.size() == 1 && plan->inputs.size() == 1) {
        if (!fatal) fatal = e;
      } else {
        total.add_problem(task.name, e.message);
      }
    }
    usable += ok;
    total.merge(std::move(acc));
  });
  if (fatal) return unexpected(*fatal);
  return finish_logs(total, plan->names, usable);
}

}  // namespace mtls::logs
