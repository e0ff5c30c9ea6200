// SPDX-License-Identifier: Apache-2.0
#include "cli/time_option.h"

#include <fmt/format.h>

#include <charconv>
#include <cstdio>

namespace mtls::cli {

Expected<std::chrono::sys_seconds> parse_time(std::string_view text) {
  using namespace std::chrono;
  const auto bad = [&] {
    return unexpected(fmt::format("--at '{}': expected YYYY-MM-DD, YYYY-MM-DDTHH:MM:SSZ (RFC 3339) or @EPOCH", text));
  };
  if (!text.empty() && text.front() == '@') {
    long long seconds = 0;
    auto [p, ec] = std::from_chars(text.data() + 1, text.data() + text.size(), seconds);
    if (ec != std::errc() || p != text.data() + text.size()) return bad();
    return sys_seconds{std::chrono::seconds{seconds}};
  }
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0, consumed = 0;
  const std::string owned(text);
  if (std::sscanf(owned.c_str(), "%4d-%2d-%2d%n", &y, &mo, &d, &consumed) != 3) return bad();
  std::string_view rest = text.substr(static_cast<std::size_t>(consumed));
  long offset = 0;
  if (!rest.empty()) {
    if (rest.front() != 'T' && rest.front() != 't' && rest.front() != ' ') return bad();
    int used = 0;
    const std::string tail(rest.substr(1));
    if (std::sscanf(tail.c_str(), "%2d:%2d:%2d%n", &h, &mi, &s, &used) != 3) return bad();
    std::string_view zone = std::string_view(tail).substr(static_cast<std::size_t>(used));
    if (!zone.empty() && zone.front() == '.') {  // fractional seconds: ignored
      zone.remove_prefix(1);
      while (!zone.empty() && zone.front() >= '0' && zone.front() <= '9') zone.remove_prefix(1);
    }
    if (zone == "Z" || zone == "z" || zone.empty()) {
      offset = 0;
    } else if ((zone.front() == '+' || zone.front() == '-') && zone.size() == 6 && zone[3] == ':') {
      const int oh = (zone[1] - '0') * 10 + (zone[2] - '0');
      const int om = (zone[4] - '0') * 10 + (zone[5] - '0');
      offset = (zone.front() == '+' ? 1 : -1) * (oh * 3600L + om * 60L);
    } else {
      return bad();
    }
  }
  const year_month_day date{year{y}, month{static_cast<unsigned>(mo)}, day{static_cast<unsigned>(d)}};
  if (!date.ok() || h > 23 || mi > 59 || s > 60) return bad();
  return sys_days{date} + hours{h} + minutes{mi} + seconds{s} - seconds{offset};
}

}  // namespace mtls::cli
