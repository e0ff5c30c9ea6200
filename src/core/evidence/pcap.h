// SPDX-License-Identifier: Apache-2.0
// TLS handshakes read off a packet capture (checklist C3, C8, C11, C12).
// Filled by src/capture; DESIGN §5 `evidence.pcap`.
#pragma once

#include <string>
#include <vector>

#include "core/evidence/probe.h"

namespace mtls {

struct PcapConnection {
  std::string client;  ///< "10.0.0.2:50123"
  std::string server;  ///< "10.0.0.5:443"
  std::string tls_version;
  CertRequestTiming cert_request = CertRequestTiming::none;
  std::vector<std::string> ca_names;
  std::vector<DistinguishedName> ca_list;
  std::string client_cert;  ///< "sent", "empty", "none", "encrypted"
  std::vector<std::string> alerts;
  EvidenceRef origin;
};

struct PcapEvidence {
  std::vector<std::string> files;
  std::vector<PcapConnection> connections;
};

}  // namespace mtls
