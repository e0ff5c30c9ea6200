// SPDX-License-Identifier: Apache-2.0
// tls.no-certificate-request from a capture (C1): a TLS 1.2 handshake that completed in the clear
// with no CertificateRequest and no later renegotiation, or (with --keylog) a TLS 1.3 connection
// decrypted in full with no CertificateRequest in the handshake and none post-handshake.
#include <fmt/format.h>

#include "checks/checks.h"
#include "checks/pcap_support.h"
#include "knowledge/finding_catalog.h"
#include "knowledge/remedies.h"

namespace mtls::checks {
namespace {

CheckResult run(const Evidence& e, const CheckContext&) {
  const PcapEvidence& p = *e.pcap;
  std::vector<const PcapConnection*> hits;
  std::size_t readable = 0;
  for (const PcapConnection& c : p.connections) {
    if (!pcap_support::readable_complete_handshake(c)) continue;
    ++readable;
    if (c.cert_request == CertRequestTiming::none && !pcap_support::altered_by_middlebox(p, c)) hits.push_back(&c);
  }
  if (readable == 0) {
    return CheckResult::skip(p.connections.empty()
                                 ? "no TLS connection in the capture"
                                 : "no TLS 1.2 handshake completed in the clear (TLS 1.3 encrypts the "
                                   "CertificateRequest; capture a TLS 1.2 connection, e.g. curl --tls-max 1.2, "
                                   "or give the session keys with --keylog)");
  }
  if (hits.empty()) return CheckResult::passed();
  Finding f = knowledge::make_finding("tls.no-certificate-request");
  const PcapConnection& first = *hits.front();
  f.detail = fmt::format(
      "{} of {} handshake(s) readable in the capture completed without a CertificateRequest and without a later "
      "renegotiation or post-handshake request, for example {}: the server never asked this client for a certificate, so none was sent. "
      "Either the server does not require one for this address and name, or something in between answered "
      "instead of it.",
      hits.size(), readable, pcap_support::describe(first));
  pcap_support::cite_examples(f, hits, [](const PcapConnection& c) {
    return std::pair(c.server_hello_frame, fmt::format("ServerHello {}, handshake finished, no CertificateRequest",
                                                       c.tls_version));
  });
  const std::string port = pcap_support::port_of(first.server);
  f.remedy.commands = {
      knowledge::remedies::netsh_show_sslcert(fmt::format("ipport=0.0.0.0:{}", port), "look at \"Negotiate Client Certificate\""),
      knowledge::remedies::config("ssl_verify_client on;", "nginx", "or optional, in the server block for this name"),
      knowledge::remedies::config("SSLVerifyClient require", "Apache", "in the virtual host"),
  };
  return CheckResult::found({std::move(f)});
}

}  // namespace

Check pcap_no_certificate_request_check() {
  return {"pcap_no_certificate_request", Step::C1, {"tls.no-certificate-request"}, {EvidencePart::pcap}, &run};
}

}  // namespace mtls::checks
