// SPDX-License-Identifier: Apache-2.0
// The stable finding ids, with the wording every check starts from. Ids never change
// meaning once released; new ids may be added. Sources cited per entry: RFC 5246 / 8446, RFC 7540
// §9.2.1 and RFC 8740 (HTTP/2), KB2802568 (non-self-signed roots), KB2880390 (16 KB issuer
// list), "netsh http add sslcert" (learn.microsoft.com/windows/win32/http/add-sslcert), the IIS
// configuration reference (learn.microsoft.com/iis/configuration/system.webserver/security).
#include "knowledge/finding_catalog.h"

#include <stdexcept>
#include <string>

namespace mtls::knowledge {
namespace {

using S = Severity;
using R = Role;

const std::vector<CatalogEntry> table{
    // --- the client certificate and its key (C4–C7) --------------------------------------
    {"cert.private-key-missing", S::error, Step::C4, R::cause,
     "The client certificate has no private key",
     "A client proves it owns its certificate by signing the handshake (CertificateVerify, RFC "
     "8446 §4.4.3) with the private key. Without the key the client cannot use the certificate, "
     "and most clients silently send none.",
     "Use the certificate together with its key: export it as a PKCS#12 file with the private key "
     "(certutil -exportPFX, or openssl pkcs12 -export), or give the key file with --key. On Windows, "
     "`certutil -repairstore my THUMBPRINT` re-links a certificate to a key that is still present.",
     {"cert.private-key-mismatch", "alert 116"}},
    {"cert.private-key-mismatch", S::error, Step::C4, R::cause,
     "The private key does not belong to the client certificate",
     "The key's public half differs from the certificate's public key, so the CertificateVerify "
     "signature fails and the server aborts the handshake (decrypt_error or bad_certificate).",
     "Find the key that was generated with this certificate's request, or issue a new certificate "
     "for the key you have.",
     {"alert 51", "alert 42"}},
    {"cert.private-key-unreadable", S::error, Step::C4, R::cause,
     "The account that uses the certificate cannot read its private key",
     "The key exists but the process identity (service account, application pool identity) has no "
     "permission to read or decrypt it, so the client program loads the certificate without a "
     "usable key and sends nothing.",
     "Grant that account read access to the key (Linux: chown/chmod/setfacl on the key file; "
     "Windows: certlm.msc > the certificate > All Tasks > Manage Private Keys > add the account "
     "with Read).",
     {"cert.private-key-missing"}},
    {"cert.eku-missing-client-auth", S::error, Step::C5, R::cause,
     "The certificate's Extended Key Usage does not allow client authentication",
     "An Extended Key Usage extension is present but lists neither clientAuth "
     "(1.3.6.1.5.5.7.3.2) nor anyExtendedKeyUsage. Windows and .NET do not offer such a "
     "certificate to a server, and servers that check usage reject it (CERT_E_WRONG_USAGE). Public "
     "CAs stopped putting clientAuth in TLS server certificates in 2025-2026.",
     "Issue the client certificate from a template or profile whose EKU includes Client "
     "Authentication (1.3.6.1.5.5.7.3.2).",
     {"0x800B0110"}},
    {"cert.key-usage-no-signature", S::error, Step::C5, R::cause,
     "The certificate's Key Usage does not allow digitalSignature",
     "A TLS client signs the handshake with its key (RFC 8446 §4.4.3; RFC 5246 §7.4.8), which RFC "
     "5280 §4.2.1.3 allows only with the digitalSignature key usage. Servers that enforce usage "
     "reject the certificate.",
     "Issue the client certificate with Key Usage digitalSignature (and keyEncipherment or "
     "keyAgreement as the key type needs).",
     {"0x800B0110"}},
    {"cert.is-ca", S::warning, Step::C5, R::cause,
     "A CA certificate is used as the client certificate",
     "The certificate says it is a certificate authority (basicConstraints cA=TRUE). Many servers "
     "and clients refuse a CA certificate as an end-entity certificate.",
     "Issue a separate end-entity certificate for the client from that CA.", {}},
    {"cert.expired", S::error, Step::C7, R::cause,
     "The client certificate has expired",
     "The certificate's notAfter date has passed; the server rejects it (IIS 403.17, alert "
     "certificate_expired).",
     "Renew the client certificate and install the new one with its key on the client.",
     {"403.17", "alert 45", "0x800B0101"}},
    {"cert.not-yet-valid", S::error, Step::C7, R::cause,
     "The client certificate is not yet valid",
     "The certificate's notBefore date is in the future (or the server's clock is behind); the "
     "server rejects it (IIS 403.17).",
     "Check the clocks of client and server, or wait until the certificate becomes valid.",
     {"403.17"}},
    {"cert.chain-incomplete", S::error, Step::C6, R::cause,
     "An intermediate certificate needed to reach a trusted root is missing",
     "Neither the client nor the trust stores given hold the certificate that issued one link of "
     "the chain, so the server cannot build a path to a trusted root and rejects the certificate "
     "(IIS 403.16, CERT_E_CHAINING).",
     "Install the missing intermediate in the server's Intermediate Certification Authorities "
     "store (certutil -addstore CA intermediate.cer), or make the client send it.",
     {"0x800B010A", "tls.client-chain-not-sent"}},
    {"cert.untrusted-root", S::error, Step::C7, R::cause,
     "The client certificate's chain ends at a root the server does not trust",
     "The chain is complete but its root is not in the trust store given, so the server rejects "
     "it (IIS 403.16 with CERT_E_UNTRUSTEDROOT, nginx 400 \"The SSL certificate error\").",
     "Import the root into the server's Trusted Root Certification Authorities store "
     "(certutil -addstore Root root.cer), or into the CA file the server uses "
     "(ssl_client_certificate / SSLCACertificateFile).",
     {"403.16", "0x800B0109", "alert 48"}},
    {"cert.revoked", S::error, Step::C7, R::cause,
     "The client certificate is revoked",
     "The certificate's serial number is on its issuer's certificate revocation list; the server "
     "rejects it (IIS 403.13, alert certificate_revoked).",
     "Issue a new client certificate; a revoked one cannot be used again.",
     {"403.13", "alert 44", "0x80092010"}},
    {"cert.weak-signature", S::warning, Step::C5, R::cause,
     "The certificate is signed with a weak algorithm",
     "A signature with SHA-1 or MD5 is refused by current TLS stacks (OpenSSL security level 1 and "
     "above refuses SHA-1 signatures; Windows refuses SHA-1 for TLS client authentication in "
     "recent builds).",
     "Reissue the certificate signed with SHA-256 or better.", {}},
    {"cert.weak-key", S::warning, Step::C5, R::cause,
     "The certificate's key is too weak",
     "RSA keys under 2048 bits (and EC keys under 224 bits) are refused by current TLS stacks "
     "(Apache AH02039 \"EE certificate key too weak\").",
     "Reissue the certificate with an RSA 2048-bit (or larger) or an ECDSA P-256 key.", {}},
    // --- trust stores (C7–C9) -----------------------------------------------------------
    {"store.non-self-signed-root", S::error, Step::C9, R::cause,
     "A certificate that is not self-signed sits in a trusted root store",
     "Windows Server 2012 and later build the client-authentication trust from the Trusted Root "
     "store; a certificate there whose issuer differs from its subject breaks client "
     "authentication for every client (403.16 with CERT_E_UNTRUSTEDROOT, or 403.7 when the issuer "
     "list is sent) (KB2802568).",
     "Move each non-self-signed certificate from Trusted Root Certification Authorities to "
     "Intermediate Certification Authorities.",
     {"403.16", "2148204809", "ClientAuthTrustMode"}},
    {"store.expired-anchor", S::warning, Step::C7, R::cause,
     "A trust store holds an expired certificate",
     "An expired CA certificate cannot anchor a chain; client certificates issued under it fail "
     "to verify, and the stale entry still lengthens the CA list a server sends.",
     "Remove the expired certificate and install its renewed successor.", {}},
    {"store.issuer-list-large", S::warning, Step::C8, R::cause,
     "The CA names list this store would make a server send is large",
     "A CertificateRequest's certificate_authorities list cannot exceed 2^16-1 bytes (RFC 5246 "
     "§7.4.4); Schannel on Windows 8 / Server 2012 fails client authentication once the Trusted "
     "Root store passes about 16 KB (KB2880390), and some clients drop long lists.",
     "Send a short list: on IIS keep SendTrustedIssuerList at 0 or bind a small CTL store "
     "(ClientAuthIssuer) with sslctlstorename; on nginx use ssl_trusted_certificate for "
     "verification and a short ssl_client_certificate for the list.",
     {"SendTrustedIssuerList", "schannel.issuer-list-truncated"}},
    {"store.client-issuer-absent", S::error, Step::C7, R::cause,
     "The client certificate's issuer and root are not in the server's store",
     "No certificate of the client's chain is in the trust or CTL store given, so the server will "
     "not trust it, and a server that sends that store as its CA list makes the client send "
     "nothing.",
     "Import the client's issuing CA (and root) into the store the server uses for client "
     "authentication.",
     {"cert.untrusted-root"}},
    // --- what the probe and captures see on the wire -------------------------------------
    {"tls.unreachable", S::error, Step::none, R::cause,
     "The server could not be reached",
     "The TCP connection could not be made (name not resolved, connection refused, or no answer "
     "in time), so nothing about client authentication could be learned.",
     "Check the host name, port and firewall; try --connect HOST:PORT to dial a specific address.",
     {}},
    {"tls.handshake-failed", S::error, Step::none, R::mechanism,
     "The TLS handshake failed",
     "The handshake ended with an alert or a dropped connection before any HTTP was exchanged.",
     "Read the alert and the direction it was sent in; explain the alert with mtls-doctor "
     "explain alert N.",
     {"alert 40", "alert 116"}},
    {"tls.server-cert-untrusted", S::info, Step::none, R::context,
     "The server's own certificate chain did not verify",
     "mtls-doctor could not verify the server's certificate against the CA file given (or the "
     "system store). This does not stop client authentication, and probing went on.",
     "Give the server's CA with --ca FILE to verify it.", {}},
    {"tls.no-certificate-request", S::error, Step::C1, R::cause,
     "The server never asks for a client certificate",
     "No CertificateRequest arrived, neither in the handshake nor after the HTTP request "
     "(renegotiation or TLS 1.3 post-handshake authentication), so no client can send one.",
     "Require the certificate: IIS SSL Settings > Client certificates: Require (sslFlags "
     "SslNegotiateCert,SslRequireCert); nginx ssl_verify_client on; Apache SSLVerifyClient "
     "require.",
     {"403.7"}},
    {"tls.certificate-request-late", S::error, Step::C11, R::mechanism,
     "The server asks for the client certificate only by renegotiation, after the request",
     "The server completed the handshake without a CertificateRequest and asked only after "
     "reading the HTTP request, by TLS 1.2 renegotiation. HTTP/2 forbids renegotiation (RFC 7540 "
     "§9.2.1) and TLS 1.3 has none, so browsers on h2 or TLS 1.3 are never asked; IIS logs 500 0 "
     "64 and then 403.7.",
     "Request the certificate in the initial handshake: on IIS enable Negotiate Client "
     "Certificate on the http.sys binding (clientcertnegotiation=enable); on nginx and Apache "
     "require the certificate at the virtual-host level, not per location.",
     {"500 0 64", "403.7", "clientcertnegotiation"}},
    {"tls.certificate-request-post-handshake", S::error, Step::C11, R::mechanism,
     "The server asks for the client certificate only after a TLS 1.3 handshake",
     "The server asks by TLS 1.3 post-handshake authentication (RFC 8446 §4.6.2), which only "
     "clients that offer the post_handshake_auth extension can answer; browsers do not, and it is "
     "forbidden over HTTP/2 (RFC 8740).",
     "Request the certificate during the handshake (virtual-host level SSLVerifyClient / "
     "ssl_verify_client; on IIS clientcertnegotiation=enable), or limit the site to TLS 1.2 only "
     "as a stopgap.",
     {"alert 116"}},
    {"tls.renegotiation-blocked-by-http2", S::error, Step::C11, R::mechanism,
     "The server needs renegotiation for the certificate but negotiated HTTP/2",
     "The certificate is requested after the request, by renegotiation, but the connection speaks "
     "HTTP/2, where renegotiation is forbidden (RFC 7540 §9.2.1). Browsers prefer h2, so they "
     "never see the request and get 403.7 (or HTTP_1_1_REQUIRED).",
     "Request the certificate in the initial handshake (IIS: clientcertnegotiation=enable on the "
     "http.sys binding; other servers: where the site's TLS is configured, not per path), or stop "
     "offering HTTP/2 there (IIS: disablehttp2=enable).",
     {"tls.certificate-request-late"}},
    {"tls.ca-list-empty", S::info, Step::C8, R::context,
     "The CertificateRequest names no CA",
     "The server's certificate_authorities list is empty (RFC 5246 §7.4.4 allows it): the client "
     "may send any certificate it has. Windows Server 2012 and later send an empty list by "
     "default (SendTrustedIssuerList 0).",
     "Nothing to fix; if clients pick the wrong certificate, make the server send its issuers.",
     {"SendTrustedIssuerList"}},
    {"tls.ca-list-excludes-client-chain", S::error, Step::C8, R::cause,
     "The server's CA list does not name any issuer of the client's chain",
     "Clients that filter certificates by the CertificateRequest's certificate_authorities list "
     "(browsers, Windows, .NET, curl with Schannel) offer nothing when none of the certificate's "
     "issuers is listed, and the server answers 403.7 or certificate_required.",
     "Add the client's issuing CA to the list the server sends (IIS: the binding's CTL store, e.g. "
     "ClientAuthIssuer; nginx: ssl_client_certificate; Apache: SSLCACertificateFile or "
     "SSLCADNRequestFile), or use a client certificate from a listed CA.",
     {"403.7", "httpsys.ctl-store-missing"}},
    {"tls.client-chain-not-sent", S::error, Step::C6, R::cause,
     "The client sent only its own certificate and the server needs the intermediate",
     "The client's Certificate message held just the leaf, and the server does not know the "
     "intermediate, so it cannot build the chain and rejects the certificate (unknown_ca).",
     "Make the client send its chain (--chain, or a PKCS#12 with the intermediates), or install "
     "the intermediate on the server.",
     {"cert.chain-incomplete", "alert 48"}},
    {"tls.client-cert-rejected", S::error, Step::C7, R::mechanism,
     "The server rejected the client certificate",
     "The client sent a certificate and the server refused it, with an alert or an HTTP status.",
     "Read the reason the server gave and fix the certificate, its chain or the server's trust "
     "store accordingly.",
     {"alert 42", "alert 48", "403.16"}},
    {"tls.client-cert-not-sent", S::error, Step::C3, R::mechanism,
     "The client answered the certificate request with no certificate",
     "The server asked, and the client's Certificate message was empty: the client had no "
     "certificate it was willing to use (none configured, no key, wrong EKU, or an issuer not in "
     "the server's CA list).",
     "Configure the client with a certificate and key; check it with mtls-doctor cert.",
     {"403.7", "alert 116"}},
    {"tls.sni-bindings-differ", S::error, Step::C10, R::cause,
     "With and without SNI the server asks differently",
     "Connections that carry the host name (SNI) and connections that do not reach different "
     "server settings (on Windows: a hostname:port and an IP:port http.sys binding) that disagree "
     "on the CA list or on when the certificate is requested, so some clients fail.",
     "Make both ask the same way with the same CA list (IIS: the hostname:port and IP:port "
     "bindings' certificate, CTL store and clientcertnegotiation; nginx and Apache: the port's "
     "default server or first virtual host too).",
     {"httpsys.bindings-inconsistent"}},
    {"tls.middlebox-altered-handshake", S::error, Step::C12, R::cause,
     "Something between client and server changed the handshake",
     "The client-side and server-side captures of one connection differ in the server "
     "certificate, the CertificateRequest or its CA list: a proxy, load balancer or TLS "
     "inspection device terminates TLS in between and cannot forward a client certificate.",
     "Exempt the site from TLS inspection, or configure the device to pass TLS through (or to "
     "do client authentication itself and forward the identity).",
     {}},
    {"http.client-cert-required", S::error, Step::C3, R::symptom,
     "The server answered that a client certificate is required",
     "The HTTP answer says no client certificate arrived (IIS 403.7, nginx 400 \"No required SSL "
     "certificate was sent\" or 496).",
     "See the findings above for why none arrived.",
     {"403.7"}},
    {"http.client-cert-rejected", S::error, Step::C7, R::symptom,
     "The server answered that the client certificate is not acceptable",
     "The HTTP answer says the certificate arrived but was refused (IIS 403.13 revoked, 403.16 "
     "untrusted, 403.17 expired; nginx 495 or 400 \"The SSL certificate error\").",
     "Check the certificate with mtls-doctor cert FILE --trust SERVER-STORE.",
     {"403.13", "403.16", "403.17"}},
    {"http.mapping-denied", S::error, Step::C2, R::symptom,
     "The certificate was accepted by TLS but refused by the account mapping",
     "TLS accepted the certificate, then the server refused the request: on IIS the "
     "certificate-to-account mapping could not map it or denied access (403.12, 401.x); "
     "elsewhere an authorization rule or the application's own check of the certificate.",
     "On IIS check the one-to-one or many-to-one mapping rules at the site level; elsewhere the "
     "server's authorization rules for the certificate and the application's log.",
     {"403.12", "401.1"}},
    // --- IIS, http.sys and Schannel configuration ----------------------------------------
    {"iis.ssl-cert-not-required", S::error, Step::C1, R::cause,
     "Client-certificate authentication is configured but the certificate is not required",
     "Certificate mapping authentication is enabled, but the content's <access sslFlags> lacks "
     "SslRequireCert (or SslNegotiateCert), so IIS never asks for the certificate.",
     "Set SSL Settings > Client certificates to Require for that content (sslFlags "
     "\"Ssl, SslNegotiateCert, SslRequireCert\").",
     {"sslFlags", "403.7"}},
    {"iis.mapping-at-application-level", S::error, Step::C2, R::cause,
     "Certificate mappings are defined under an application; IIS ignores them there",
     "IIS reads one-to-one and many-to-one client certificate mappings "
     "(iisClientCertificateMappingAuthentication) at the site level only; mappings under an "
     "application's <location> are silently ignored, so the mapping denies everyone.",
     "Move the mappings to the site's <location path=\"SITE\"> and keep only enabled=\"true\" at "
     "the application.",
     {"403.12"}},
    {"iis.mapping-auth-disabled", S::error, Step::C2, R::cause,
     "Certificate mappings exist but the authentication that uses them is disabled",
     "Mapping rules are configured, but iisClientCertificateMappingAuthentication (or "
     "clientCertificateMappingAuthentication) is not enabled where the content needs it.",
     "Enable the certificate mapping authentication for that content.", {}},
    {"iis.wcf-needs-anonymous", S::warning, Step::C14, R::cause,
     "A WCF service uses transport client certificates but anonymous authentication is off",
     "WCF transport security with clientCredentialType=\"Certificate\" authenticates the "
     "certificate itself and needs IIS anonymous authentication enabled for the service; with it "
     "off, the service fails to activate or answers 401/403.",
     "Enable anonymous authentication for the .svc location.", {}},
    {"httpsys.negotiate-client-cert-disabled", S::error, Step::C11, R::cause,
     "Negotiate Client Certificate is disabled on a binding that serves certificate-requiring content",
     "Without Negotiate Client Certificate, http.sys completes the handshake without asking and "
     "IIS asks later by renegotiation, which fails over HTTP/2 and TLS 1.3 and shows as 500 0 64 "
     "then 403.7.",
     "Enable it on the binding: netsh http update sslcert ... clientcertnegotiation=enable.",
     {"500 0 64", "clientcertnegotiation", "tls.certificate-request-late"}},
    {"httpsys.ctl-store-missing", S::error, Step::C10, R::cause,
     "A binding does not name the CTL store its trust mode needs",
     "With ClientAuthTrustMode 1 or 2, or SendTrustedIssuerList 1, http.sys takes the trusted "
     "issuers from the binding's Ctl Store Name; without it the list comes from the whole Trusted "
     "Root store or trust fails (403.7 with win32 status 5). Editing a binding in IIS Manager, "
     "e.g. after renewing the server certificate, drops the setting.",
     "Set it again: netsh http update sslcert ... sslctlstorename=ClientAuthIssuer.",
     {"403 7 5", "ClientAuthTrustMode", "sslctlstorename"}},
    {"httpsys.bindings-inconsistent", S::error, Step::C10, R::cause,
     "The http.sys bindings of one site disagree",
     "The IP:port and hostname:port (SNI) bindings that serve the same site differ in CTL store "
     "or Negotiate Client Certificate, so clients with and without SNI get different treatment.",
     "Make the bindings identical with netsh http update sslcert on the one that differs.",
     {"tls.sni-bindings-differ"}},
    {"httpsys.binding-missing", S::error, Step::none, R::cause,
     "A site's https binding has no http.sys SSL binding",
     "IIS has an https binding for the site but no http.sys certificate binding serves its "
     "address and port, so the handshake fails before IIS sees anything.",
     "Add the binding: netsh http add sslcert ipport=... certhash=... appid=... (or re-select the "
     "certificate in IIS Manager).",
     {}},
    {"diagnose.sources-disagree", S::warning, Step::C11, R::context,
     "The server's configuration and what the server does disagree",
     "The exported http.sys binding that serves the probed address says one thing (for example "
     "Negotiate Client Certificate enabled) while the live server did another (asked only by "
     "renegotiation). Either the export is from another server or binding, or something in "
     "between (a load balancer or proxy terminating TLS) answers instead of http.sys.",
     "Export the configuration again from the server that answers this address (netsh http show "
     "sslcert), and check for a device terminating TLS in front of it (capture on both sides).",
     {"tls.middlebox-altered-handshake"}},
    {"schannel.trusted-issuer-list", S::info, Step::C8, R::context,
     "What the Schannel settings make the server send as its CA list",
     "SendTrustedIssuerList and ClientAuthTrustMode decide whether the CertificateRequest names "
     "CAs and which store they come from.",
     "Nothing to fix by itself; compare the list with the client's issuers.",
     {"SendTrustedIssuerList", "ClientAuthTrustMode"}},
    {"schannel.issuer-list-truncated", S::error, Step::C8, R::cause,
     "The trusted issuer list is too large and Schannel truncates it",
     "Schannel reported the list of trusted issuers too long and truncated it (event 36885), or "
     "the store it would send is past the known limits (KB2880390: 16 KB); clients whose issuer "
     "falls off the list send nothing.",
     "Set SendTrustedIssuerList to 0, or bind a small CTL store with sslctlstorename and "
     "ClientAuthTrustMode 2.",
     {"SendTrustedIssuerList", "store.issuer-list-large"}},
    {"client.single-cert-auto-select", S::warning, Step::C3, R::context,
     "The browser picks the only certificate without asking",
     "The Internet Settings zone value 1A04 (\"Don't prompt for client certificate selection when "
     "only one certificate exists\") is on: no prompt, a silent choice, nothing to see while "
     "troubleshooting.",
     "Turn it off while troubleshooting (Internet Options > Security > zone > Custom level), so "
     "you see whether a certificate is offered at all.",
     {}},
    // --- server logs ----------------------------------------------------------------------
    {"log.client-cert-required", S::error, Step::C13, R::symptom,
     "IIS logged 403.7: client certificate required",
     "Requests reached IIS without a client certificate where one is required.",
     "Look at the findings that explain why none arrived; probe the site with "
     "mtls-doctor probe.",
     {"403.7"}},
    {"log.late-negotiation-aborted", S::error, Step::C11, R::mechanism,
     "A 500 with win32 status 64 came just before 403.7 from the same client",
     "IIS asked for the certificate by renegotiation after the request; the connection was "
     "aborted while reading it (500 0 64, FREB 0x800703e3), and the retry got 403.7.",
     "Enable Negotiate Client Certificate on the binding: netsh http update sslcert ... "
     "clientcertnegotiation=enable.",
     {"500 0 64", "0x800703E3", "httpsys.negotiate-client-cert-disabled"}},
    {"log.client-cert-untrusted", S::error, Step::C7, R::symptom,
     "IIS logged 403.16: client certificate untrusted or invalid",
     "The certificate arrived but its chain does not end at a root the server trusts "
     "(CERT_E_UNTRUSTEDROOT), or the chain is broken.",
     "Check the server's Trusted Root store (mtls-doctor store) and the client's chain "
     "(mtls-doctor cert).",
     {"403.16", "0x800B0109", "store.non-self-signed-root"}},
    {"log.client-cert-expired", S::error, Step::C7, R::symptom,
     "IIS logged 403.17: client certificate expired or not yet valid",
     "The certificate arrived but is outside its validity period.",
     "Renew the client certificate; check both clocks.", {"403.17"}},
    {"log.client-cert-revoked", S::error, Step::C7, R::symptom,
     "IIS logged 403.13: client certificate revoked (or revocation unknown)",
     "The certificate is revoked, or the server could not reach the CRL/OCSP responder "
     "(CRYPT_E_REVOCATION_OFFLINE).",
     "If revoked, issue a new certificate; if the revocation server is unreachable, fix access to "
     "it or review verifyclientcertrevocation on the binding.",
     {"403.13", "0x80092013"}},
    {"log.mapping-denied", S::error, Step::C2, R::symptom,
     "IIS logged 403.12 or 401.x for certificate mapping",
     "The certificate was accepted by TLS but the mapper denied access or could not log the "
     "mapped account on.",
     "Check the mapping rules (site level) and the mapped account's password and rights.",
     {"403.12", "401.1"}},
    {"log.ctl-access-denied", S::error, Step::C10, R::mechanism,
     "IIS logged 403.7 with win32 status 5 (access denied)",
     "403.7 with ERROR_ACCESS_DENIED points at the binding's trusted-issuer configuration: a "
     "trust mode or issuer list that needs a CTL store the binding does not name, often lost "
     "when the binding was edited in IIS Manager.",
     "Check netsh http show sslcert for Ctl Store Name and set it with sslctlstorename=.",
     {"403 7 5", "httpsys.ctl-store-missing"}},
    {"log.schannel-events", S::error, Step::C7, R::mechanism,
     "Schannel logged TLS errors around the failures",
     "The System event log holds Schannel events (36870–36888) near the failures: fatal alerts "
     "sent or received, or the trusted issuer list truncated. These never reach IIS logs.",
     "Read the alert codes (mtls-doctor explain alert N) and the event text.",
     {"alert 116", "schannel.issuer-list-truncated"}},
    {"log.schannel-handshake-errors", S::warning, Step::none, R::context,
     "Schannel logged TLS failures that are not about client certificates",
     "The System event log holds Schannel events that end handshakes for another reason: no cipher "
     "suite or protocol version in common, this machine's own certificate or key unusable, or a "
     "server certificate refused when this machine was the client. They do not explain a "
     "client-certificate failure, but the clients that meet them cannot connect at all.",
     "Compare the TLS versions and cipher suites the clients offer with those the server enables "
     "(the SCHANNEL Protocols and Ciphers registry keys), and read the event text.",
     {"alert 40", "alert 70"}},
    {"log.renegotiation-failed", S::error, Step::C11, R::mechanism,
     "Apache asked for the client certificate by renegotiation, and it failed",
     "A per-directory SSLVerifyClient (in <Location> or <Directory>) makes mod_ssl ask for the "
     "certificate only after the request, by renegotiation (AH02255, AH02221); the client refused or "
     "could not renegotiate (AH02261: TLS 1.3 has none, RFC 8446 §4.6.2; HTTP/2 forbids it, RFC 7540 "
     "§9.2.1), or mod_ssl refused a renegotiation the client started (AH02042).",
     "Move SSLVerifyClient require (or optional) to the <VirtualHost>, so the certificate is asked "
     "for in the initial handshake, and restrict access per location with Require expr "
     "%{SSL_CLIENT_VERIFY} == 'SUCCESS'.",
     {"AH02261", "log.late-negotiation-aborted"}},
    {"log.tls-handshake-errors", S::warning, Step::none, R::context,
     "nginx or Apache logged TLS handshake failures",
     "The error log holds handshakes that failed before any request: SSL_do_handshake() failed with "
     "an alert, the peer closed the connection in the handshake, AH02008 with its SSL Library Error, "
     "or nginx could not verify its upstream. An alert received names what the client refused (often "
     "the server's own certificate); they say nothing of the client certificate unless the reason does.",
     "Read the alert number and reason (mtls-doctor explain alert N) and compare the times with the "
     "client's own error.",
     {"alert 48", "log.schannel-handshake-errors"}},
    {"log.unparsed-lines", S::warning, Step::none, R::context,
     "Some log lines could not be read",
     "Lines that do not match their #Fields header (or are not a known log format) were counted "
     "and skipped; the counts above leave them out.",
     "Look at the first line numbers given; a changed #Fields header or a truncated file is the "
     "usual reason.",
     {}},
    // --- cert/store area: chain, AD mapping and store ids -----------------------------------
    {"cert.chain-invalid", S::error, Step::C7, R::cause,
     "The client certificate's chain reaches a trusted root but does not verify",
     "A path to a trusted root was built, but RFC 5280 path validation rejects a link of it (a "
     "bad signature, an issuer that is not a CA, a path-length or name constraint), so the server "
     "rejects the certificate just as it would an untrusted one (IIS 403.16).",
     "Reissue the certificate from a correctly configured CA; the OpenSSL reason names the link "
     "and what is wrong with it.",
     {"cert.untrusted-root", "403.16"}},
    {"cert.ad-mapping-no-upn", S::warning, Step::C2, R::cause,
     "The certificate names no UPN or e-mail address for Active Directory mapping",
     "Active Directory client-certificate mapping (IIS clientCertificateMappingAuthentication, "
     "Schannel S4U2Self mapping) finds the account by the User Principal Name in the Subject "
     "Alternative Name, or by the e-mail address; without either, the certificate is accepted "
     "by TLS and then refused by the mapper (403.12 / 401).",
     "Reissue the certificate from a template that puts the user's UPN in the Subject "
     "Alternative Name (otherName 1.3.6.1.4.1.311.20.2.3), or use IIS one-to-one or "
     "many-to-one mapping instead.",
     {"http.mapping-denied", "403.12"}},
    {"store.duplicate-certificate", S::info, Step::C8, R::context,
     "A trust store holds the same certificate more than once",
     "Copies of one certificate change nothing for trust, but they are easy to miss when a CA "
     "is renewed or removed, and some tools count them when sizing the CA list.",
     "Delete the extra copies so the store holds each certificate once.", {}},
    // --- iis area: a configuration section IIS does not honour where it is written -------
    // Step C2: like iis.mapping-at-application-level, the settings sit at a level where IIS does
    // not honour them (step C2: rules only count where the server reads them). Source: the IIS
    // configuration reference (<location overrideMode>, <section overrideModeDefault>) and
    // "HTTP Error 500.19" (0x80070021, "This configuration section cannot be used at this path").
    {"iis.section-locked", S::error, Step::C2, R::cause,
     "A web.config sets a security section that is locked at its level (HTTP 500.19)",
     "system.webServer/security/access (sslFlags) and the authentication sections ship with "
     "overrideModeDefault=\"Deny\"; a web.config that names a locked section makes IIS answer "
     "500.19 (0x80070021, \"This configuration section cannot be used at this path\") for the "
     "content, so \"Require SSL\" or certificate mapping set there never takes effect.",
     "Unlock the section for that path in applicationHost.config (appcmd unlock config "
     "\"SITE/PATH\" -section:SECTION /commit:apphost, or Set-WebConfiguration ... -Metadata "
     "overrideMode -Value Allow), or set the value in applicationHost.config with /commit:apphost.",
     {"500.19", "0x80070021"}},
    {"store.non-ca-certificate", S::warning, Step::C7, R::cause,
     "A trust store holds a certificate that is not a CA",
     "An end-entity certificate (no basicConstraints cA=TRUE) in a store of issuers cannot "
     "issue client certificates; it is usually a client or server certificate imported into "
     "the wrong store, and it still lengthens the CA list a server sends.",
     "Move the certificate to the Personal (MY) store or delete it from the trust store.", {}},
};

}  // namespace

std::span<const CatalogEntry> finding_catalog() { return table; }

const CatalogEntry* find_catalog_entry(std::string_view id) {
  for (const CatalogEntry& e : table) {
    if (e.id == id) return &e;
  }
  return nullptr;
}

Finding make_finding(std::string_view id) {
  const CatalogEntry* e = find_catalog_entry(id);
  if (!e) throw std::logic_error("finding id not in the catalog: " + std::string(id));
  Finding f;
  f.id = std::string(e->id);
  f.severity = e->severity;
  f.step = e->step;
  f.role = e->role;
  f.title = std::string(e->title);
  f.detail = std::string(e->explanation);
  f.remedy.text = std::string(e->remedy);
  return f;
}

}  // namespace mtls::knowledge
