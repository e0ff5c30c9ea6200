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

/// The netsh parameter that names a binding: "ipport=0.0.0.0:443", "hostnameport=h:443", "ccs=443".
std::string netsh_binding_key(const HttpSysBinding& binding);

}  // namespace mtls::parse
