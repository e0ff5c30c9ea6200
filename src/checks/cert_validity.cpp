// SPDX-License-Identifier: Apache-2.0
// C7: every certificate of the client's chain is within its validity period at the time judged
// (--at, default now; RFC 5280 §4.1.2.5). IIS answers 403.17 for an expired client certificate.
#include <fmt/chrono.h>

#include "checks/cert_support.h"
#include "checks/checks.h"
#include "knowledge/finding_catalog.h"

namespace mtls::checks {
namespace {

std::string_view role_word(CertificateRole r) {
  switch (r) {
    case CertificateRole::client: return "client certificate";
    case CertificateRole::intermediate: return "intermediate";
    case CertificateRole::root: return "root";
    case CertificateRole::server: return "server certificate";
  }
  return "certificate";
}

CheckResult run(const Evidence& evidence, const CheckContext& context) {
  const CertificateEvidence& e = *evidence.certificates;
  if (e.certificates.empty()) return CheckResult::skip("no certificate was given");
  if (std::string why = store_lookup_only(*evidence.certificates); !why.empty()) return CheckResult::skip(why);
  std::vector<Finding> out;
  for (const CertificateFacts& c : e.certificates) {
    if (c.role == CertificateRole::server) continue;
    if (context.now > c.not_after) {
      Finding f = knowledge::make_finding("cert.expired");
      f.detail = fmt::format("The {} {} expired on {:%F %T} UTC (judged at {:%F %T} UTC). {}", role_word(c.role), c.subject,
                             c.not_after, context.now, f.detail);
      f.evidence.push_back(certificate_ref(c, fmt::format("notAfter {:%F %T}Z", c.not_after)));
      out.push_back(std::move(f));
    } else if (context.now < c.not_before) {
      Finding f = knowledge::make_finding("cert.not-yet-valid");
      f.detail = fmt::format("The {} {} is valid only from {:%F %T} UTC (judged at {:%F %T} UTC). {}", role_word(c.role),
                             c.subject, c.not_before, context.now, f.detail);
      f.evidence.push_back(certificate_ref(c, fmt::format("notBefore {:%F %T}Z", c.not_before)));
      out.push_back(std::move(f));
    }
  }
  return out.empty() ? CheckResult::passed() : CheckResult::found(std::move(out));
}

}  // namespace

Check cert_validity_check() {
  return {"cert_validity", Step::C7, {"cert.expired", "cert.not-yet-valid"}, {EvidencePart::certificates}, run};
}

}  // namespace mtls::checks
