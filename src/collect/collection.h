// SPDX-License-Identifier: Apache-2.0
// What the collection stage hands to the checks: one Evidence and the inputs it came from.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/evidence.h"

namespace mtls::collect {

struct Collection {
  Evidence evidence;
  std::vector<std::string> inputs;  ///< for the report's `inputs`: the URL and the paths, as given
  /// Validity is judged at this time instead of now (`cert --at`, `store --at`).
  std::optional<SysSeconds> judged_at;
};

}  // namespace mtls::collect
