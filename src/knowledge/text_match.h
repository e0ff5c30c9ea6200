// SPDX-License-Identifier: Apache-2.0
// Case-insensitive comparison for the tables' lookups: users type codes and names in any case
// ("CERT_E_UNTRUSTEDROOT", "sendtrustedissuerlist", "http_1_1_required").
#pragma once

#include <algorithm>
#include <cctype>
#include <string_view>
#include "core/ascii.h"

namespace mtls::knowledge {

using mtls::iequals;  // core/ascii.h

}  // namespace mtls::knowledge
