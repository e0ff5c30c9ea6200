// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string_view>

namespace mtls {

/// The release version, from CMake's project(VERSION).
std::string_view version();

}  // namespace mtls
