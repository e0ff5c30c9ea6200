// SPDX-License-Identifier: Apache-2.0
// C5: the certificate is meant for client authentication. RFC 5280 §4.2.1.12: an EKU, when
// present, must contain id-kp-clientAuth (1.3.6.1.5.5.7.3.2) or anyExtendedKeyUsage; §4.2.1.3:
// Key Usage, when present, must allow digitalSignature (the client signs CertificateVerify,
// RFC 8446 §4.4.3); and a CA certificate is not an end-entity identity.
#include <fmt/ranges.h>

#include <algorithm>

#include "checks/cert_support.h"
#include "checks/checks.h"
#include "knowledge/finding_catalog.h"
#include "knowledge/remedies.h"

namespace mtls::checks {
namespace {

bool allows_client_auth(const CertificateFacts& c) {
  if (!c.has_eku) return true;
  return std::any_of(c.eku.begin(), c.eku.end(), [](const std::string& e) {
    return e == "clientAuth" || e == "1.3.6.1.5.5.7.3.2" || e == "anyExtendedKeyUsage" || e == "2.5.29.37.0";
  });
}

CheckResult run(const Evidence& evidence, const CheckContext&) {
  if (std::string why = store_lookup_only(*evidence.certificates); !why.empty()) return CheckResult::skip(why);
  const CertificateFacts* client = client_certificate(*evidence.certificates);
  if (!client) return CheckResult::skip("no client certificate was given");
  std::vector<Finding> out;
  if (!allows_client_auth(*client)) {
    Finding f = knowledge::make_finding("cert.eku-missing-client-auth");
    f.detail = fmt::format("The Extended Key Usage of {} lists {} but not clientAuth (1.3.6.1.5.5.7.3.2). {}", client->subject,
                           client->eku.empty() ? "nothing" : fmt::format("{}", fmt::join(client->eku, ", ")), f.detail);
    f.evidence.push_back(certificate_ref(*client, fmt::format("extendedKeyUsage: {}", fmt::join(client->eku, ", "))));
    // When reissuing with OpenSSL, the extension line the CA needs:
    f.remedy.commands.push_back(knowledge::remedies::config("extendedKeyUsage = clientAuth", "OpenSSL",
                                          "in the extensions section the CA signs the new certificate with"));
    out.push_back(std::move(f));
  }
  if (client->has_key_usage && std::find(client->key_usage.begin(), client->key_usage.end(), "digitalSignature") == client->key_usage.end()) {
    Finding f = knowledge::make_finding("cert.key-usage-no-signature");
    f.detail = fmt::format("The Key Usage of {} is {} without digitalSignature. {}", client->subject,
                           client->key_usage.empty() ? "empty" : fmt::format("{}", fmt::join(client->key_usage, ", ")), f.detail);
    f.evidence.push_back(certificate_ref(*client, fmt::format("keyUsage: {}", fmt::join(client->key_usage, ", "))));
    out.push_back(std::move(f));
  }
  if (client->is_ca) {
    Finding f = knowledge::make_finding("cert.is-ca");
    f.detail = fmt::format("{} has basicConstraints cA=TRUE. {}", client->subject, f.detail);
    f.evidence.push_back(certificate_ref(*client, "basicConstraints: CA:TRUE"));
    out.push_back(std::move(f));
  }
  return out.empty() ? CheckResult::passed() : CheckResult::found(std::move(out));
}

}  // namespace

Check cert_client_usage_check() {
  return {"cert_client_usage", Step::C5, {"cert.eku-missing-client-auth", "cert.key-usage-no-signature", "cert.is-ca"},
          {EvidencePart::certificates}, run};
}

}  // namespace mtls::checks
