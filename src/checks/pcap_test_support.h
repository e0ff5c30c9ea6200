// SPDX-License-Identifier: Apache-2.0
// Evidence builders for the pcap_* check tests.
#pragma once

#include "core/evidence.h"

namespace mtls::checks::pcap_test {

inline PcapConnection tls12(int number = 1) {
  PcapConnection c;
  c.file = "cap.pcap";
  c.number = number;
  c.client = "10.0.0.2:50123";
  c.server = "10.0.0.5:443";
  c.sni = "app.example";
  c.tls_version = "TLSv1.2";
  c.first_frame = 1;
  c.client_hello_frame = 4;
  c.server_hello_frame = 6;
  c.handshake_finished = true;
  c.client_cert = "none";
  return c;
}

inline DistinguishedName dn(std::string text, std::string canonical) {
  DistinguishedName d;
  d.text = std::move(text);
  d.der_hex = "DER:" + d.text;
  d.canonical = std::move(canonical);
  return d;
}

inline Evidence with(std::vector<PcapConnection> connections) {
  Evidence e;
  e.pcap = PcapEvidence{};
  e.pcap->files = {"cap.pcap"};
  e.pcap->connections = std::move(connections);
  return e;
}

}  // namespace mtls::checks::pcap_test
