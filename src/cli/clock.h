// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <chrono>

namespace mtls::cli {

/// The time checks judge by and reports carry: SOURCE_DATE_EPOCH when set (reproducible runs and
/// golden tests, reproducible-builds.org), else now.
std::chrono::sys_seconds now_for_report();

}  // namespace mtls::cli
