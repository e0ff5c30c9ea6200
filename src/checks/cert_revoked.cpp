// SPDX-License-Identifier: Apache-2.0
// C7: the client certificate is not on a CRL given with --crl (RFC 5280 §5). IIS answers
// 403.13 for a revoked client certificate.
#include <fmt/ranges.h>

#include "checks/cert_support.h"
#include "checks/checks.h"
#include "knowledge/finding_catalog.h"

namespace mtls::checks {
namespace {

CheckResult run(const Evidence& evidence, const CheckContext&) {
  const CertificateEvidence& e = *evidence.certificates;
  if (!e.revocation) return CheckResult::skip("no CRL was given (--crl FILE)");
  const RevocationFacts& r = *e.revocation;
  const CertificateFacts* client = client_certificate(e);
  if (!r.covered) {
    return CheckResult::skip(fmt::format("no CRL given was issued by the certificate's issuer{}",
                                         r.notes.empty() ? "" : fmt::format(" ({})", fmt::join(r.notes, "; "))));
  }
  if (!r.revoked) return CheckResult::passed();
  Finding f = knowledge::make_finding("cert.revoked");
  f.detail = fmt::format("Serial {} of {} is listed in {} as revoked on {}{}{}. {}", client ? client->serial : "?",
                         client ? client->subject : "the client certificate", r.crl_file, r.revocation_date,
                         r.reason.empty() ? "" : fmt::format(" (reason: {})", r.reason),
                         r.crl_signature_ok ? (*r.crl_signature_ok ? "" : "; the CRL's signature does not verify with the issuer's key, so check where this CRL came from")
                                            : "; the issuer certificate was not available, so the CRL's signature was not verified",
                         f.detail);
  if (client) f.evidence.push_back(certificate_ref(*client));
  f.evidence.push_back(at_input("crl", r.crl_file, fmt::format("revoked {} {}", r.revocation_date, r.reason)));
  return CheckResult::found({std::move(f)});
}

}  // namespace

Check cert_revoked_check() {
  return {"cert_revoked", Step::C7, {"cert.revoked"}, {EvidencePart::certificates}, run};
}

}  // namespace mtls::checks
