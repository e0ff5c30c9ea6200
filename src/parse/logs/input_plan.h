// SPDX-License-Identifier: Apache-2.0
// What read_logs will read: paths expanded (folders recursively, sorted), each input's kind, and
// the tasks (one per input, or pieces of a large plain W3C file when there are several threads).
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "core/expected.h"
#include "parse/logs/input_reader.h"
#include "parse/logs/logs.h"

namespace mtls::logs {

struct InputPlan {
  std::vector<std::string> inputs;  ///< the files, folders expanded
  std::vector<std::string> names;   ///< as shown in the report, one per input
  std::vector<Task> tasks;          ///< in input order; the pieces of one file are consecutive
  std::uint64_t total_bytes = 0;
};

/// An error when a path cannot be read at all or a folder holds no log file.
Expected<InputPlan> plan_inputs(const std::vector<std::string>& paths, const LogOptions& options);

/// One input read: its first task, its accumulator (its pieces merged), the errors of its tasks,
/// and how many of its tasks were read without one.
using InputSink = std::function<void(const Task& task, Accumulator&& acc, const std::vector<Error>& errors,
                                     std::size_t usable_tasks)>;

/// Run the plan's tasks on options.jobs threads; `sink` sees each input once, in input order.
void run_plan(const InputPlan& plan, const LogOptions& options, const InputSink& sink);

/// The evidence of everything merged, or the one error of input that yields nothing: every line
/// unreadable, every file skipped (`usable`: tasks read without error).
Expected<LogEvidence> finish_logs(const Accumulator& total, const std::vector<std::string>& names, std::size_t usable);

}  // namespace mtls::logs
