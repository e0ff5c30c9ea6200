// SPDX-License-Identifier: Apache-2.0
// The "what was seen" sections of the text report, one per evidence part.
#pragma once

#include <string>

#include "core/evidence.h"

namespace mtls {

std::string render_text_evidence(const Evidence& evidence, bool color);

}  // namespace mtls
