// SPDX-License-Identifier: Apache-2.0
// What of an HTTP answer the probe keeps to recognise the server software
// (knowledge/server_software.h): the identifying headers and the start of an error page, bounded;
// nothing else of a response (cookies, tokens, content) is held.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/evidence/probe.h"

namespace mtls::tls {

/// Fill `a.software_headers` and `a.error_page` from one answer (`a.http_status` already set).
void keep_software_facts(ProbeAttempt& a, const std::vector<std::pair<std::string, std::string>>& headers,
                         std::string_view body);

}  // namespace mtls::tls
