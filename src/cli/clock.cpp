// SPDX-License-Identifier: Apache-2.0
#include "cli/clock.h"

#include <charconv>
#include <cstdlib>
#include <cstring>

namespace mtls::cli {

std::chrono::sys_seconds now_for_report() {
  if (const char* epoch = std::getenv("SOURCE_DATE_EPOCH")) {
    long long seconds = 0;
    const char* end = epoch + std::strlen(epoch);
    auto [p, ec] = std::from_chars(epoch, end, seconds);
    if (ec == std::errc() && p == end) return std::chrono::sys_seconds{std::chrono::seconds{seconds}};
  }
  return std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
}

}  // namespace mtls::cli
