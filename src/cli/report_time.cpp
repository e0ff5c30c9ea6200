// SPDX-License-Identifier: Apache-2.0
#include "cli/report_time.h"

#include <charconv>
#include <cstdlib>
#include <string_view>

namespace mtls::cli {

std::chrono::sys_seconds now_for_report() {
  if (const char* epoch = std::getenv("SOURCE_DATE_EPOCH")) {
    const std::string_view text(epoch);
    long long seconds = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), seconds);
    if (ec == std::errc() && end == text.data() + text.size()) return std::chrono::sys_seconds{std::chrono::seconds{seconds}};
  }
  return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
}

}  // namespace mtls::cli
