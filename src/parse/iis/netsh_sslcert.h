// SPDX-License-Identifier: Apache-2.0
// `netsh http show sslcert` output, from any Windows version: IP:port, Hostname:port and Central
// Certificate Store bindings with every field netsh prints (Server 2016-2022). Pasted output
// is tolerated: prompts, headers, prose and "(null)" values; fields a build does not print stay
// absent.
#pragma once

#include <string_view>
#include <vector>

#include "core/evidence/iis.h"
#include "core/expected.h"

namespace mtls::parse {

/// Parses UTF-8 text (see decode_text). Errors name "source_name:line".
Expected<std::vector<HttpSysBinding>> parse_netsh_sslcert(std::string_view text, std::string_view source_name);


}  // namespace mtls::parse
