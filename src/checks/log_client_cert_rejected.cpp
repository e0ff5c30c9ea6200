// SPDX-License-Identifier: Apache-2.0
// log.client-cert-untrusted / -expired / -revoked (C7): 403.16, 403.17 and 403.13 entries
// (KB943891), the same failures as nginx / Apache and CAPI2 Operational chain events (11, 30) name
// them for a client certificate. A 403.16 with CERT_E_UNTRUSTEDROOT while the client's root is installed is the
// classic symptom of a non-self-signed certificate in the server's Trusted Root store, which
// switches Schannel's client-auth trust off (KB2802568).
#include <fmt/format.h>

#include "checks/checks.h"
#include "checks/log_common.h"
#include "knowledge/finding_catalog.h"
#include "knowledge/remedies.h"

namespace mtls::checks {
namespace {

constexpr std::uint32_t kCertEUntrustedRoot = 0x800B0109;  // CERT_E_UNTRUSTEDROOT
constexpr std::uint32_t kCryptERevocationOffline = 0x80092013;

std::string codes_text(const LogFailure& f) {
  std::string s;
  for (const auto& [code, n] : f.by_win32) {
    s += fmt::format("{}{} x{}", s.empty() ? " sc-win32-status: " : ", ", log_detail::win32_text(code), n);
  }
  return s.empty() ? s : s + ".";
}

/// nginx / Apache messages of `kind` added to the IIS finding `f` (or made its own, `iis` false).
void add_web(Finding& f, const std::vector<const WebServerMessage*>& web, bool iis, std::string_view what) {
  using namespace log_detail;
  if (web.empty()) return;
  if (!iis) f.title = servers_text(web) + " logged: " + std::string(what);
  f.detail += (f.detail.empty() ? "" : " ") + web_summary(web);
  for (EvidenceRef& r : web_refs(web)) f.evidence.push_back(std::move(r));
}

/// CAPI2 chain errors of `kind` added to the finding `f` (or made its own, `alone`).
void add_capi2(Finding& f, const std::vector<const Capi2ChainError*>& errors, bool alone, std::string_view what) {
  using namespace log_detail;
  if (errors.empty()) return;
  if (alone) f.title = "CAPI2 logged: " + std::string(what);
  f.detail += (f.detail.empty() ? "" : " ") + capi2_summary(errors);
  for (EvidenceRef& r : capi2_refs(errors)) f.evidence.push_back(std::move(r));
}

/// Remedies for a failure only CAPI2 saw (Windows, no IIS line): verify the chain as Windows does.
std::vector<RemedyCommand> capi2_remedies() {
  return {knowledge::remedies::cmd("certutil -verify -urlfetch client.cer", "Windows",
                                   "client.cer: the certificate the event names (its thumbprint)"),
          knowledge::remedies::bash("mtls-doctor cert client.pem")};
}

CheckResult run(const Evidence& evidence, const CheckContext&) {
  using namespace log_detail;
  const LogEvidence& logs = *evidence.logs;
  std::vector<Finding> out;
  const auto web_untrusted = web_messages(logs, LogFailureKind::cert_untrusted);
  const auto web_expired = web_messages(logs, LogFailureKind::cert_expired);
  const auto web_revoked = web_messages(logs, LogFailureKind::cert_revoked);
  const auto capi2_untrusted = capi2_errors(logs, LogFailureKind::cert_untrusted);
  const auto capi2_expired = capi2_errors(logs, LogFailureKind::cert_expired);
  const auto capi2_revoked = capi2_errors(logs, LogFailureKind::cert_revoked);
  if (const LogFailure* f403_16 = find_failure(logs, LogFailureKind::cert_untrusted)) {
    Finding f = knowledge::make_finding("log.client-cert-untrusted");
    f.detail = failure_summary(*f403_16, "403.16") + codes_text(*f403_16);
    if (f403_16->by_win32.contains(kCertEUntrustedRoot)) {
      f.detail +=
          " CERT_E_UNTRUSTEDROOT: the chain ends at a root the server does not trust. If the root IS in "
          "the server's Trusted Root Certification Authorities store, look for a certificate there that "
          "is not self-signed: one such certificate makes Schannel stop trusting the store for client "
          "authentication (KB2802568). Move it to Intermediate Certification Authorities, or set "
          "ClientAuthTrustMode=2 with a CTL store on the binding.";
      f.remedy.commands = {
          knowledge::remedies::powershell("Get-ChildItem Cert:\\LocalMachine\\Root | Where-Object { $_.Issuer -ne $_.Subject } | "
                        "Format-List Subject,Issuer,Thumbprint",
                        "Windows", "certificates in the root store that are not self-signed"),
          knowledge::remedies::bash("mtls-doctor store ROOT --role root", "", "ROOT: the exported root store"),
          knowledge::remedies::cmd("certutil -verify -urlfetch client.cer", "Windows")};
    }
    f.detail += assumed_text(logs);
    f.evidence = example_refs(*f403_16);
    add_web(f, web_untrusted, true, "");
    add_capi2(f, capi2_untrusted, false, "");
    out.push_back(std::move(f));
  } else if (!web_untrusted.empty()) {
    Finding f = knowledge::make_finding("log.client-cert-untrusted");
    add_web(f, web_untrusted, false, "the client certificate did not verify");
    add_capi2(f, capi2_untrusted, false, "");
    f.remedy.commands = {knowledge::remedies::bash("openssl verify -CAfile CA.pem -untrusted intermediates.pem client.pem", "",
                                                   "CA.pem: the file ssl_client_certificate / SSLCACertificateFile names"),
                         knowledge::remedies::bash("mtls-doctor cert client.pem")};
    out.push_back(std::move(f));
  } else if (!capi2_untrusted.empty()) {
    Finding f = knowledge::make_finding("log.client-cert-untrusted");
    add_capi2(f, capi2_untrusted, true, "the client certificate's chain did not verify");
    f.remedy.commands = capi2_remedies();
    out.push_back(std::move(f));
  }
  if (const LogFailure* f403_17 = find_failure(logs, LogFailureKind::cert_expired)) {
    Finding f = knowledge::make_finding("log.client-cert-expired");
    f.detail = failure_summary(*f403_17, "403.17") + codes_text(*f403_17);
    f.detail += assumed_text(logs);
    f.evidence = example_refs(*f403_17);
    add_web(f, web_expired, true, "");
    add_capi2(f, capi2_expired, false, "");
    f.remedy.commands = {knowledge::remedies::bash("mtls-doctor cert client.pem")};
    out.push_back(std::move(f));
  } else if (!web_expired.empty()) {
    Finding f = knowledge::make_finding("log.client-cert-expired");
    add_web(f, web_expired, false, "client certificate expired or not yet valid");
    add_capi2(f, capi2_expired, false, "");
    f.remedy.commands = {knowledge::remedies::bash("mtls-doctor cert client.pem")};
    out.push_back(std::move(f));
  } else if (!capi2_expired.empty()) {
    Finding f = knowledge::make_finding("log.client-cert-expired");
    add_capi2(f, capi2_expired, true, "client certificate expired or not yet valid");
    f.remedy.commands = capi2_remedies();
    out.push_back(std::move(f));
  }
  if (const LogFailure* f403_13 = find_failure(logs, LogFailureKind::cert_revoked)) {
    Finding f = knowledge::make_finding("log.client-cert-revoked");
    f.detail = failure_summary(*f403_13, "403.13") + codes_text(*f403_13);
    if (f403_13->by_win32.contains(kCryptERevocationOffline)) {
      f.detail += " CRYPT_E_REVOCATION_OFFLINE: the server could not reach the CRL or OCSP responder; "
                  "the certificate may well be good.";
    }
    f.detail += assumed_text(logs);
    f.evidence = example_refs(*f403_13);
    add_web(f, web_revoked, true, "");
    add_capi2(f, capi2_revoked, false, "");
    f.remedy.commands = {knowledge::remedies::cmd("certutil -verify -urlfetch client.cer", "Windows"), knowledge::remedies::netsh_show_sslcert()};
    out.push_back(std::move(f));
  } else if (!web_revoked.empty()) {
    Finding f = knowledge::make_finding("log.client-cert-revoked");
    add_web(f, web_revoked, false, "client certificate revoked (or its revocation status unknown)");
    add_capi2(f, capi2_revoked, false, "");
    f.remedy.commands = {knowledge::remedies::bash("mtls-doctor cert client.pem")};
    out.push_back(std::move(f));
  } else if (!capi2_revoked.empty()) {
    Finding f = knowledge::make_finding("log.client-cert-revoked");
    add_capi2(f, capi2_revoked, true, "client certificate revoked (or its revocation status unknown)");
    f.remedy.commands = {knowledge::remedies::cmd("certutil -verify -urlfetch client.cer", "Windows",
                                                  "client.cer: the certificate the event names (its thumbprint)"),
                         knowledge::remedies::netsh_show_sslcert()};
    out.push_back(std::move(f));
  }
  if (out.empty()) return CheckResult::passed();
  return CheckResult::found(std::move(out));
}

}  // namespace

Check log_client_cert_rejected_check() {
  return {"log_client_cert_rejected",
          Step::C7,
          {"log.client-cert-untrusted", "log.client-cert-expired", "log.client-cert-revoked"},
          {EvidencePart::logs},
          run};
}

}  // namespace mtls::checks
