// SPDX-License-Identifier: Apache-2.0
// tls.certificate-request-late from a capture (C11): the initial TLS 1.2 handshake finished without
// a CertificateRequest and handshake records flowed again under encryption — a renegotiation, the
// way IIS asks when Negotiate Client Certificate is off (RFC 5246 §7.4.1.1 HelloRequest).
#include <fmt/format.h>

#include "checks/checks.h"
#include "checks/pcap_support.h"
#include "knowledge/finding_catalog.h"

namespace mtls::checks {
namespace {

CheckResult run(const Evidence& e, const CheckContext&) {
  const PcapEvidence& p = *e.pcap;
  std::vector<const PcapConnection*> hits;
  std::size_t readable = 0;
  for (const PcapConnection& c : p.connections) {
    if (!pcap_support::readable_complete_handshake(c)) continue;
    ++readable;
    if (c.cert_request == CertRequestTiming::renegotiation) hits.push_back(&c);
  }
  if (readable == 0) {
    return CheckResult::skip("no TLS 1.2 handshake completed in the clear (renegotiation exists only up to TLS 1.2)");
  }
  if (hits.empty()) return CheckResult::passed();
  Finding f = knowledge::make_finding("tls.certificate-request-late");
  const PcapConnection& first = *hits.front();
  f.detail = fmt::format(
      "In {} connection(s) the initial handshake asked for no certificate, and after application data the two "
      "sides exchanged encrypted handshake records again (a renegotiation), for example {} at frame {}. The "
      "renegotiation is encrypted, so the CertificateRequest inside it is inferred, not read; this is how a "
      "server asks for the certificate only after seeing the request path.{}",
      hits.size(), pcap_support::describe(first), first.renegotiation_frame.value_or(0),
      first.alpn == "h2" ? " This connection negotiated HTTP/2, which forbids renegotiation." : "");
  for (std::size_t i = 0; i < hits.size() && i < pcap_support::max_examples; ++i) {
    const PcapConnection& c = *hits[i];
    f.evidence.push_back(pcap_support::frame_ref(
        c, c.renegotiation_frame.value_or(0),
        fmt::format("{}: encrypted handshake record after Finished (renegotiation)", pcap_support::describe(c))));
  }
  const std::string port = pcap_support::port_of(first.server);
  f.remedy.commands = {
      fmt::format("netsh http update sslcert ipport=0.0.0.0:{} clientcertnegotiation=enable    (IIS; keep the "
                  "binding's certhash and appid as `netsh http show sslcert ipport=0.0.0.0:{}` lists them)",
                  port, port),
      "nginx/Apache: require the client certificate in the server/virtual-host block, not per location",
  };
  return CheckResult::found({std::move(f)});
}

}  // namespace

Check pcap_certificate_request_late_check() {
  return {"pcap_certificate_request_late", Step::C11, {"tls.certificate-request-late"}, {EvidencePart::pcap}, &run};
}

}  // namespace mtls::checks
