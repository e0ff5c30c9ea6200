// SPDX-License-Identifier: Apache-2.0
// One unit of log input read whole (or one piece of a large W3C file): routed by its kind to its
// reader (W3C and nginx/Apache lines, FREB and event XML, .evtx, gzip around any of them).
#pragma once

#include <atomic>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/expected.h"
#include "parse/logs/accumulator.h"
#include "parse/logs/logs.h"

namespace mtls::logs {

/// A unit of work: a whole input, or one piece of a large plain W3C file.
struct Task {
  std::uint32_t file = 0;
  std::string path;   ///< "-" for standard input
  std::string name;   ///< as shown in the report
  LogKind kind = LogKind::unknown;
  bool piece = false;
  std::uint64_t begin = 0;
  std::uint64_t end = 0;
  std::string assumed_fields;  ///< pieces after the first: the file's first #Fields directive
  std::uint64_t size = 0;
};

struct TaskResult {
  Accumulator prefix;
  Accumulator main;
  bool switched = false;           ///< the piece had its own #Fields (main holds what followed)
  std::uint64_t start_offset = 0;  ///< first line owned by the piece
  std::uint64_t prefix_end = 0;    ///< offset of the piece's first #Fields line, or of its end
  std::string last_fields;         ///< the piece's last #Fields directive
  std::optional<Error> error;
  explicit TaskResult(const Filters& f) : prefix(f), main(f) {}
};

/// The site id a path names (".../W3SVC3/u_ex.log" -> 3).
std::optional<std::uint32_t> site_from_path(std::string_view path);
bool is_fields_directive(std::string_view line);
/// The line without its trailing CR and spaces.
std::string_view trim_cr(std::string_view s);

/// Read one task: a whole input of any kind, or a piece of a large W3C file.
TaskResult run_task(const Task& task, const Filters& filters, std::atomic<std::uint64_t>& progress);
/// Re-read the prefix of a piece with the #Fields that was really in effect.
Accumulator reread_prefix(const Task& task, const TaskResult& result, const std::string& fields,
                          const Filters& filters);

}  // namespace mtls::logs
