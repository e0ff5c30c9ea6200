// SPDX-License-Identifier: Apache-2.0
// The one table of checks. Adding a check: write checks/<name>.cpp (+ _test.cpp) defining
// `Check <name>_check()`, declare it in checks/checks.h, and add it here.
#include "checks/all_checks.h"

#include <vector>

#include "checks/checks.h"

namespace mtls {

std::span<const Check> all_checks() {
  static const std::vector<Check> table{
  };
  return table;
}

}  // namespace mtls
