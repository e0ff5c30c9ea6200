// SPDX-License-Identifier: Apache-2.0
// The `probe --targets FILE` reader: one https:// URL per line, `#` comments, blank lines.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/expected.h"

namespace mtls::cli {

constexpr std::size_t kMaxTargets = 10000;
constexpr std::size_t kMaxTargetLine = 4096;

/// Pure: the URLs of a targets file's text (`path` names it in errors, as `path:line`). Every URL
/// is checked as `probe URL` checks it; an error for the first bad line, for more than kMaxTargets
/// targets, a line over kMaxTargetLine characters, or no target at all.
Expected<std::vector<std::string>> parse_targets(std::string_view text, std::string_view path);

}  // namespace mtls::cli
