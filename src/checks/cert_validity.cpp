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
  CheckResult result = judge_each_certificate(evidence, [&](const CertificateFacts& c, std::vector<Finding>& out) {
    if (context.now > c.not_after) {
      out.push_back(certificate_finding("cert.expired", c,
                                        fmt::format("The {} {} expired on {:%F %T} UTC (judged at {:%F %T} UTC).",
                                                    role_word(c.role), c.subject, c.not_after, context.now),
                                        fmt::format("notAfter {:%F %T}Z", c.not_after)));
    } else if (context.now < c.not_before) {
      out.push_back(certificate_finding("cert.not-yet-valid", c,
                                        fmt::format("The {} {} is valid only from {:%F %T} UTC (judged at {:%F %T} UTC).",
                                                    role_word(c.role), c.subject, c.not_before, context.now),
                                        fmt::format("notBefore {:%F %T}Z", c.not_before)));
    }
  });
  // Valid dates are half of C7; the other half is a trusted root, which only a chain built to a
  // trust store shows. Without one, the step stays not checked.
  const auto& chain = evidence.certificates->chain;
  if (result.findings.empty() && !result.not_checked &&
      (!chain || chain->verdict != ChainFacts::Verdict::trusted)) {
    return CheckResult::skip("the dates are valid, but no chain was built to a trusted root (--trust STORE)");
  }
  return result;
}

}  // namespace

Check cert_validity_check() {
  return {"cert_validity", Step::C7, {"cert.expired", "cert.not-yet-valid"}, {EvidencePart::certificates}, run};
}

}  // namespace mtls::checks
