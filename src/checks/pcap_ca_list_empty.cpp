// SPDX-License-Identifier: Apache-2.0
// tls.ca-list-empty from a capture (C8): a CertificateRequest whose certificate_authorities list
// is empty; RFC 5246 §7.4.4 lets the client then send any certificate.
#include <fmt/format.h>

#include "checks/checks.h"
#include "checks/pcap_support.h"
#include "knowledge/finding_catalog.h"

namespace mtls::checks {
namespace {

CheckResult run(const Evidence& e, const CheckContext&) {
  const PcapEvidence& p = *e.pcap;
  std::vector<const PcapConnection*> hits;
  std::size_t asked = 0;
  for (const PcapConnection& c : p.connections) {
    if (!c.cert_request_frame) continue;  // a request read (in the clear or decrypted)
    ++asked;
    if (c.ca_names.empty()) hits.push_back(&c);
  }
  if (asked == 0) return CheckResult::skip("no CertificateRequest readable in the capture");
  if (hits.empty()) return CheckResult::passed();
  Finding f = knowledge::make_finding("tls.ca-list-empty");
  f.detail = fmt::format(
      "{} of {} CertificateRequest(s) in the capture name no certificate authorities, for example in {}. The "
      "client may offer any certificate it has; browsers then show every client certificate, and the server "
      "decides only after receiving one.",
      hits.size(), asked, pcap_support::describe(*hits.front()));
  pcap_support::cite_examples(f, hits, [](const PcapConnection& c) {
    return std::pair(c.cert_request_frame.value_or(0), "CertificateRequest with an empty certificate_authorities list");
  });
  // C8 holds where the list is absent; where some requests name CAs, whether they name the
  // client's issuer is pcap_ca_list_excludes_client_chain's to show.
  if (hits.size() == asked) return CheckResult::holds({std::move(f)});
  return CheckResult::found({std::move(f)});
}

}  // namespace

Check pcap_ca_list_empty_check() {
  return {"pcap_ca_list_empty", Step::C8, {"tls.ca-list-empty"}, {EvidencePart::pcap}, &run};
}

}  // namespace mtls::checks
