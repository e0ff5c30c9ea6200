// SPDX-License-Identifier: Apache-2.0
// Declarations of every check; each is defined in checks/<name>.cpp beside its test.
#pragma once

#include "core/check.h"

namespace mtls::checks {

}  // namespace mtls::checks
