// SPDX-License-Identifier: Apache-2.0
// IIS W3C, HTTPERR, FREB and event-log facts, reduced to counts and first examples (checklist C11,
// C13). Filled by src/parse log readers; DESIGN §5 `evidence.logs`.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "core/evidence_ref.h"

namespace mtls {

struct LogEvidence {
  std::vector<std::string> files;
  std::uint64_t lines = 0;
  std::uint64_t entries = 0;
  std::uint64_t unparsed = 0;
  std::map<std::string, std::uint64_t> by_status;  ///< "403.7" -> count
  std::map<std::string, std::uint64_t> by_win32;   ///< "64" -> count
};

}  // namespace mtls
