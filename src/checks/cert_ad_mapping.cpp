// SPDX-License-Identifier: Apache-2.0
// C2 (--ad-mapping): Active Directory certificate mapping finds the account by the UPN
// (otherName 1.3.6.1.4.1.311.20.2.3) or the e-mail address in the Subject Alternative Name
// (Microsoft: "Certificate-based authentication changes on Windows domain controllers",
// KB5014754, lists UPN and RFC822 name among the mappings).
#include <fmt/ranges.h>

#include <algorithm>

#include "checks/cert_support.h"
#include "checks/checks.h"
#include "knowledge/finding_catalog.h"

namespace mtls::checks {
namespace {

CheckResult run(const Evidence& evidence, const CheckContext&) {
  const CertificateEvidence& e = *evidence.certificates;
  if (!e.identity || !e.identity->ad_mapping) return CheckResult::skip("AD mapping was not asked for (--ad-mapping)");
  const CertificateFacts* client = client_certificate(e);
  if (!client) return CheckResult::skip("no client certificate was given");
  const bool has = std::any_of(client->subject_alt_names.begin(), client->subject_alt_names.end(), [](const std::string& n) {
    return n.rfind("UPN:", 0) == 0 || n.rfind("email:", 0) == 0;
  });
  if (has) return CheckResult::passed();
  Finding f = knowledge::make_finding("cert.ad-mapping-no-upn");
  f.detail = fmt::format("The Subject Alternative Name of {} holds {}. {}", client->subject,
                         client->subject_alt_names.empty() ? "nothing" : fmt::format("{}", fmt::join(client->subject_alt_names, ", ")), f.detail);
  f.evidence.push_back(certificate_ref(*client, fmt::format("subjectAltName: {}", fmt::join(client->subject_alt_names, ", "))));
  return CheckResult::found({std::move(f)});
}

}  // namespace

Check cert_ad_mapping_check() {
  return {"cert_ad_mapping", Step::C2, {"cert.ad-mapping-no-upn"}, {EvidencePart::certificates}, run};
}

}  // namespace mtls::checks
