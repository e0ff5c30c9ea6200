// SPDX-License-Identifier: Apache-2.0
// One log entry as a reader hands it to the Accumulator.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace mtls::logs {

/// One log entry, as views into the line (valid only during the call).
struct Entry {
  std::uint32_t file = 0;  ///< index into the input's file names
  std::uint64_t line = 0;
  std::string_view text;   ///< the whole line
  std::optional<std::int64_t> time;
  std::string_view client;
  std::string_view uri;
  std::string_view user_agent;
  int status = 0;
  /// Absent when the #Fields list has no sc-substatus / sc-win32-status (IIS 4 and 5 logs, and
  /// trimmed field sets): an unknown value is not 0.
  std::optional<int> substatus;
  std::optional<std::uint32_t> win32;
};

}  // namespace mtls::logs
