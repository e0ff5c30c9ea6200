// SPDX-License-Identifier: Apache-2.0
// Evidence parts as JSON (DESIGN §5 `evidence`). Private to src/render: nlohmann-json types
// appear nowhere else.
#pragma once

#include <nlohmann/json.hpp>

#include "core/evidence.h"

namespace mtls::json {

using Json = nlohmann::ordered_json;

Json evidence_ref(const EvidenceRef& ref);
Json certificate(const CertificateFacts& c);
Json evidence(const Evidence& e);

}  // namespace mtls::json
