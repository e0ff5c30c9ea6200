// SPDX-License-Identifier: Apache-2.0
// Opening an input file, for every reader of the tool, with one wording of what went wrong:
// "FILE[:LINE]: what is wrong (why)" (docs/outputs.md, "Errors"). A named input must be a
// regular file: a folder, a device or a FIFO is refused before anything reads it (a FIFO with
// no writer would block open(2) forever, a device may never end).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/expected.h"

namespace mtls {

/// The one shape of an error about a file: `where` is "FILE" or "FILE:LINE" (line > 0), the
/// message "what (why)" (or "what" when `why` is empty).
Error file_error(std::string_view file, std::string_view what, std::string_view why = {},
                 std::uint64_t line = 0);

/// Why `path` cannot be read as an input file, or its size: it must exist, be readable by this
/// process (open(2) is asked, without blocking: mode bits do not bind root) and be a regular file;
/// an empty one is refused too unless `empty_ok`. `shown` names it in the error (default: path).
Expected<std::uintmax_t> check_input_file(const std::string& path, std::string_view shown = {},
                                          bool empty_ok = false);

/// The bytes of an input file of at most `limit` bytes (an error beyond), after the checks of
/// check_input_file.
Expected<std::string> read_input_file(const std::string& path, std::uintmax_t limit,
                                      std::string_view shown = {}, bool empty_ok = false);

/// The first `bytes` bytes of an input file (fewer when it is shorter; an empty file gives "").
Expected<std::string> read_input_head(const std::string& path, std::size_t bytes,
                                      std::string_view shown = {});

}  // namespace mtls
