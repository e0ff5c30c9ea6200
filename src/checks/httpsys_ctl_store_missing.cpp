// SPDX-License-Identifier: Apache-2.0
// C10: with ClientAuthTrustMode 1 (exclusive root trust) or 2 (exclusive CA trust), or with
// SendTrustedIssuerList 1, Schannel builds the trust list from the binding's CTL store ("Ctl Store
// Name"). A binding without one (IIS Manager drops it when the binding is edited, e.g. after the
// server certificate is renewed) answers 403.7 with win32 status 5; a binding naming a store that
// does not exist or is empty trusts nobody.
#include <fmt/format.h>

#include <algorithm>

#include "checks/checks.h"
#include "checks/iis_correlation.h"
#include "knowledge/finding_catalog.h"
#include "knowledge/remedies.h"

namespace mtls::checks {
namespace {

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

CheckResult run(const Evidence& evidence, const CheckContext&) {
  const IisEvidence& e = *evidence.iis;
  if (!e.bindings_read) return CheckResult::skip("no http.sys bindings were given (--sslcert netsh.txt or --registry SYSTEM)");
  // Which bindings matter: those serving sites that take client certificates, or every binding
  // when no site configuration was given.
  std::vector<const HttpSysBinding*> relevant;
  if (!e.sites.empty()) {
    for (const IisSite& site : e.sites) {
      if (!iis::site_wants_client_certificate(e, site.name)) continue;
      for (const HttpSysBinding* b : iis::bindings_serving_site(e, site)) {
        if (std::find(relevant.begin(), relevant.end(), b) == relevant.end()) relevant.push_back(b);
      }
    }
  } else {
    for (const HttpSysBinding& b : e.bindings) relevant.push_back(&b);
  }
  if (relevant.empty() && !iis::any_site_wants_client_certificate(e)) {
    return CheckResult::skip(std::string(iis::kNoSiteWantsCertificate));
  }
  std::vector<Finding> findings;
  const SchannelSettings& sc = e.schannel;
  const unsigned mode = sc.client_auth_trust_mode.value_or(0);
  const bool needs_ctl = mode == 1 || mode == 2 || sc.send_trusted_issuer_list.value_or(0) == 1;
  if (sc.read && needs_ctl) {
    std::string why;
    std::vector<EvidenceRef> registry;
    if (mode == 1 || mode == 2) {
      why = fmt::format("ClientAuthTrustMode is {} ({})", mode, mode == 1 ? "exclusive root trust" : "exclusive CA trust");
      registry.push_back(sc.client_auth_trust_mode_origin);
    }
    if (sc.send_trusted_issuer_list.value_or(0) == 1) {
      why += fmt::format("{}SendTrustedIssuerList is 1", why.empty() ? "" : " and ");
      registry.push_back(sc.send_trusted_issuer_list_origin);
    }
    for (const HttpSysBinding* b : relevant) {
      if (!b->ctl_store_name.empty()) continue;
      Finding f = knowledge::make_finding("httpsys.ctl-store-missing");
      f.detail = fmt::format("{}, but the http.sys binding {} {} names no CTL store (Ctl Store Name is (null)). {} "
                             "IIS Manager drops the CTL store whenever the binding is edited, for example after the server "
                             "certificate is renewed.",
                             why, to_string(b->kind), b->endpoint,
                             mode == 1 || mode == 2
                                 ? "With an exclusive trust mode client certificates then fail (403.7 with win32 status 5)."
                                 : "The server then sends the whole Trusted Root store as its CA list, and clients whose issuer "
                                   "is not in it, or that cannot handle a long list, send no certificate.");
      f.evidence.push_back(b->origin);
      for (const EvidenceRef& r : registry) f.evidence.push_back(r);
      f.remedy.commands.push_back(knowledge::remedies::netsh_update_sslcert(*b, {.sslctlstorename = "ClientAuthIssuer"}));
      findings.push_back(std::move(f));
    }
  }
  // A named store that the SOFTWARE hive does not have, or that is empty.
  if (e.stores_read) {
    for (const HttpSysBinding* b : relevant) {
      if (b->ctl_store_name.empty()) continue;
      auto store = std::find_if(e.stores.begin(), e.stores.end(),
                                [&](const CertificateStoreSummary& s) { return iequals(s.store, b->ctl_store_name); });
      if (store != e.stores.end() && store->certificates > 0) continue;
      Finding f = knowledge::make_finding("httpsys.ctl-store-missing");
      f.detail = fmt::format("The http.sys binding {} {} names the CTL store \"{}\", which {} in the machine's certificate "
                             "stores: the server trusts (and advertises) no issuer for client certificates.",
                             to_string(b->kind), b->endpoint, b->ctl_store_name,
                             store == e.stores.end() ? "does not exist" : "holds no certificate");
      f.evidence.push_back(b->origin);
      if (store != e.stores.end()) f.evidence.push_back(store->origin);
      f.remedy.commands.push_back(knowledge::remedies::certutil_addstore(
          b->ctl_store_name, "<client-ca>.cer", "<client-ca>.cer: the CA that issues the client certificates"));
      findings.push_back(std::move(f));
    }
  }
  if (!sc.read && !e.stores_read) {
    return CheckResult::skip("no Schannel registry values (--registry SYSTEM hive or .reg export of SCHANNEL)");
  }
  return CheckResult::found(std::move(findings));
}

}  // namespace

Check httpsys_ctl_store_missing_check() {
  return {"httpsys_ctl_store_missing", Step::C10, {"httpsys.ctl-store-missing"}, {EvidencePart::iis}, run};
}

}  // namespace mtls::checks
