// SPDX-License-Identifier: Apache-2.0
// What `mtls-doctor explain CODE` answers, as plain data for the renderers; the knowledge tables
// fill it (knowledge/explain.h).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/finding.h"

namespace mtls {

/// One explained code, in plain data for the renderers.
struct Explanation {
  std::string kind;         ///< "IIS status", "Win32 error", "HRESULT", "TLS alert", "finding", "setting"
  std::string code;         ///< canonical spelling: "403.7", "0x800B0109 (2148204809)", "alert 116"
  std::string name;         ///< "Client certificate required", "CERT_E_UNTRUSTEDROOT"
  std::string meaning;
  std::string client_cert;  ///< what it means for client-certificate authentication
  std::vector<std::string> causes;
  std::vector<std::string> next_steps;
  std::vector<RemedyCommand> commands;  ///< exact commands that act on it (a setting's)
  std::vector<std::string> see_also;
};

struct ExplainResult {
  std::string query;
  std::vector<Explanation> parts;  ///< a W3C triple gives the status and the win32 code
};

}  // namespace mtls
