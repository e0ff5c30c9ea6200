// SPDX-License-Identifier: Apache-2.0
// The time a report is made "at": SOURCE_DATE_EPOCH when set (reproducible builds and tests,
// reproducible-builds.org/specs/source-date-epoch), else the system clock.
#pragma once

#include <chrono>

namespace mtls::cli {

std::chrono::sys_seconds now_for_report();

}  // namespace mtls::cli
