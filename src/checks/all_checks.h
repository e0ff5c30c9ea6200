// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <span>

#include "core/check.h"

namespace mtls {

/// Every check, in the one table (checks/all_checks.cpp).
std::span<const Check> all_checks();

}  // namespace mtls
