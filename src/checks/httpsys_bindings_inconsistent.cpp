// SPDX-License-Identifier: Apache-2.0
// C10: the IP:port and Hostname:port (SNI) bindings that serve one site must agree on the CTL store
// and on Negotiate Client Certificate; otherwise clients succeed or fail depending on whether they
// send SNI and which name they use.
#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "checks/checks.h"
#include "checks/iis_correlation.h"
#include "knowledge/finding_catalog.h"
#include "knowledge/remedies.h"

namespace mtls::checks {
namespace {

std::string describe(const HttpSysBinding& b) {
  return fmt::format("{} {} (Ctl Store Name {}, Negotiate Client Certificate {})", to_string(b.kind), b.endpoint,
                     b.ctl_store_name.empty() ? "(null)" : b.ctl_store_name,
                     b.negotiate_client_certificate == true ? "Enabled" : "Disabled");
}

void judge(const std::string& group, const std::vector<const HttpSysBinding*>& bindings, const EvidenceRef* site_origin,
           std::vector<Finding>& findings) {
  if (bindings.size() < 2) return;
  // The most complete settings in the group are the target: a CTL store if any names one,
  // negotiation if any enables it.
  std::string ctl;
  bool negotiate = false;
  for (const HttpSysBinding* b : bindings) {
    if (ctl.empty()) ctl = b->ctl_store_name;
    negotiate = negotiate || b->negotiate_client_certificate == true;
  }
  bool differ = false;
  for (const HttpSysBinding* b : bindings) {
    differ = differ || b->ctl_store_name != ctl || (b->negotiate_client_certificate == true) != negotiate;
  }
  if (!differ) return;
  Finding f = knowledge::make_finding("httpsys.bindings-inconsistent");
  std::string list;
  for (const HttpSysBinding* b : bindings) list += (list.empty() ? "" : "; ") + describe(*b);
  f.detail = fmt::format("The http.sys bindings serving {} disagree: {}. Clients reaching the site through one binding "
                         "(with or without SNI, by name or by address) are asked differently from the others.",
                         group, list);
  for (const HttpSysBinding* b : bindings) f.evidence.push_back(b->origin);
  if (site_origin) f.evidence.push_back(*site_origin);
  for (const HttpSysBinding* b : bindings) {
    if (b->ctl_store_name == ctl && (b->negotiate_client_certificate == true) == negotiate) continue;
    knowledge::remedies::SslcertChange change;
    if (!ctl.empty()) change.sslctlstorename = ctl;
    if (negotiate) change.clientcertnegotiation = true;
    f.remedy.commands.push_back(knowledge::remedies::netsh_update_sslcert(*b, change));
  }
  findings.push_back(std::move(f));
}

CheckResult run(const Evidence& evidence, const CheckContext&) {
  const IisEvidence& e = *evidence.iis;
  if (!e.bindings_read) return CheckResult::skip("no http.sys bindings were given (--sslcert netsh.txt or --registry SYSTEM)");
  std::vector<Finding> findings;
  if (!e.sites.empty()) {
    for (const IisSite& site : e.sites) {
      judge(fmt::format("site \"{}\"", site.name), iis::bindings_serving_site(e, site), &site.origin, findings);
    }
  } else {
    // Without applicationHost.config, bindings with the same port and server certificate are
    // taken to serve the same site.
    std::map<std::pair<std::string, std::string>, std::vector<const HttpSysBinding*>> groups;
    for (const HttpSysBinding& b : e.bindings) {
      const std::size_t colon = b.endpoint.rfind(':');
      const std::string port = colon == std::string::npos ? b.endpoint : b.endpoint.substr(colon + 1);
      std::string hash = b.certificate_hash;
      std::transform(hash.begin(), hash.end(), hash.begin(), [](unsigned char c) { return std::tolower(c); });
      if (hash.empty()) continue;
      groups[{port, hash}].push_back(&b);
    }
    for (const auto& [key, bindings] : groups) {
      judge(fmt::format("port {} with certificate {}", key.first, key.second), bindings, nullptr, findings);
    }
  }
  return CheckResult::found(std::move(findings));
}

}  // namespace

Check httpsys_bindings_inconsistent_check() {
  return {"httpsys_bindings_inconsistent", Step::C10, {"httpsys.bindings-inconsistent"}, {EvidencePart::iis}, run};
}

}  // namespace mtls::checks
