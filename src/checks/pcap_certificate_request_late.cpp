// SPDX-License-Identifier: Apache-2.0
// tls.certificate-request-late and tls.certificate-request-post-handshake from a capture (C11):
// - the initial TLS 1.2 handshake finished without a CertificateRequest and handshake records
//   flowed again under encryption — a renegotiation, the way IIS asks when Negotiate Client
//   Certificate is off (RFC 5246 §7.4.1.1 HelloRequest). Inferred from the record types, or read
//   with --keylog (the CertificateRequest inside the renegotiation decrypted);
// - with --keylog, a TLS 1.3 CertificateRequest after the server's Finished: post-handshake
//   authentication (RFC 8446 §4.6.2), the probe's wording for the same case.
#include <fmt/format.h>

#include "checks/checks.h"
#include "checks/pcap_support.h"
#include "knowledge/finding_catalog.h"
#include "knowledge/remedies.h"

namespace mtls::checks {
namespace {

std::vector<RemedyCommand> request_in_handshake_commands(const PcapConnection& c) {
  namespace remedies = knowledge::remedies;
  const std::string port = pcap_support::port_of(c.server);
  const std::string host = !c.sni.empty() ? c.sni : c.server.substr(0, c.server.rfind(':'));
  const std::string certhash = c.server_chain.empty() ? std::string() : c.server_chain.front().sha1;
  std::vector<RemedyCommand> out = remedies::iis_request_in_handshake(remedies::binding_seen(host, port, certhash));
  for (RemedyCommand& r : remedies::web_servers_request_in_handshake(host, port)) out.push_back(std::move(r));
  return out;
}

CheckResult run(const Evidence& e, const CheckContext&) {
  const PcapEvidence& p = *e.pcap;
  std::vector<const PcapConnection*> late;
  std::vector<const PcapConnection*> post;
  std::size_t readable = 0;
  for (const PcapConnection& c : p.connections) {
    if (!pcap_support::readable_complete_handshake(c)) continue;
    ++readable;
    if (c.cert_request == CertRequestTiming::renegotiation) late.push_back(&c);
    if (c.cert_request == CertRequestTiming::post_handshake) post.push_back(&c);
  }
  if (readable == 0) {
    return CheckResult::skip("no TLS 1.2 handshake completed in the clear (renegotiation exists only up to TLS 1.2), "
                             "and no TLS 1.3 connection decrypted with --keylog");
  }
  std::vector<Finding> out;
  if (!late.empty()) {
    Finding f = knowledge::make_finding("tls.certificate-request-late");
    const PcapConnection& first = *late.front();
    const bool read = first.cert_request_frame.has_value();
    f.detail = fmt::format(
        "In {} connection(s) the initial handshake asked for no certificate, and after application data the two "
        "sides exchanged encrypted handshake records again (a renegotiation), for example {} at frame {}. {} this "
        "is how a server asks for the certificate only after seeing the request path.{}",
        late.size(), pcap_support::describe(first), first.renegotiation_frame.value_or(0),
        read ? fmt::format("Decrypted with the key log, the renegotiation carries the CertificateRequest (frame {});",
                           *first.cert_request_frame)
             : "The renegotiation is encrypted, so the CertificateRequest inside it is inferred, not read (give the "
               "session keys with --keylog to read it);",
        first.alpn == "h2" ? " This connection negotiated HTTP/2, which forbids renegotiation." : "");
    pcap_support::cite_examples(f, late, [](const PcapConnection& c) {
      return std::pair(c.cert_request_frame.value_or(c.renegotiation_frame.value_or(0)),
                       c.cert_request_frame ? "CertificateRequest inside the renegotiation (decrypted)"
                                            : "encrypted handshake record after Finished (renegotiation)");
    });
    f.remedy.commands = request_in_handshake_commands(first);
    out.push_back(std::move(f));
  }
  if (!post.empty()) {
    Finding f = knowledge::make_finding("tls.certificate-request-post-handshake");
    const PcapConnection& first = *post.front();
    f.detail = fmt::format(
        "In {} TLS 1.3 connection(s) the server asked for the certificate only after the handshake, by "
        "post-handshake authentication (RFC 8446 §4.6.2), for example {} at frame {} (read with the key log); the "
        "client {} post_handshake_auth. Browsers do not offer it and HTTP/2 forbids it (RFC 8740), so they are never "
        "asked.",
        post.size(), pcap_support::describe(first), first.cert_request_frame.value_or(0),
        first.offered_pha ? "offered" : "did not offer");
    pcap_support::cite_examples(f, post, [](const PcapConnection& c) {
      return std::pair(c.cert_request_frame.value_or(0), "CertificateRequest (post-handshake, decrypted)");
    });
    f.remedy.commands = request_in_handshake_commands(first);
    out.push_back(std::move(f));
  }
  return out.empty() ? CheckResult::passed() : CheckResult::found(std::move(out));
}

}  // namespace

Check pcap_certificate_request_late_check() {
  return {"pcap_certificate_request_late",
          Step::C11,
          {"tls.certificate-request-late", "tls.certificate-request-post-handshake"},
          {EvidencePart::pcap},
          &run};
}

}  // namespace mtls::checks
