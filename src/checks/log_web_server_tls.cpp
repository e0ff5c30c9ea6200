// SPDX-License-Identifier: Apache-2.0
// log.renegotiation-failed (C11): Apache's mod_ssl asked for the client certificate by
// renegotiation (a per-directory SSLVerifyClient: AH02255 / AH02221) and it failed (AH02261), or
// refused one the client started (AH02042). TLS 1.3 has no renegotiation (RFC 8446 §4.6.2 offers
// post-handshake authentication instead, which browsers do not do) and HTTP/2 forbids it (RFC
// 7540 §9.2.1), so the certificate must be asked for in the initial handshake: SSLVerifyClient
// in the <VirtualHost>, not in a <Location> or <Directory> (mod_ssl documentation, SSLVerifyClient).
// log.tls-handshake-errors: the other handshake failures nginx and Apache logged
// (SSL_do_handshake() failed, peer closed connection in SSL handshake, AH02008 with its "SSL
// Library Error" line, AH02006, nginx's upstream verify errors), said for what they are.
#include <fmt/format.h>

#include <algorithm>

#include "checks/checks.h"
#include "checks/log_common.h"
#include "knowledge/finding_catalog.h"
#include "knowledge/remedies.h"

namespace mtls::checks {
namespace {

bool is_renegotiation(const WebServerMessage& m) {
  return m.server == WebServer::apache &&
         (m.code == "AH02261" || m.code == "AH02255" || m.code == "AH02221" || m.code == "AH02042");
}

CheckResult run(const Evidence& evidence, const CheckContext&) {
  using namespace log_detail;
  const LogEvidence& logs = *evidence.logs;
  std::vector<const WebServerMessage*> renegotiation, handshake;
  bool failed = false;
  for (const WebServerMessage& m : logs.web_server_messages) {
    if (m.kind || m.source != "error log") continue;  // certificate failures: the log.client-cert-* checks
    if (is_renegotiation(m)) {
      renegotiation.push_back(&m);
      failed |= m.code == "AH02261" || m.code == "AH02042";
    } else {
      handshake.push_back(&m);
    }
  }
  if (logs.web_server_lines == 0) return CheckResult::skip("no nginx or Apache log among the inputs");
  std::vector<Finding> out;
  if (failed) {
    Finding f = knowledge::make_finding("log.renegotiation-failed");
    f.detail = web_summary(renegotiation) +
               " The certificate is asked for only after the request, by renegotiation; clients on TLS 1.3 or "
               "HTTP/2 cannot renegotiate, and many others refuse.";
    f.evidence = web_refs(renegotiation);
    f.remedy.commands = {
        knowledge::remedies::bash("grep -rn -B3 'SSLVerifyClient' /etc/apache2 /etc/httpd 2>/dev/null", "",
                                  "a SSLVerifyClient inside <Location> or <Directory> is the per-directory one"),
        knowledge::remedies::bash("mtls-doctor probe https://HOST/PATH --cert client.pem --key client.key")};
    out.push_back(std::move(f));
  }
  if (!handshake.empty()) {
    std::stable_sort(handshake.begin(), handshake.end(),
                     [](const WebServerMessage* a, const WebServerMessage* b) { return a->count > b->count; });
    Finding f = knowledge::make_finding("log.tls-handshake-errors");
    f.title = servers_text(handshake) + " logged TLS handshake failures";
    f.detail = web_summary(handshake) +
               " These end the handshake before the server decides on a client certificate, or concern "
               "nginx's own connection to its upstream; alerts received name what the client refused.";
    f.evidence = web_refs(handshake);
    f.remedy.commands = {knowledge::remedies::bash("mtls-doctor explain alert N", "", "N: the SSL alert number logged")};
    out.push_back(std::move(f));
  }
  if (out.empty()) return CheckResult::passed();
  return CheckResult::found(std::move(out));
}

}  // namespace

Check log_web_server_tls_check() {
  return {"log_web_server_tls", Step::C11, {"log.renegotiation-failed", "log.tls-handshake-errors"}, {EvidencePart::logs}, run};
}

}  // namespace mtls::checks
