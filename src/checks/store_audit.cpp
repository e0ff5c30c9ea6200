// SPDX-License-Identifier: Apache-2.0
// C9 and C7 for a store: non-self-signed certificates in a root store (KB2802568: with
// ClientAuthTrustMode 0, Windows Server 2012+ breaks client authentication when the Trusted Root
// store holds one), expired anchors, duplicates and end-entity certificates in a store of issuers.
// Each certificate is judged once (a later copy of it is only counted as a duplicate), and each
// kind of problem is one finding with a count and examples: a system store of 150 roots gives a
// handful of findings, not one per file. The remedy follows where the store came from: a
// directory or PEM bundle is an OpenSSL store on Linux, maintained with update-ca-certificates
// (Debian, Ubuntu) or p11-kit's trust and update-ca-trust (Fedora, RHEL); a DER, PKCS#7
// (.p7b/.sst) or PKCS#12 file is a Windows export, maintained with certutil.
#include <fmt/chrono.h>
#include <fmt/format.h>

#include <map>
#include <set>

#include "checks/cert_support.h"
#include "checks/checks.h"
#include "checks/store_support.h"
#include "knowledge/finding_catalog.h"
#include "knowledge/remedies.h"

namespace mtls::checks {
namespace {

using store_support::platform_of;
using store_support::StorePlatform;

constexpr std::size_t kExamples = 5;

/// "A, B, C and 4 more"
std::string names(const std::vector<const CertificateFacts*>& certs) {
  std::string out;
  for (std::size_t i = 0; i < certs.size() && i < kExamples; ++i) {
    out += fmt::format("{}{}", i == 0 ? "" : "; ", certs[i]->subject);
  }
  if (certs.size() > kExamples) out += fmt::format(" and {} more", certs.size() - kExamples);
  return out;
}

void cite(Finding& f, const std::vector<const CertificateFacts*>& certs, auto text) {
  for (std::size_t i = 0; i < certs.size() && i < kExamples; ++i)
    f.evidence.push_back(certificate_ref(*certs[i], text(*certs[i])));
}

/// How to take a certificate out of an OpenSSL store on Linux.
void openssl_removal(Finding& f, const StoreFacts& store, StorePlatform platform,
                     const std::vector<const CertificateFacts*>& certs) {
  if (platform == StorePlatform::openssl_directory) {
    f.remedy.text = fmt::format(
        "{} is generated: remove the certificate where it comes from and regenerate it. On "
        "Debian and Ubuntu, mark its line in /etc/ca-certificates.conf with a leading '!' (or "
        "delete its file from /usr/local/share/ca-certificates) and run update-ca-certificates "
        "--fresh; on Fedora and RHEL, trust anchor --remove it and run update-ca-trust extract.",
        store.source);
    f.remedy.commands.push_back(knowledge::remedies::bash("sudo update-ca-certificates --fresh", "Debian/Ubuntu"));
    for (std::size_t i = 0; i < certs.size() && i < kExamples; ++i) {
      f.remedy.commands.push_back(knowledge::remedies::bash(
          fmt::format("sudo trust anchor --remove {}", knowledge::remedies::sh_quote(origin_file(*certs[i]))), "Fedora/RHEL"));
    }
    return;
  }
  std::string which;
  for (std::size_t i = 0; i < certs.size() && i < kExamples; ++i) {
    which += fmt::format("{}{} (SHA-1 {})", i == 0 ? "" : ", ", certs[i]->subject, certs[i]->sha1);
  }
  f.remedy.text = fmt::format(
      "Delete the PEM block of {} from {}. A system bundle (ca-certificates.crt, "
      "tls-ca-bundle.pem) is generated: remove the certificate at its source and regenerate it "
      "with update-ca-certificates --fresh (Debian, Ubuntu) or update-ca-trust extract (Fedora, "
      "RHEL).",
      which, store.source);
}

std::vector<Finding> audit(const StoreFacts& store, const CheckContext& context) {
  const StorePlatform platform = platform_of(store);
  const bool windows = platform == StorePlatform::windows_export;
  // Judged once per certificate, quoting the copy that is a file of its own when there is one
  // (the certificate file rather than its copy inside a bundle): a remedy can name that file.
  auto in_bundle = [](const CertificateFacts& c) {
    return c.origin.ref.find('#') != std::string::npos;
  };
  std::set<std::size_t> copies;
  std::map<std::size_t, std::size_t> quoted;  // first copy -> the copy to quote
  for (const auto& [first, copy] : store.duplicates) {
    copies.insert(copy);
    const bool own = in_bundle(store.certificates[first]) && !in_bundle(store.certificates[copy]);
    if (own && !quoted.contains(first)) {
      quoted[first] = copy;
    }
  }
  std::vector<const CertificateFacts*> not_self_signed, expired, not_ca;
  for (std::size_t i = 0; i < store.certificates.size(); ++i) {
    if (copies.count(i) != 0) continue;  // judged at its first copy
    const auto q = quoted.find(i);
    const CertificateFacts& c = store.certificates[q == quoted.end() ? i : q->second];
    if (store.role == StoreRole::root && !c.self_signed) not_self_signed.push_back(&c);
    if (context.now > c.not_after) expired.push_back(&c);
    if (!c.is_ca && !c.self_signed) not_ca.push_back(&c);
  }
  std::vector<Finding> out;
  if (!not_self_signed.empty()) {
    Finding f = knowledge::make_finding("store.non-self-signed-root");
    if (not_self_signed.size() == 1) {
      const CertificateFacts& c = *not_self_signed.front();
      f.detail = fmt::format(
          "The root store {} holds {}, issued by {}{}. {}", store.source, c.subject, c.issuer,
          c.subject == c.issuer ? " (same name, but its signature does not verify with its own key)"
                                : "",
          f.detail);
    } else {
      f.detail =
          fmt::format("The root store {} holds {} certificates that are not self-signed: {}. {}",
                      store.source, not_self_signed.size(), names(not_self_signed), f.detail);
    }
    cite(f, not_self_signed,
         [](const CertificateFacts& c) { return fmt::format("issuer {}", c.issuer); });
    if (windows) {
      for (std::size_t i = 0; i < not_self_signed.size() && i < kExamples; ++i) {
        const CertificateFacts& c = *not_self_signed[i];
        f.remedy.commands.push_back(knowledge::remedies::certutil_delstore("Root", c.sha1));
        f.remedy.commands.push_back(knowledge::remedies::certutil_addstore(
            "CA", origin_file(c), "an intermediate belongs in the CA store"));
      }
    } else {
      openssl_removal(f, store, platform, not_self_signed);
    }
    out.push_back(std::move(f));
  }
  if (!expired.empty()) {
    Finding f = knowledge::make_finding("store.expired-anchor");
    if (expired.size() == 1) {
      const CertificateFacts& c = *expired.front();
      f.detail = fmt::format("{} in {} expired on {:%F %T} UTC. {}", c.subject, store.source,
                             c.not_after, f.detail);
    } else {
      f.detail = fmt::format("{} certificates in {} have expired: {}. {}", expired.size(),
                             store.source, names(expired), f.detail);
    }
    cite(f, expired,
         [](const CertificateFacts& c) { return fmt::format("notAfter {:%F %T}Z", c.not_after); });
    if (windows) {
      for (std::size_t i = 0; i < expired.size() && i < kExamples; ++i) {
        f.remedy.commands.push_back(knowledge::remedies::certutil_delstore(
            store.role == StoreRole::intermediate ? "CA" : "Root", expired[i]->sha1));
      }
    } else {
      openssl_removal(f, store, platform, expired);
    }
    out.push_back(std::move(f));
  }
  if (!not_ca.empty()) {
    Finding f = knowledge::make_finding("store.non-ca-certificate");
    if (not_ca.size() == 1) {
      f.detail = fmt::format("{} in {} is not a CA certificate (no basicConstraints cA=TRUE). {}",
                             not_ca.front()->subject, store.source, f.detail);
    } else {
      f.detail = fmt::format(
          "{} certificates in {} are not CA certificates (no basicConstraints cA=TRUE): {}. {}",
          not_ca.size(), store.source, names(not_ca), f.detail);
    }
    cite(f, not_ca, [](const CertificateFacts&) { return std::string(); });
    if (!windows) openssl_removal(f, store, platform, not_ca);
    out.push_back(std::move(f));
  }
  if (!store.duplicates.empty()) {
    std::set<std::size_t> repeated;
    for (const auto& [first, copy] : store.duplicates) repeated.insert(first);
    Finding f = knowledge::make_finding("store.duplicate-certificate");
    const auto& [first, copy] = store.duplicates.front();
    const CertificateFacts& a = store.certificates[first];
    const CertificateFacts& b = store.certificates[copy];
    if (store.duplicates.size() == 1) {
      f.detail = fmt::format("{} (SHA-1 {}) is in {} at {} and again at {}. {}", a.subject, a.sha1,
                             store.source, a.origin.ref, b.origin.ref, f.detail);
    } else {
      f.detail = fmt::format(
          "{} certificates are in {} more than once ({} extra copies); for example {} (SHA-1 {}) "
          "at {} and again at {}. {}",
          repeated.size(), store.source, store.duplicates.size(), a.subject, a.sha1, a.origin.ref,
          b.origin.ref, f.detail);
    }
    if (platform == StorePlatform::openssl_directory) {
      f.detail +=
          " In a Linux certificate directory the bundle (ca-certificates.crt, tls-ca-bundle.pem) "
          "repeats every certificate file by design.";
    }
    for (std::size_t i = 0; i < store.duplicates.size() && i < kExamples; ++i) {
      f.evidence.push_back(certificate_ref(
          store.certificates[store.duplicates[i].second],
          fmt::format("copy of {}", store.certificates[store.duplicates[i].first].origin.ref)));
    }
    out.push_back(std::move(f));
  }
  return out;
}

CheckResult run(const Evidence& evidence, const CheckContext& context) {
  const CertificateEvidence& e = *evidence.certificates;
  if (e.stores.empty())
    return CheckResult::skip("no trust store was audited (mtls-doctor store STORE)");
  std::vector<Finding> out;
  for (const StoreFacts& store : e.stores) {
    for (Finding& f : audit(store, context)) out.push_back(std::move(f));
  }
  return out.empty() ? CheckResult::passed() : CheckResult::found(std::move(out));
}

}  // namespace

Check store_audit_check() {
  return {"store_audit",
          Step::C9,
          {"store.non-self-signed-root", "store.expired-anchor", "store.non-ca-certificate",
           "store.duplicate-certificate"},
          {EvidencePart::certificates},
          run};
}

}  // namespace mtls::checks
