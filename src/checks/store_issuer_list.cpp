// SPDX-License-Identifier: Apache-2.0
// C8: the certificate_authorities list a server builds from this store. TLS 1.2 caps it at
// 2^16-1 bytes (RFC 5246 §7.4.4); Schannel truncates or fails above about 16 KB (KB933430,
// KB2880390); Envoy issue #14208 shows clients failing on long lists. See docs/cert.md.
#include "checks/cert_support.h"
#include "checks/checks.h"
#include "checks/store_support.h"
#include "knowledge/finding_catalog.h"
#include "knowledge/remedies.h"

namespace mtls::checks {

constexpr std::size_t tls_ca_list_limit = 65535;     // RFC 5246 §7.4.4: <0..2^16-1>
constexpr std::size_t schannel_ca_list_limit = 16384; // KB933430 / KB2880390: 16 KB

namespace {

CheckResult run(const Evidence& evidence, const CheckContext&) {
  const CertificateEvidence& e = *evidence.certificates;
  if (e.stores.empty()) return CheckResult::skip("no trust store was audited (mtls-doctor store STORE)");
  std::vector<Finding> out;
  bool any = false;
  for (const StoreFacts& store : e.stores) {
    // An intermediate store feeds chain building, not the CA list a server sends.
    if (store.role == StoreRole::intermediate) continue;
    any = true;
    if (store.ca_names_bytes <= schannel_ca_list_limit) continue;
    Finding f = knowledge::make_finding("store.issuer-list-large");
    const bool over_tls = store.ca_names_bytes > tls_ca_list_limit;
    f.detail = fmt::format(
        "A server sending {} as its CA list would send {} names in {} bytes: {}. {}", store.source, store.ca_names_count,
        store.ca_names_bytes,
        over_tls ? fmt::format("more than the {} bytes a TLS 1.2 CertificateRequest can carry (RFC 5246 §7.4.4), so the server must truncate it or fail the handshake", tls_ca_list_limit)
                 : fmt::format("more than the {} bytes Schannel handles (KB933430, KB2880390)", schannel_ca_list_limit),
        f.detail);
    f.evidence.push_back(at_input("store", store.source, fmt::format("{} CA names, {} bytes", store.ca_names_count, store.ca_names_bytes)));
    if (store_support::platform_of(store) == store_support::StorePlatform::windows_export) {
      f.remedy.commands.push_back(knowledge::remedies::reg_add_dword(knowledge::remedies::kSchannelKey,
                                                                     "SendTrustedIssuerList", 0, "send no CA list"));
    } else {
      // nginx sends the names of ssl_client_certificate and not those of ssl_trusted_certificate;
      // Apache sends SSLCADNRequestFile when it is set (mod_ssl documentation).
      f.remedy.commands.push_back(knowledge::remedies::config(fmt::format("ssl_trusted_certificate {};", store.source),
                                                              "nginx", "verify with the whole store"));
      f.remedy.commands.push_back(knowledge::remedies::config("ssl_client_certificate /etc/nginx/client-issuers.pem;",
                                                              "nginx", "name only the client CAs"));
      f.remedy.commands.push_back(knowledge::remedies::config("SSLCADNRequestFile /etc/apache2/client-issuers.pem",
                                                              "Apache", "the names sent"));
    }
    out.push_back(std::move(f));
  }
  if (!any) return CheckResult::skip("only intermediate stores were given; the CA list comes from root or CTL stores");
  return out.empty() ? CheckResult::passed() : CheckResult::found(std::move(out));
}

}  // namespace

Check store_issuer_list_check() {
  return {"store_issuer_list", Step::C8, {"store.issuer-list-large"}, {EvidencePart::certificates}, run};
}

}  // namespace mtls::checks
