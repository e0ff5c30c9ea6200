// SPDX-License-Identifier: Apache-2.0
// Reading input files for the collection stage: bounded, with errors that name the file.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/sniff.h"
#include "core/expected.h"

namespace mtls::collect {

/// The largest text file read (a real applicationHost.config is well under 1 MiB).
inline constexpr std::uintmax_t kMaxTextFile = 64ull * 1024 * 1024;

/// A file's bytes (at most `limit`), or an error naming it.
Expected<std::string> read_file(const std::string& path, std::uintmax_t limit = kMaxTextFile);
/// A file's first `bytes` bytes (fewer when it is shorter).
Expected<std::string> read_head(const std::string& path, std::size_t bytes = kSniffBytes);
/// A text file decoded to UTF-8 (UTF-16LE/BE with BOM, UTF-8, or ANSI as regedit and netsh write).
Expected<std::string> read_text(const std::string& path, std::string_view display);

}  // namespace mtls::collect
