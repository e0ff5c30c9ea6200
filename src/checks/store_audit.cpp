// SPDX-License-Identifier: Apache-2.0
// C9 and C7 for a store: non-self-signed certificates in a root store (KB2802568: with
// ClientAuthTrustMode 0, Windows Server 2012+ breaks client authentication when the Trusted Root
// store holds one), expired anchors, duplicates and end-entity certificates in a store of issuers.
#include <fmt/chrono.h>

#include "checks/cert_support.h"
#include "checks/checks.h"
#include "knowledge/finding_catalog.h"
#include "knowledge/remedies.h"

namespace mtls::checks {
namespace {

CheckResult run(const Evidence& evidence, const CheckContext& context) {
  const CertificateEvidence& e = *evidence.certificates;
  if (e.stores.empty()) return CheckResult::skip("no trust store was audited (mtls-doctor store STORE)");
  std::vector<Finding> out;
  for (const StoreFacts& store : e.stores) {
    for (const CertificateFacts& c : store.certificates) {
      if (store.role == StoreRole::root && !c.self_signed) {
        Finding f = knowledge::make_finding("store.non-self-signed-root");
        f.detail = fmt::format("The root store {} holds {}, issued by {}{}. {}", store.source, c.subject, c.issuer,
                               c.subject == c.issuer ? " (same name, but its signature does not verify with its own key)" : "",
                               f.detail);
        f.evidence.push_back(certificate_ref(c));
        f.remedy.commands.push_back(knowledge::remedies::certutil_delstore("Root", c.sha1));
        f.remedy.commands.push_back(knowledge::remedies::certutil_addstore("CA", origin_file(c), "an intermediate belongs in the CA store"));
        out.push_back(std::move(f));
      }
      if (context.now > c.not_after) {
        Finding f = knowledge::make_finding("store.expired-anchor");
        f.detail = fmt::format("{} in {} expired on {:%F %T} UTC. {}", c.subject, store.source, c.not_after, f.detail);
        f.evidence.push_back(certificate_ref(c, fmt::format("notAfter {:%F %T}Z", c.not_after)));
        f.remedy.commands.push_back(knowledge::remedies::certutil_delstore(store.role == StoreRole::intermediate ? "CA" : "Root", c.sha1));
        out.push_back(std::move(f));
      }
      if (!c.is_ca && !c.self_signed) {
        Finding f = knowledge::make_finding("store.non-ca-certificate");
        f.detail = fmt::format("{} in {} is not a CA certificate (no basicConstraints cA=TRUE). {}", c.subject, store.source, f.detail);
        f.evidence.push_back(certificate_ref(c));
        out.push_back(std::move(f));
      }
    }
    for (const auto& [first, copy] : store.duplicates) {
      const CertificateFacts& a = store.certificates[first];
      const CertificateFacts& b = store.certificates[copy];
      Finding f = knowledge::make_finding("store.duplicate-certificate");
      f.detail = fmt::format("{} (SHA-1 {}) is in {} at {} and again at {}. {}", a.subject, a.sha1, store.source, a.origin.ref, b.origin.ref, f.detail);
      f.evidence.push_back(certificate_ref(a));
      f.evidence.push_back(certificate_ref(b));
      out.push_back(std::move(f));
    }
  }
  return out.empty() ? CheckResult::passed() : CheckResult::found(std::move(out));
}

}  // namespace

Check store_audit_check() {
  return {"store_audit", Step::C9,
          {"store.non-self-signed-root", "store.expired-anchor", "store.non-ca-certificate", "store.duplicate-certificate"},
          {EvidencePart::certificates}, run};
}

}  // namespace mtls::checks
