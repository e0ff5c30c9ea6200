// SPDX-License-Identifier: Apache-2.0
// A Report with every evidence part filled, for renderer golden tests and schema validation.
#pragma once

#include "core/report.h"

namespace mtls::testing {

Report sample_report();

}  // namespace mtls::testing
