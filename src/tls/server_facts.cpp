// SPDX-License-Identifier: Apache-2.0
#include "tls/server_facts.h"

#include "knowledge/server_software.h"

namespace mtls::tls {

void keep_software_facts(ProbeAttempt& a, const std::vector<std::pair<std::string, std::string>>& headers,
                         std::string_view body) {
  a.software_headers.clear();
  for (const auto& [name, value] : headers) {
    if (a.software_headers.size() == knowledge::kMaxSoftwareHeaders) break;
    if (knowledge::names_server_software(name)) {
      a.software_headers.emplace_back(name, value.substr(0, knowledge::kMaxSoftwareHeaderValue));
    }
  }
  // Only an error answer's body: a 2xx body is the application's content, not the server's page.
  a.error_page = a.http_status && *a.http_status >= 400 ? std::string(body.substr(0, knowledge::kErrorPageBytes))
                                                        : std::string();
}

}  // namespace mtls::tls
