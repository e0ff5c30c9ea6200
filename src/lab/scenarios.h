// SPDX-License-Identifier: Apache-2.0
// The known failures `mtls-doctor lab` reproduces, one scenario each, as data: what real server it
// imitates, how its TLS layer behaves, and which findings a probe with the lab's client
// certificate should report.
#pragma once

#include <span>
#include <string_view>
#include <vector>

#include "tls/lab_pki.h"
#include "tls/lab_server.h"

namespace mtls::lab {

struct Scenario {
  std::string_view name;
  std::string_view imitates;  ///< the real-world configuration it reproduces
  tls::ClientAuthWhen when;
  bool tls13;
  bool list_client_ca;   ///< the CertificateRequest names the client's CA (else the other CA)
  bool empty_ca_list;    ///< no CA names at all
  bool trust_client_ca;  ///< the server trusts the client's CA (else only the other CA)
  std::vector<std::string_view> expected_findings;  ///< what a probe with the lab identity reports
};

std::span<const Scenario> scenarios();
const Scenario* find_scenario(std::string_view name);

/// The server configuration for a scenario, given the lab's PKI files.
tls::LabServerConfig server_config(const Scenario& scenario, const tls::LabPkiFiles& pki);

}  // namespace mtls::lab
