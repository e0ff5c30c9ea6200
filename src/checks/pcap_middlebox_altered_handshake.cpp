// SPDX-License-Identifier: Apache-2.0
// tls.middlebox-altered-handshake (C12): the same connection captured on the client and on the
// server differs in what the server sent (certificate, CertificateRequest, CA list) — something in
// between terminated TLS or rewrote the handshake. Only connections matched by ClientHello random,
// or by addresses, ports and time, are compared (capture::match_captures).
#include <fmt/format.h>
#include <fmt/ranges.h>

#include "checks/checks.h"
#include "checks/pcap_support.h"
#include "knowledge/finding_catalog.h"
#include "knowledge/remedies.h"

namespace mtls::checks {
namespace {

const PcapConnection* find(const PcapEvidence& p, std::string_view side, int number) {
  for (const PcapConnection& c : p.connections) {
    if (c.side == side && c.number == number) return &c;
  }
  return nullptr;
}

CheckResult run(const Evidence& e, const CheckContext&) {
  const PcapEvidence& p = *e.pcap;
  if (p.files.size() < 2) {
    return CheckResult::skip("needs two captures of the same traffic: mtls-doctor pcap CLIENT.pcap SERVER.pcap");
  }
  if (p.matches.empty()) {
    // Unrelated captures (or a NAT between the capture points): comparing strangers would invent
    // a middlebox, so nothing is judged.
    return CheckResult::skip("the two captures share no connection (no ClientHello random, and no client and "
                             "server address pair at the same time, is in both): nothing to compare");
  }
  std::vector<const PcapMatch*> hits;
  for (const PcapMatch& m : p.matches) {
    if (!m.differences.empty()) hits.push_back(&m);
  }
  if (hits.empty()) return CheckResult::passed();
  Finding f = knowledge::make_finding("tls.middlebox-altered-handshake");
  const PcapMatch& m = *hits.front();
  const PcapConnection* client = find(p, "client", m.client_side);
  const PcapConnection* server = find(p, "server", m.server_side);
  f.detail = fmt::format(
      "{} of {} connection(s) seen in both captures differ between the client side and the server side, for "
      "example client-side #{} and server-side #{} (matched by {}): {}. What the client received is not what the "
      "server sent: a proxy, load balancer or TLS-inspecting firewall sits between them.",
      hits.size(), p.matches.size(), m.client_side, m.server_side, m.matched_by, fmt::join(m.differences, "; "));
  if (client) f.evidence.push_back(pcap_support::frame_ref(*client, client->server_hello_frame, "client side: " + pcap_support::describe(*client)));
  if (server) f.evidence.push_back(pcap_support::frame_ref(*server, server->server_hello_frame, "server side: " + pcap_support::describe(*server)));
  // The remedy is the device's configuration, which the catalog's remedy text words; no command.
  return CheckResult::found({std::move(f)});
}

}  // namespace

Check pcap_middlebox_altered_handshake_check() {
  return {"pcap_middlebox_altered_handshake", Step::C12, {"tls.middlebox-altered-handshake"}, {EvidencePart::pcap}, &run};
}

}  // namespace mtls::checks
