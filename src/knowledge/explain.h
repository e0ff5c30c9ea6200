// SPDX-License-Identifier: Apache-2.0
// `mtls-doctor explain CODE`: recognise what the user pasted (403.7, "403 7 64", 64, 0x40,
// 2148204809, 0x800B0109, -2146762487, alert 116, certificate_required, a finding id, a setting
// name, an OpenSSL verify code, a checklist step, an nginx/Apache log line, a browser, curl, Java
// or .NET error, a Schannel event) and answer from the knowledge tables.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/expected.h"
#include "core/explanation.h"

namespace mtls::knowledge {

/// Explain a code; an unknown one is an Error whose message lists the closest known codes.
Expected<ExplainResult> explain(std::string_view query);

/// `explain --list`: one part per code family (kind "code family"), with its count and source.
ExplainResult list_families();
/// `explain --list FAMILY`: every code of the family; an unknown family is an Error naming them.
Expected<ExplainResult> list_family(std::string_view family);

/// Up to `limit` known codes closest to `query` (edit distance over every spelling we accept).
std::vector<std::string> closest_codes(std::string_view query, std::size_t limit = 3);

}  // namespace mtls::knowledge
