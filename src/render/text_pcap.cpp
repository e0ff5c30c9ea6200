// SPDX-License-Identifier: Apache-2.0
// The text report's section on evidence.pcap.
#include <fmt/chrono.h>
#include <fmt/format.h>
#include <fmt/ranges.h>

#include "render/text_evidence.h"

namespace mtls::text {

void pcap(std::string& out, const text::Styler& s, const PcapEvidence& p) {
  out += fmt::format("\n{} {} connection{}\n", s(Style::bold, "Capture:"), p.connections.size(),
                     p.connections.size() == 1 ? "" : "s");
  for (const PcapConnection& c : p.connections) {
    out += fmt::format("  {} -> {} {} request: {} client certificate: {}\n", c.client, c.server,
                       c.tls_version, to_string(c.cert_request), c.client_cert);
  }
}

}  // namespace mtls::text
