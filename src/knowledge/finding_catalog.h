// SPDX-License-Identifier: Apache-2.0
// The finding catalog (docs/checklist.md): stable ids with severity, checklist step, role, title,
// explanation and remedy. Checks start every finding from here so wording lives in one place.
#pragma once

#include <span>
#include <string_view>
#include <vector>

#include "core/finding.h"

namespace mtls::knowledge {

struct CatalogEntry {
  std::string_view id;
  Severity severity;
  Step step;
  Role role;
  std::string_view title;        ///< one line
  std::string_view explanation;  ///< why it breaks client-certificate authentication
  std::string_view remedy;       ///< what to do, in general terms (checks add exact commands)
  std::vector<std::string_view> see_also;  ///< codes or ids `explain` can take, docs to read
};

std::span<const CatalogEntry> finding_catalog();
const CatalogEntry* find_catalog_entry(std::string_view id);

/// A Finding pre-filled from the catalog (severity, step, role, title, remedy text). The id must
/// be in the catalog: an unknown id is a programming error and throws std::logic_error, which
/// the runner reports as a crashed check.
Finding make_finding(std::string_view id);

}  // namespace mtls::knowledge
