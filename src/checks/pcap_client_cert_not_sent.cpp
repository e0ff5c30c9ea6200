// SPDX-License-Identifier: Apache-2.0
// tls.client-cert-not-sent from a capture (C3): the server asked, the client answered with an
// empty Certificate message (RFC 5246 §7.4.6: "the client MUST send a certificate message
// containing no certificates" when it has none suitable).
#include <fmt/format.h>
#include <fmt/ranges.h>

#include "checks/checks.h"
#include "checks/pcap_support.h"
#include "knowledge/finding_catalog.h"
#include "knowledge/remedies.h"

namespace mtls::checks {
namespace {

CheckResult run(const Evidence& e, const CheckContext&) {
  const PcapEvidence& p = *e.pcap;
  std::vector<const PcapConnection*> hits;
  std::size_t asked = 0;
  for (const PcapConnection& c : p.connections) {
    // Asked (in the handshake, or read with --keylog in a renegotiation or post-handshake) and the
    // answer is readable.
    if (!c.cert_request_frame || c.client_cert == "encrypted") continue;
    ++asked;
    if (c.client_cert == "empty") hits.push_back(&c);
  }
  if (asked == 0) {
    return CheckResult::skip("no CertificateRequest readable in the capture, so no answer to judge");
  }
  if (hits.empty()) return CheckResult::passed();
  Finding f = knowledge::make_finding("tls.client-cert-not-sent");
  const PcapConnection& first = *hits.front();
  const std::string names = first.ca_names.empty()
                                ? "named no CAs (any issuer would do)"
                                : fmt::format("named {}", fmt::join(first.ca_names, "; "));
  f.detail = fmt::format(
      "In {} of {} connection(s) where the server asked for a certificate, the client answered with an empty "
      "Certificate message, for example {}. The CertificateRequest {}. A client sends nothing when it has no "
      "certificate loaded, when none of its certificates is issued by a CA in that list (browsers and Windows "
      "filter by it), or when the user dismissed the selection prompt.",
      hits.size(), asked, pcap_support::describe(first), names);
  pcap_support::cite_examples(f, hits, [](const PcapConnection& c) {
    return std::pair(c.client_cert_frame.value_or(0),
                     fmt::format("client Certificate with no certificates (request at frame {})",
                                 c.cert_request_frame.value_or(0)));
  });
  f.remedy.commands = {
      knowledge::remedies::cmd("certutil -user -store My", "Windows", "is there a certificate with clientAuth and a private key?"),
      knowledge::remedies::bash("curl --cert client.pem --key client.key https://HOST/", "",
              "confirm the certificate works when given explicitly"),
  };
  return CheckResult::found({std::move(f)});
}

}  // namespace

Check pcap_client_cert_not_sent_check() {
  return {"pcap_client_cert_not_sent", Step::C3, {"tls.client-cert-not-sent"}, {EvidencePart::pcap}, &run};
}

}  // namespace mtls::checks
