// SPDX-License-Identifier: Apache-2.0
// C8, context: what SendTrustedIssuerList and ClientAuthTrustMode make the server put in the
// CertificateRequest's certificate_authorities list. SendTrustedIssuerList is off by default since
// Windows Server 2012 / Windows 8 (KB2802568): the list is then empty and clients may offer any
// certificate; on, the list comes from the binding's CTL store or else the Trusted Root store.
#include <fmt/format.h>

#include "checks/checks.h"
#include "knowledge/finding_catalog.h"
#include "knowledge/remedies.h"

namespace mtls::checks {
namespace {

constexpr const char* kKey = "HKLM\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL";

CheckResult run(const Evidence& evidence, const CheckContext&) {
  const IisEvidence& e = *evidence.iis;
  const SchannelSettings& sc = e.schannel;
  if (!sc.read) return CheckResult::skip("no Schannel registry values (--registry SYSTEM hive or .reg export of SCHANNEL)");
  Finding f = knowledge::make_finding("schannel.trusted-issuer-list");
  const unsigned mode = sc.client_auth_trust_mode.value_or(0);
  const std::string stil = sc.send_trusted_issuer_list
                               ? fmt::format("SendTrustedIssuerList is {}", *sc.send_trusted_issuer_list)
                               : std::string("SendTrustedIssuerList is not set (default 0 since Windows Server 2012)");
  const std::string trust = sc.client_auth_trust_mode
                                ? fmt::format("ClientAuthTrustMode is {}", *sc.client_auth_trust_mode)
                                : std::string("ClientAuthTrustMode is not set (default 0, machine trust)");
  std::string sends;
  if (sc.send_trusted_issuer_list.value_or(0) != 1) {
    sends = "the server sends an empty certificate_authorities list: clients may offer any certificate they hold";
  } else if (mode == 0) {
    sends = "the server sends the subjects of each binding's CTL store, or of the whole Trusted Root store when the "
            "binding names none; clients offer only certificates issued under a listed CA";
  } else {
    sends = "the server sends the subjects of each binding's CTL store; clients offer only certificates issued under a listed CA";
  }
  std::string per_binding;
  for (const HttpSysBinding& b : e.bindings) {
    per_binding += fmt::format("{}{} {}: {}", per_binding.empty() ? " Bindings: " : "; ", to_string(b.kind), b.endpoint,
                               b.ctl_store_name.empty() ? "no CTL store" : "CTL store " + b.ctl_store_name);
  }
  f.detail = fmt::format("{}; {}: {}.{}", stil, trust, sends, per_binding.empty() ? "" : per_binding + ".");
  f.evidence.push_back(sc.send_trusted_issuer_list ? sc.send_trusted_issuer_list_origin : sc.origin);
  if (sc.client_auth_trust_mode) f.evidence.push_back(sc.client_auth_trust_mode_origin);
  if (f.evidence.front().ref.empty()) f.evidence.front() = at_input("registry", e.inputs.empty() ? "registry" : e.inputs.front(), kKey);
  f.remedy.commands = {knowledge::remedies::reg_query(kKey, "SendTrustedIssuerList"), knowledge::remedies::reg_query(kKey, "ClientAuthTrustMode")};
  // With the list off, C8's "absent" holds by configuration; with it on, whether the list names
  // the client's issuer needs the client chain and the stores (store_issuer_list, the probe).
  if (sc.send_trusted_issuer_list.value_or(0) != 1) return CheckResult::holds({std::move(f)});
  return CheckResult::found({std::move(f)});
}

}  // namespace

Check schannel_trusted_issuer_list_check() {
  return {"schannel_trusted_issuer_list", Step::C8, {"schannel.trusted-issuer-list"}, {EvidencePart::iis}, run};
}

}  // namespace mtls::checks
