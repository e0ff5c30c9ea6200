// SPDX-License-Identifier: Apache-2.0
// Case-insensitive comparison for the tables' lookups: users type codes and names in any case
// ("CERT_E_UNTRUSTEDROOT", "sendtrustedissuerlist", "http_1_1_required").
#pragma once

#include <algorithm>
#include <cctype>
#include <string_view>

namespace mtls::knowledge {

/// ASCII case-insensitive equality (the codes and names of the tables are ASCII).
inline bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() &&
         std::equal(a.begin(), a.end(), b.begin(), [](unsigned char x, unsigned char y) {
           return std::tolower(x) == std::tolower(y);
         });
}

}  // namespace mtls::knowledge
