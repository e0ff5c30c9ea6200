// SPDX-License-Identifier: Apache-2.0
// regedit exports: "Windows Registry Editor Version 5.00" (UTF-16LE with BOM, or UTF-8/ANSI as
// people save them) and "REGEDIT4". Keys, deletions ([-KEY], "Name"=-), string, dword, and every
// hex(N) form (binary, expand-string, multi-string, qword) with "\" continuation lines.
#pragma once

#include <string_view>
#include <vector>

#include "core/expected.h"
#include "parse/iis/registry.h"

namespace mtls::parse {

/// Parses UTF-8 text (see decode_text). Errors name "source_name:line".
Expected<std::vector<RegistryKey>> parse_reg_export(std::string_view text, std::string_view source_name);

}  // namespace mtls::parse
