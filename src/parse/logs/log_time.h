// SPDX-License-Identifier: Apache-2.0
// Log times as Unix seconds.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace mtls::logs {

/// "2024-03-01" "12:34:56[.mmm]" -> Unix seconds (UTC).
std::optional<std::int64_t> parse_date_time(std::string_view date, std::string_view time);
/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil).
std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d);

}  // namespace mtls::logs
