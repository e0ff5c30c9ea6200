// SPDX-License-Identifier: Apache-2.0
// C9: with ClientAuthTrustMode 0 (machine trust, the default) a certificate in the machine's
// Trusted Root store that is not self-signed makes Schannel fail client authentication: 403.16
// with 0x800B0109, or 403.7 when the trusted issuer list is sent (KB2802568).
#include <fmt/format.h>

#include "checks/checks.h"
#include "knowledge/finding_catalog.h"
#include "knowledge/remedies.h"

namespace mtls::checks {
namespace {

bool is_root_store(std::string_view store) {
  return store.size() == 4 && (store[0] == 'R' || store[0] == 'r') && (store[1] == 'O' || store[1] == 'o') &&
         (store[2] == 'O' || store[2] == 'o') && (store[3] == 'T' || store[3] == 't');
}

CheckResult run(const Evidence& evidence, const CheckContext&) {
  const IisEvidence& e = *evidence.iis;
  if (!e.stores_read) return CheckResult::skip("no machine certificate stores (--registry SOFTWARE hive)");
  const unsigned mode = e.schannel.client_auth_trust_mode.value_or(0);
  if (mode != 0) return CheckResult::passed();  // exclusive trust modes read the CTL store instead
  std::vector<Finding> findings;
  for (const StoreCertificate& c : e.store_certificates) {
    if (!is_root_store(c.store) || !c.facts || c.facts->self_signed) continue;
    Finding f = knowledge::make_finding("store.non-self-signed-root");
    f.detail = fmt::format("The machine's Trusted Root store holds \"{}\" (thumbprint {}), issued by \"{}\": it is not "
                           "self-signed. With ClientAuthTrustMode {} Schannel then rejects client certificates (403.16 "
                           "with 0x800B0109, or 403.7 when the trusted issuer list is sent; KB2802568).",
                           c.facts->subject, c.thumbprint, c.facts->issuer,
                           e.schannel.client_auth_trust_mode ? "0" : "not set (0)");
    f.evidence.push_back(c.origin);
    if (e.schannel.client_auth_trust_mode) f.evidence.push_back(e.schannel.client_auth_trust_mode_origin);
    f.remedy.commands = {
        knowledge::remedies::powershell(fmt::format("Move-Item -Path Cert:\\LocalMachine\\Root\\{} -Destination Cert:\\LocalMachine\\CA",
                                  c.thumbprint),
                      "Windows", "an intermediate belongs in the CA store"),
        knowledge::remedies::reg_add_dword(knowledge::remedies::kSchannelKey, "ClientAuthTrustMode", 2, "or trust the CTL store only (exclusive CA trust)"),
    };
    findings.push_back(std::move(f));
  }
  return CheckResult::found(std::move(findings));
}

}  // namespace

Check schannel_root_store_not_self_signed_check() {
  return {"schannel_root_store_not_self_signed", Step::C9, {"store.non-self-signed-root"}, {EvidencePart::iis}, run};
}

}  // namespace mtls::checks
