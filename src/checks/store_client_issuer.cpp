// SPDX-License-Identifier: Apache-2.0
// C7 (store --client FILE): the client certificate's issuer or root is in the server's store.
// Uses the shared CA-list matcher with the store's certificates as the names, so a CA renewed
// under a new key (same name, other key id) is reported instead of passing by name.
#include <fmt/ranges.h>

#include <algorithm>

#include "checks/ca_list_match.h"
#include "checks/cert_support.h"
#include "checks/checks.h"
#include "checks/store_support.h"
#include "knowledge/finding_catalog.h"
#include "knowledge/remedies.h"

namespace mtls::checks {
namespace {

CheckResult run(const Evidence& evidence, const CheckContext&) {
  const CertificateEvidence& e = *evidence.certificates;
  if (e.stores.empty()) return CheckResult::skip("no trust store was audited (mtls-doctor store STORE)");
  const CertificateFacts* client = client_certificate(e);
  if (!client) return CheckResult::skip("no client certificate was given (--client FILE)");
  std::vector<DistinguishedName> names;
  std::vector<CertificateFacts> certs;
  std::vector<std::string> sources;
  for (const StoreFacts& store : e.stores) {
    sources.push_back(store.source);
    for (const CertificateFacts& c : store.certificates) {
      names.push_back(c.subject_name);
      certs.push_back(c);
    }
  }
  const CaListVerdict verdict = match_ca_list(e.certificates, names, certs);
  if (verdict.matched) return CheckResult::passed();
  Finding f = knowledge::make_finding("store.client-issuer-absent");
  std::string detail = fmt::format("No certificate in {} is the issuer ({}) of {} or of its chain.", fmt::join(sources, ", "), client->issuer, client->subject);
  if (!verdict.near_misses.empty()) detail += fmt::format(" Near misses: {}.", fmt::join(verdict.near_misses, "; "));
  f.detail = detail + " " + f.detail;
  f.evidence.push_back(certificate_ref(*client));
  f.evidence.push_back(at_input("store", fmt::format("{}", fmt::join(sources, ", ")), fmt::format("{} certificates, none issued {}", certs.size(), client->subject)));
  for (const std::string& url : client->aia_ca_issuers) {
    f.remedy.commands.push_back(knowledge::remedies::bash(fmt::format("curl -fsSL -o issuer.crt {}", knowledge::remedies::sh_quote(url)), "",
                                                          "the issuer named by the certificate (AIA)"));
  }
  const bool windows = std::all_of(e.stores.begin(), e.stores.end(), [](const StoreFacts& s) {
    return store_support::platform_of(s) == store_support::StorePlatform::windows_export;
  });
  if (windows) {
    f.remedy.commands.push_back(
        knowledge::remedies::certutil_addstore("Root", "issuer.crt", "a root; an intermediate goes to the CA store"));
  } else {
    const StoreFacts& store = e.stores.front();
    if (store_support::platform_of(store) == store_support::StorePlatform::openssl_directory) {
      // Debian and Ubuntu: local CAs go to /usr/local/share/ca-certificates as .crt files.
      f.remedy.commands.push_back(knowledge::remedies::bash(
          "sudo cp issuer.crt /usr/local/share/ca-certificates/ && sudo update-ca-certificates", "Debian/Ubuntu"));
    } else {
      f.remedy.commands.push_back(knowledge::remedies::bash(fmt::format("cat issuer.crt >> {}", knowledge::remedies::sh_quote(store.source))));
    }
  }
  return CheckResult::found({std::move(f)});
}

}  // namespace

Check store_client_issuer_check() {
  return {"store_client_issuer", Step::C7, {"store.client-issuer-absent"}, {EvidencePart::certificates}, run};
}

}  // namespace mtls::checks
