// SPDX-License-Identifier: Apache-2.0
// The PowerShell collection script (scripts/collect.ps1), embedded at build time
// (cmake/collect_script.cmake).
#pragma once

#include <string_view>

namespace mtls::cli {

/// The bytes of scripts/collect.ps1 as they were when the binary was configured.
std::string_view collect_script();

}  // namespace mtls::cli
