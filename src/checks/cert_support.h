// SPDX-License-Identifier: Apache-2.0
// Small helpers the cert_* and store_* checks share.
#pragma once

#include <fmt/format.h>

#include <string>
#include <vector>

#include "core/check.h"
#include "core/evidence.h"
#include "knowledge/finding_catalog.h"

namespace mtls::checks {

/// The client certificate (the first certificate with role client), or null.
inline const CertificateFacts* client_certificate(const CertificateEvidence& e) {
  for (const CertificateFacts& c : e.certificates) {
    if (c.role == CertificateRole::client) return &c;
  }
  return nullptr;
}

/// `store --client FILE` only looks the client up in the store; the certificate's own checks
/// belong to `cert`. Returns the skip reason, or "" when the cert checks should run.
inline std::string store_lookup_only(const CertificateEvidence& e) {
  if (!e.stores.empty() && !e.identity) return "the client certificate was only looked up in the store (run mtls-doctor cert FILE for its own checks)";
  return {};
}

/// Evidence pointing at a certificate: where it was read, and who it is.
inline EvidenceRef certificate_ref(const CertificateFacts& c, std::string text = {}) {
  EvidenceRef ref = c.origin;
  if (ref.source.empty()) ref.source = "certificate";
  if (ref.ref.empty()) ref.ref = c.subject;
  ref.text = text.empty() ? fmt::format("{} (SHA-1 {})", c.subject, c.sha1) : std::move(text);
  return ref;
}

/// The file a certificate came from (its EvidenceRef file, or ref without a "#N" suffix).
inline std::string origin_file(const CertificateFacts& c) {
  if (!c.origin.file.empty()) return c.origin.file;
  const auto hash = c.origin.ref.rfind('#');
  return hash == std::string::npos ? c.origin.ref : c.origin.ref.substr(0, hash);
}

/// The loop of the checks that judge each certificate of the client's chain on its own (validity,
/// strength): the shared skip reasons, then `judge(certificate, findings)` for every certificate
/// but a server's (the probe judges those).
template <typename Judge>
CheckResult judge_each_certificate(const Evidence& evidence, Judge judge) {
  const CertificateEvidence& e = *evidence.certificates;
  if (e.certificates.empty()) return CheckResult::skip("no certificate was given");
  if (std::string why = store_lookup_only(e); !why.empty()) return CheckResult::skip(why);
  std::vector<Finding> out;
  for (const CertificateFacts& c : e.certificates) {
    if (c.role != CertificateRole::server) judge(c, out);
  }
  return out.empty() ? CheckResult::passed() : CheckResult::found(std::move(out));
}

/// A catalog finding about one certificate: `what` leads the catalog's explanation, and the
/// evidence points at the certificate with `fact` ("notAfter 2024-01-01 00:00:00Z").
inline Finding certificate_finding(std::string_view id, const CertificateFacts& c, const std::string& what,
                                   std::string fact) {
  Finding f = knowledge::make_finding(id);
  f.detail = what + " " + f.detail;
  f.evidence.push_back(certificate_ref(c, std::move(fact)));
  return f;
}

}  // namespace mtls::checks
