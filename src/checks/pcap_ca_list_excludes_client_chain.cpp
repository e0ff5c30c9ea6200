// SPDX-License-Identifier: Apache-2.0
// tls.ca-list-excludes-client-chain from a capture (C8): the CertificateRequest's
// certificate_authorities list names no CA in the client's chain. Clients that filter by the list
// (browsers, Windows/Schannel, many HTTP libraries) then silently send no certificate.
// The client chain is the one given with `pcap --client FILE` (evidence.certificates), or failing
// that the one the client sent in the capture. The comparison is the shared CA-list matcher's
// (checks/ca_list_match.h), the same one the probe and the store checks use.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include "checks/ca_list_match.h"
#include "checks/checks.h"
#include "checks/pcap_support.h"
#include "knowledge/finding_catalog.h"
#include "knowledge/remedies.h"

namespace mtls::checks {
namespace {

CheckResult run(const Evidence& e, const CheckContext&) {
  const PcapEvidence& p = *e.pcap;
  const bool given = e.certificates && !e.certificates->certificates.empty();
  std::vector<const PcapConnection*> hits;
  std::vector<std::string> near_misses;  // of the first connection found
  std::size_t judged = 0;
  for (const PcapConnection& c : p.connections) {
    if (!c.cert_request_frame || c.ca_list.empty()) continue;  // a request read, naming CAs
    const std::vector<CertificateFacts>& chain = given ? e.certificates->certificates : c.client_chain;
    if (chain.empty()) continue;
    ++judged;
    CaListVerdict verdict = match_ca_list(chain, c.ca_list);
    if (verdict.matched) continue;
    if (hits.empty()) near_misses = std::move(verdict.near_misses);
    hits.push_back(&c);
  }
  if (judged == 0) {
    return CheckResult::skip(
        "no CertificateRequest with a CA list and a known client chain: give the client certificate with "
        "--client FILE, or capture a connection where the client sent it");
  }
  if (hits.empty()) return CheckResult::passed();
  const PcapConnection& first = *hits.front();
  const std::vector<CertificateFacts>& chain = given ? e.certificates->certificates : first.client_chain;
  Finding f = knowledge::make_finding("tls.ca-list-excludes-client-chain");
  f.detail = fmt::format(
      "The server's CA list ({} name(s): {}) names no certificate authority of the client's chain ({} issued by "
      "\"{}\"{}), in {} of {} connection(s), for example {}. A client that filters by this list offers nothing, "
      "and the server answers 403.7 or a handshake failure.",
      first.ca_names.size(), fmt::join(first.ca_names, "; "), chain.front().subject, chain.front().issuer,
      given ? ", from the file given with --client" : ", as the client sent it", hits.size(), judged,
      pcap_support::describe(first));
  for (const std::string& near : near_misses) f.detail += " " + near;
  pcap_support::cite_examples(f, hits, [&](const PcapConnection& c) {
    return std::pair(c.cert_request_frame.value_or(0),
                     fmt::format("CertificateRequest CA list without \"{}\"", chain.front().issuer));
  });
  if (given) f.evidence.push_back(chain.front().origin);
  f.remedy.commands = {
      knowledge::remedies::certutil_addstore("ClientAuthIssuer", "issuing-ca.cer",
                           fmt::format("IIS: issuing-ca.cer is \"{}\"; the binding's CTL store (here ClientAuthIssuer)",
                                       chain.front().issuer)),
      knowledge::remedies::config("ssl_client_certificate /etc/nginx/client-ca.pem;", "nginx", "add the issuer and its root to this file"),
      knowledge::remedies::config("SSLCACertificateFile /etc/apache2/client-ca.pem", "Apache", "add the issuer and its root to this file"),
  };
  return CheckResult::found({std::move(f)});
}

}  // namespace

Check pcap_ca_list_excludes_client_chain_check() {
  return {"pcap_ca_list_excludes_client_chain", Step::C8, {"tls.ca-list-excludes-client-chain"}, {EvidencePart::pcap},
          &run};
}

}  // namespace mtls::checks
