// SPDX-License-Identifier: Apache-2.0
// Test helper for the log.* checks: evidence from an inline W3C log through the real reader.
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <string_view>

#include "core/check.h"
#include "parse/logs/logs.h"

namespace mtls::checks::testing {

inline constexpr std::string_view kW3cHeader =
    "#Fields: date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) "
    "cs(Referer) sc-status sc-substatus sc-win32-status time-taken\n";

inline std::string w3c_line(std::string_view time, std::string_view ip, std::string_view triple,
                            std::string_view uri = "/secure/") {
  return std::string("2024-03-01 ") + std::string(time) + " 10.0.0.5 GET " + std::string(uri) + " - 443 - " +
         std::string(ip) + " Mozilla/5.0 - " + std::string(triple) + " 15\n";
}

inline Evidence log_evidence(std::string_view text, std::string_view name = "u_ex240301.log") {
  auto logs = logs::parse_log_text(text, name);
  EXPECT_TRUE(logs) << (logs ? "" : logs.error().to_string());
  Evidence e;
  if (logs) e.logs = std::move(*logs);
  return e;
}

inline CheckResult run_check(const Check& check, const Evidence& evidence) {
  return check.run(evidence, CheckContext{});
}

}  // namespace mtls::checks::testing
