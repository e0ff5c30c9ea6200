// SPDX-License-Identifier: Apache-2.0
// tls.handshake-failed from a capture: a fatal alert before the handshake finished, named when it
// travelled in the clear (RFC 8446 §6.2, RFC 5246 §7.2.2); in TLS 1.3 an encrypted alert that ends
// an unfinished handshake is reported as such, its name unknown.
#include <fmt/format.h>

#include "checks/checks.h"
#include "checks/pcap_support.h"
#include "knowledge/finding_catalog.h"

namespace mtls::checks {
namespace {

/// The alert that ended the handshake, or empty.
std::string failing_alert(const PcapConnection& c) {
  for (const std::string& a : c.alerts) {
    if (a.find(", fatal, ") != std::string::npos) return a;
  }
  if (c.handshake_encrypted && !c.handshake_finished) {
    for (const std::string& a : c.alerts) {
      if (a.rfind("encrypted alert", 0) == 0) return a + " (TLS 1.3: its name is encrypted)";
    }
  }
  return {};
}

CheckResult run(const Evidence& e, const CheckContext&) {
  const PcapEvidence& p = *e.pcap;
  if (p.connections.empty()) return CheckResult::skip("no TLS connection in the capture");
  std::vector<std::pair<const PcapConnection*, std::string>> hits;
  for (const PcapConnection& c : p.connections) {
    std::string alert = failing_alert(c);
    if (!alert.empty()) hits.emplace_back(&c, std::move(alert));
  }
  if (hits.empty()) return CheckResult::passed();
  Finding f = knowledge::make_finding("tls.handshake-failed");
  const auto& [first, alert] = hits.front();
  f.detail = fmt::format(
      "{} of {} TLS connection(s) in the capture ended with a fatal alert, for example {}: {}. "
      "The side that sends the alert is the one that refused; `mtls-doctor explain alert N` says what each "
      "alert means for client certificates.",
      hits.size(), p.connections.size(), pcap_support::describe(*first), alert);
  for (std::size_t i = 0; i < hits.size() && i < pcap_support::max_examples; ++i) {
    const auto& [c, text] = hits[i];
    // "..., frame N" ends every alert text: point at that frame.
    std::uint64_t frame = c->last_frame;
    const auto at = text.rfind("frame ");
    if (at != std::string::npos) frame = std::strtoull(text.c_str() + at + 6, nullptr, 10);
    f.evidence.push_back(pcap_support::frame_ref(*c, frame, fmt::format("{}: {}", pcap_support::describe(*c), text)));
  }
  return CheckResult::found({std::move(f)});
}

}  // namespace

Check pcap_handshake_failed_check() {
  return {"pcap_handshake_failed", Step::none, {"tls.handshake-failed"}, {EvidencePart::pcap}, &run};
}

}  // namespace mtls::checks
