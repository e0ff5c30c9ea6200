// SPDX-License-Identifier: Apache-2.0
#include "knowledge/finding_links.h"

#include <vector>

namespace mtls::knowledge {

std::span<const FindingLink> finding_links() {
  static const std::vector<FindingLink> table{
      // C11: http.sys asks only by renegotiation when the binding does not negotiate the client
      // certificate (netsh http show sslcert "Negotiate Client Certificate: Disabled"). IIS logs the
      // aborted renegotiation as 500 0 64 (ERROR_NETNAME_DELETED) and the retry as 403.7; over
      // HTTP/2 renegotiation is forbidden (RFC 7540 §9.2.1), in TLS 1.3 it becomes post-handshake
      // authentication (RFC 8446 §4.6.2), which browsers do not offer.
      {"httpsys.negotiate-client-cert-disabled", "tls.certificate-request-late"},
      {"httpsys.negotiate-client-cert-disabled", "tls.certificate-request-post-handshake"},
      {"httpsys.negotiate-client-cert-disabled", "tls.renegotiation-blocked-by-http2"},
      {"httpsys.negotiate-client-cert-disabled", "tls.no-certificate-request"},
      {"httpsys.negotiate-client-cert-disabled", "log.late-negotiation-aborted"},
      {"httpsys.negotiate-client-cert-disabled", "log.client-cert-required"},
      {"httpsys.negotiate-client-cert-disabled", "http.client-cert-required"},
      {"tls.certificate-request-late", "log.late-negotiation-aborted"},
      {"tls.certificate-request-late", "tls.renegotiation-blocked-by-http2"},
      {"tls.certificate-request-post-handshake", "log.late-negotiation-aborted"},
      // C10: trust mode 1/2 or SendTrustedIssuerList 1 with a binding that lost its CTL store
      // (editing the binding in IIS Manager after a certificate renewal drops "Ctl Store Name"):
      // http.sys cannot build the issuer list and IIS logs 403 7 5 (ERROR_ACCESS_DENIED).
      {"httpsys.ctl-store-missing", "log.ctl-access-denied"},
      {"httpsys.ctl-store-missing", "log.client-cert-required"},
      {"httpsys.ctl-store-missing", "http.client-cert-required"},
      {"httpsys.ctl-store-missing", "tls.sni-bindings-differ"},
      {"httpsys.ctl-store-missing", "httpsys.bindings-inconsistent"},
      {"httpsys.bindings-inconsistent", "tls.sni-bindings-differ"},
      {"httpsys.bindings-inconsistent", "log.ctl-access-denied"},
      // C9: with ClientAuthTrustMode 0 a non-self-signed certificate in the Root store makes
      // Schannel drop the issuer list and refuse client chains (KB2802568): 403.7 or 403.16.
      {"store.non-self-signed-root", "log.client-cert-required"},
      {"store.non-self-signed-root", "log.client-cert-untrusted"},
      {"store.non-self-signed-root", "http.client-cert-required"},
      {"store.non-self-signed-root", "http.client-cert-rejected"},
      {"store.non-self-signed-root", "tls.client-cert-rejected"},
      {"store.non-self-signed-root", "tls.client-cert-not-sent"},
      // C2: IIS reads certificate mappings at the site level only; mappings under an
      // application's <location> are ignored, and the mapper answers 403.12 or 401.
      {"iis.mapping-at-application-level", "log.mapping-denied"},
      {"iis.mapping-at-application-level", "http.mapping-denied"},
      {"iis.mapping-auth-disabled", "log.mapping-denied"},
      {"iis.mapping-auth-disabled", "http.mapping-denied"},
      // C1: a site that does not require the certificate never asks for one.
      {"iis.ssl-cert-not-required", "tls.no-certificate-request"},
      // Client side (C4-C7): the identity's own defect is why the server refuses it, or why the
      // client sends nothing (no key: nothing to sign CertificateVerify with, RFC 8446 §4.4.3).
      {"cert.private-key-missing", "tls.client-cert-not-sent"},
      {"cert.private-key-missing", "http.client-cert-required"},
      {"cert.private-key-missing", "log.client-cert-required"},
      {"cert.private-key-mismatch", "tls.client-cert-not-sent"},
      {"cert.private-key-mismatch", "tls.handshake-failed"},
      {"cert.private-key-mismatch", "tls.client-cert-rejected"},
      {"cert.eku-missing-client-auth", "tls.client-cert-rejected"},
      {"cert.eku-missing-client-auth", "http.client-cert-rejected"},
      {"cert.eku-missing-client-auth", "log.client-cert-untrusted"},
      {"cert.key-usage-no-signature", "tls.client-cert-rejected"},
      {"cert.expired", "tls.client-cert-rejected"},
      {"cert.expired", "http.client-cert-rejected"},
      {"cert.expired", "log.client-cert-expired"},
      {"cert.not-yet-valid", "tls.client-cert-rejected"},
      {"cert.not-yet-valid", "http.client-cert-rejected"},
      {"cert.not-yet-valid", "log.client-cert-expired"},
      {"cert.revoked", "tls.client-cert-rejected"},
      {"cert.revoked", "http.client-cert-rejected"},
      {"cert.revoked", "log.client-cert-revoked"},
      {"cert.untrusted-root", "tls.client-cert-rejected"},
      {"cert.untrusted-root", "http.client-cert-rejected"},
      {"cert.untrusted-root", "log.client-cert-untrusted"},
      {"store.client-issuer-absent", "tls.client-cert-rejected"},
      {"store.client-issuer-absent", "http.client-cert-rejected"},
      {"store.client-issuer-absent", "log.client-cert-untrusted"},
      {"cert.chain-incomplete", "tls.client-chain-not-sent"},
      {"cert.chain-incomplete", "tls.client-cert-rejected"},
      {"cert.chain-incomplete", "http.client-cert-rejected"},
      {"cert.chain-incomplete", "log.client-cert-untrusted"},
      // C8: a CA list that names none of the client's issuers makes browsers and Schannel clients
      // send no certificate at all (RFC 8446 §4.3.2, RFC 5246 §7.4.4).
      {"tls.ca-list-excludes-client-chain", "tls.client-cert-not-sent"},
      {"tls.ca-list-excludes-client-chain", "http.client-cert-required"},
      {"tls.ca-list-excludes-client-chain", "log.client-cert-required"},
      {"schannel.issuer-list-truncated", "tls.client-cert-not-sent"},
      {"schannel.issuer-list-truncated", "log.client-cert-required"},
      // The server's own refusal seen on the wire is what the HTTP status and the log repeat.
      {"tls.client-cert-rejected", "http.client-cert-rejected"},
      {"tls.client-cert-rejected", "log.client-cert-untrusted"},
      {"tls.client-cert-not-sent", "http.client-cert-required"},
      {"tls.client-cert-not-sent", "log.client-cert-required"},
      {"tls.certificate-request-late", "log.client-cert-required"},
      {"tls.certificate-request-post-handshake", "log.client-cert-required"},
  };
  return table;
}

}  // namespace mtls::knowledge
