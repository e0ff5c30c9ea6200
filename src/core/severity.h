// SPDX-License-Identifier: Apache-2.0
// Finding severities: error = client-certificate authentication will fail,
// warning = fails for some clients or conditions, info = a fact worth knowing.
#pragma once

#include <optional>
#include <string_view>

namespace mtls {

enum class Severity { error, warning, info };

constexpr std::string_view to_string(Severity severity) {
  switch (severity) {
    case Severity::error: return "error";
    case Severity::warning: return "warning";
    case Severity::info: return "info";
  }
  return "error";
}

std::optional<Severity> parse_severity(std::string_view text);

}  // namespace mtls
