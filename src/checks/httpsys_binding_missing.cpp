// SPDX-License-Identifier: Apache-2.0
// A site's https binding that no http.sys SSL binding serves: the TLS handshake fails before IIS
// sees anything (HttpEvent 15300 "SSL Certificate Settings deleted" is one way to get here).
#include <fmt/format.h>

#include "checks/checks.h"
#include "checks/iis_correlation.h"
#include "knowledge/finding_catalog.h"
#include "knowledge/remedies.h"

namespace mtls::checks {
namespace {

CheckResult run(const Evidence& evidence, const CheckContext&) {
  const IisEvidence& e = *evidence.iis;
  if (!e.bindings_read) return CheckResult::skip("no http.sys bindings were given (--sslcert netsh.txt or --registry SYSTEM)");
  if (e.sites.empty()) return CheckResult::skip("no sites: give applicationHost.config (--config)");
  std::vector<Finding> findings;
  for (const IisSite& site : e.sites) {
    const bool wants = iis::site_wants_client_certificate(e, site.name);
    for (const IisBinding& b : site.bindings) {
      if (b.protocol != "https" || iis::serving_binding(e, b)) continue;
      Finding f = knowledge::make_finding("httpsys.binding-missing");
      std::string key;
      std::string expected;
      if (b.ssl_flags & binding_ssl_flag::central_certificate_store) {
        key = "ccs=" + b.port;
        expected = "a Central Certificate Store binding for port " + b.port;
      } else if (b.ssl_flags & binding_ssl_flag::sni) {
        key = "hostnameport=" + b.host + ":" + b.port;
        expected = "a Hostname:port binding " + b.host + ":" + b.port;
      } else {
        const std::string ip = b.ip == "*" ? "0.0.0.0" : b.ip;
        key = "ipport=" + ip + ":" + b.port;
        expected = "an IP:port binding " + ip + ":" + b.port;
      }
      f.detail = fmt::format("Site \"{}\" has the https binding \"{}\"{}, but http.sys has no SSL binding for it (expected {}): "
                             "TLS connections to it fail before IIS sees a request.",
                             site.name, b.binding_information,
                             b.ssl_flag_names.empty() ? std::string() : " (sslFlags " + std::to_string(b.ssl_flags) + ")", expected);
      f.evidence.push_back(b.origin);
      knowledge::remedies::SslcertChange change;
      if (wants) change.clientcertnegotiation = true;
      f.remedy.commands.push_back(knowledge::remedies::netsh_add_sslcert(key, {}, change));
      findings.push_back(std::move(f));
    }
  }
  return CheckResult::found(std::move(findings));
}

}  // namespace

Check httpsys_binding_missing_check() {
  return {"httpsys_binding_missing", Step::none, {"httpsys.binding-missing"}, {EvidencePart::iis}, run};
}

}  // namespace mtls::checks
