// SPDX-License-Identifier: Apache-2.0
// --at TIME: "2026-05-01", "2026-05-01T12:00:00Z" (RFC 3339, UTC or with an offset) or "@EPOCH".
#pragma once

#include <chrono>
#include <string_view>

#include "core/expected.h"

namespace mtls::cli {

Expected<std::chrono::sys_seconds> parse_time(std::string_view text);

}  // namespace mtls::cli
