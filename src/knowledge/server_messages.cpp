// SPDX-License-Identifier: Apache-2.0
// Server-side messages users paste from error logs when client-certificate authentication fails.
// nginx: src/http/ngx_http_request.c (ngx_http_ssl_handshake and the verify result check),
// src/event/ngx_event_openssl.c (SSL_do_handshake() failed), src/http/ngx_http_special_response.c
// (the 400 pages for the internal statuses 495, 496, 497) and the ngx_http_ssl_module
// documentation ("Error processing"); the texts checked against the Debian nginx binary.
// Apache: modules/ssl/ssl_engine_kernel.c and ssl_engine_io.c of httpd 2.4 (AHnnnnn tags from
// APLOGNO), checked against the Debian apache2 mod_ssl.so; AH02042 is from 2.4 releases before
// mod_ssl relied on SSL_OP_NO_RENEGOTIATION. The meanings for client certificates are ours.
#include "knowledge/pasted_codes.h"

namespace mtls::knowledge {
namespace {

const std::vector<PastedCode> nginx{
    {"client sent no required SSL certificate", "info-level error-log message",
     "client sent no required SSL certificate",
     "nginx (ngx_http_request.c) logs it when ssl_verify_client is on and the client completed the "
     "handshake without a certificate; the request is answered with the page \"400 No required SSL "
     "certificate was sent\" (internal status 496).",
     "The server asked for a certificate in the handshake and the client sent none: the client has "
     "no certificate configured, or none of its certificates is issued by a CA in the server's "
     "ssl_client_certificate / ssl_trusted_certificate list, so it chose not to send one.",
     {"the client has no certificate (or its key) configured",
      "the client's certificate is not issued by a CA the server names in its CertificateRequest, "
      "so the client skipped it",
      "a proxy or load balancer in front of nginx terminated TLS and the certificate never reached "
      "nginx"},
     "Check that the client's issuer is in the file ssl_client_certificate names, and probe with "
     "the certificate: mtls-doctor probe https://HOST/PATH --cert CERT --key KEY."},
    {"client SSL certificate verify error", "info-level error-log message",
     "client SSL certificate verify error",
     "nginx (ngx_http_request.c) verified the client certificate after the handshake and OpenSSL "
     "rejected it; the number and text in parentheses, e.g. (20:unable to get local issuer "
     "certificate), are the OpenSSL verify result, explained as a further part. The request is "
     "answered with the page \"400 The SSL certificate error\" (internal status 495).",
     "The client sent a certificate and nginx could not verify it against ssl_client_certificate / "
     "ssl_trusted_certificate (and ssl_crl, ssl_verify_depth).",
     {"the client's CA or intermediate is missing from the server's CA file",
      "the certificate is expired, revoked or lacks clientAuth",
      "ssl_verify_depth is smaller than the client's chain"},
     "Decode the number (mtls-doctor explain 20) and verify the client chain against the server's "
     "CA file: mtls-doctor cert CLIENT.pem --trust CLIENT-CA.pem."},
    {"upstream SSL certificate verify error", "error-log message (proxy_ssl_verify)",
     "upstream SSL certificate verify error",
     "nginx, as a client of an upstream (proxy_ssl_verify on), could not verify the upstream "
     "server's certificate; the parentheses hold the OpenSSL verify result.",
     "Not about the user's client certificate: this is nginx checking the upstream's server "
     "certificate against proxy_ssl_trusted_certificate.",
     {"proxy_ssl_trusted_certificate lacks the upstream's CA or intermediate",
      "proxy_ssl_name does not match the upstream certificate"},
     "Check the upstream chain: mtls-doctor probe https://UPSTREAM/ shows it; add its CA to "
     "proxy_ssl_trusted_certificate."},
    {"SSL_do_handshake() failed", "crit/info-level error-log message", "SSL_do_handshake() failed",
     "The TLS handshake failed inside OpenSSL; the parentheses hold OpenSSL's error queue, e.g. "
     "(SSL: error:0A000412:SSL routines::sslv3 alert bad certificate:SSL alert number 42). \"SSL "
     "alert number N\" is the alert the client sent, explained as a further part.",
     "An alert from the client means the client rejected something the server sent: its "
     "certificate (48 unknown_ca, 42 bad_certificate) or the handshake. nginx does not fail the "
     "handshake for a bad client certificate itself (it logs \"client SSL certificate verify "
     "error\" instead), so this line is usually about the server's side.",
     {"the client does not trust the server certificate",
      "no common protocol version or cipher suite",
      "the client aborted, e.g. while asking the user to pick a certificate"},
     "Decode the alert (mtls-doctor explain \"alert 42\") and probe: mtls-doctor probe "
     "https://HOST/PATH."},
    {"495", "nginx status 495 (NGX_HTTPS_CERT_ERROR)", "The SSL certificate error",
     "nginx's internal status 495: the client sent a certificate that failed verification. The "
     "client receives \"400 The SSL certificate error\" unless error_page 495 sends something "
     "else.",
     "The client certificate was sent and rejected; the error log holds the matching \"client SSL "
     "certificate verify error: (N:...)\" line.",
     {"an untrusted, expired or revoked client certificate"},
     "Find the matching error-log line and decode its verify code: mtls-doctor explain \"client "
     "SSL certificate verify error: (20:unable to get local issuer certificate)\"."},
    {"496", "nginx status 496 (NGX_HTTPS_NO_CERT)", "No required SSL certificate was sent",
     "nginx's internal status 496: ssl_verify_client on and the client sent no certificate. The "
     "client receives \"400 No required SSL certificate was sent\" unless error_page 496 sends "
     "something else.",
     "The certificate was asked for in the handshake and none came back.",
     {"no client certificate configured",
      "the client's certificate is not from a CA the server lists"},
     "mtls-doctor probe https://HOST/PATH --cert CERT --key KEY; compare the CA list it shows with "
     "the certificate's issuer."},
    {"497", "nginx status 497 (NGX_HTTP_TO_HTTPS)", "The plain HTTP request was sent to HTTPS port",
     "nginx's internal status 497: a plain HTTP request arrived on a TLS port. The client receives "
     "\"400 The plain HTTP request was sent to HTTPS port\".",
     "Not a client-certificate failure: the client did not speak TLS at all.",
     {"http:// used for an https port",
      "a health check or proxy speaking plain HTTP to the TLS listener"},
     "Use https:// for this port, or redirect with error_page 497."},
};

const std::vector<PastedCode> apache{
    {"AH02261", "Re-negotiation handshake failed", "Re-negotiation handshake failed",
     "mod_ssl (ssl_engine_kernel.c) asked the client for a certificate by renegotiation, because "
     "SSLVerifyClient is set in a <Location>, <Directory> or .htaccess, and the renegotiation did "
     "not complete (\": Not accepted by client!?\" when the client refused it).",
     "The certificate was asked for late, after the request was read. Clients that refuse "
     "renegotiation (TLS 1.3 has none, HTTP/2 forbids it, Go and many libraries refuse it) never "
     "send the certificate.",
     {"SSLVerifyClient require inside <Location>/<Directory> rather than in the <VirtualHost>",
      "the connection is TLS 1.3 (no renegotiation: mod_ssl uses post-handshake authentication, "
      "which the client must offer)",
      "the client library refuses renegotiation"},
     "Move SSLVerifyClient require (with SSLCACertificateFile) to the <VirtualHost> so the "
     "certificate is asked for in the initial handshake; mtls-doctor probe https://HOST/PATH shows "
     "when the server asks."},
    {"AH02262", "Re-negotiation handshake failed: Client verification failed",
     "Re-negotiation handshake failed: Client verification failed",
     "mod_ssl renegotiated to get the client certificate, the client sent one, and it failed "
     "verification.",
     "The late request worked but the certificate was rejected; the AH02039 line before it holds "
     "the OpenSSL verify result.",
     {"an untrusted, expired or revoked client certificate"},
     "Decode the AH02039 line before it: mtls-doctor explain \"AH02039: Certificate Verification: "
     "Error (20): unable to get local issuer certificate\"."},
    {"AH02263", "Re-negotiation handshake failed: Client certificate missing",
     "Re-negotiation handshake failed: Client certificate missing",
     "mod_ssl renegotiated to get the client certificate and the client answered without one.",
     "The certificate was asked for late and none was sent: the client has none, or none from a CA "
     "the server lists.",
     {"no client certificate configured",
      "the client's issuer is not in SSLCACertificateFile, so the client sent nothing"},
     "Ask in the initial handshake (SSLVerifyClient require in the <VirtualHost>) and probe: "
     "mtls-doctor probe https://HOST/PATH --cert CERT --key KEY."},
    {"AH02255", "Changed client verification type will force renegotiation",
     "Changed client verification type will force",
     "mod_ssl (debug level) found a per-directory SSLVerifyClient stricter than the virtual "
     "host's, so it must renegotiate (or use TLS 1.3 post-handshake authentication) before serving "
     "the request.",
     "The marker of a late certificate request: the AH02221 / AH02226 / AH02261 lines that follow "
     "tell whether it worked.",
     {"SSLVerifyClient in a <Location>, <Directory> or .htaccess"},
     "Set SSLVerifyClient in the <VirtualHost> so no renegotiation is needed."},
    {"AH02221", "Requesting connection re-negotiation", "Requesting connection re-negotiation",
     "mod_ssl is starting a renegotiation to apply per-directory SSL settings (often "
     "SSLVerifyClient).",
     "The client certificate is being asked for late; see AH02261 for the outcome.",
     {"per-directory SSLVerifyClient or SSLCipherSuite"},
     "Move client-certificate settings to the <VirtualHost>."},
    {"AH02226", "Awaiting re-negotiation handshake", "Awaiting re-negotiation handshake",
     "mod_ssl sent the HelloRequest and waits for the client's new handshake.",
     "Late certificate request in progress; a following AH02261 means the client did not follow.",
     {"per-directory SSLVerifyClient"}, "See AH02261."},
    {"AH02225", "Re-negotiation request failed", "Re-negotiation request failed",
     "mod_ssl could not even start the renegotiation (SSL_renegotiate failed).",
     "The late certificate request failed before reaching the client.",
     {"renegotiation disabled by the OpenSSL build or options",
      "TLS 1.3 connection"},
     "Ask for the certificate in the initial handshake (SSLVerifyClient in the <VirtualHost>)."},
    {"AH02042", "rejecting client initiated renegotiation",
     "rejecting client initiated renegotiation",
     "mod_ssl of Apache 2.4 releases before SSL_OP_NO_RENEGOTIATION refused a renegotiation the "
     "client started.",
     "Not a client-certificate request: the client tried to renegotiate on its own, which mod_ssl "
     "refuses (CVE-2009-3555 mitigation).",
     {"a client or scanner starting renegotiation"},
     "Nothing to fix on the server; if a client needs it, make it reconnect instead."},
    {"AH02039", "Certificate Verification: Error", "Certificate Verification: Error (",
     "mod_ssl's verify callback rejected a certificate in the client's chain; \"Error (N): text\" "
     "is the OpenSSL verify result, explained as a further part.",
     "The client sent a certificate and SSLCACertificateFile / SSLCACertificatePath, "
     "SSLCARevocation* or SSLVerifyDepth rejected it.",
     {"the client's CA or intermediate is missing from SSLCACertificateFile",
      "the certificate is expired, revoked or has a weak key"},
     "Decode N (mtls-doctor explain N) and check the chain: mtls-doctor cert CLIENT.pem --trust "
     "CLIENT-CA.pem."},
    {"AH02040", "Certificate Verification: Certificate Chain too long",
     "Certificate Verification: Certificate Chain too long",
     "The client's chain is longer than SSLVerifyDepth allows.",
     "A valid certificate is rejected only because of the depth limit.",
     {"SSLVerifyDepth smaller than the number of intermediates"},
     "Raise SSLVerifyDepth to the chain's depth."},
    {"AH02008", "SSL library error in handshake", "SSL library error",
     "The handshake failed inside OpenSSL; the next line (\"SSL Library Error: error:...:tlsv1 "
     "alert unknown ca (SSL alert number 48)\") names the reason.",
     "An alert number on the next line is what the client sent: 48 unknown_ca or 42 "
     "bad_certificate mean the client rejected the server's certificate; a failure with no alert "
     "is often a missing or rejected client certificate under SSLVerifyClient require.",
     {"the client does not trust the server's certificate",
      "the client sent no certificate or one that failed verification",
      "no common protocol or cipher"},
     "Paste the following \"SSL Library Error\" line into mtls-doctor explain, and probe: "
     "mtls-doctor probe https://HOST/PATH --cert CERT --key KEY."},
    {"AH02009", "SSL client authentication failed, accepting certificate (optional_no_ca)",
     "SSL client authentication failed, accepting certificate based on",
     "With SSLVerifyClient optional_no_ca, mod_ssl accepted a client certificate that failed "
     "verification.",
     "The certificate is not trusted but the request goes on; the application must judge "
     "SSL_CLIENT_VERIFY.",
     {"an untrusted client certificate under optional_no_ca"},
     "Check SSL_CLIENT_VERIFY in the application, or use SSLVerifyClient require with the right CA "
     "file."},
    {"AH02010", "SSL client authentication failed", "SSL client authentication failed:",
     "mod_ssl rejected the client certificate after the handshake; the text after the colon is the "
     "OpenSSL verify result.",
     "The certificate was sent and rejected.",
     {"an untrusted, expired or revoked client certificate"},
     "Decode the verify text (mtls-doctor explain \"unable to get local issuer certificate\")."},
    {"AH02011", "No acceptable peer certificate available",
     "No acceptable peer certificate available",
     "SSLVerifyClient require and the client sent no certificate (or none that could be used).",
     "The client certificate is missing.",
     {"no client certificate configured",
      "the client's issuer is not in SSLCACertificateFile, so the client sent nothing"},
     "mtls-doctor probe https://HOST/PATH --cert CERT --key KEY; compare the CA list with the "
     "certificate's issuer."},
    {"AH02006", "SSL handshake stopped: connection was closed",
     "SSL handshake stopped: connection was closed",
     "The client closed the connection during the handshake.",
     "Often a client that gave up at the CertificateRequest (no certificate it could use, or a "
     "user who cancelled the certificate picker).",
     {"the client aborted the handshake",
      "a health check that only opens connections"},
     "Probe as the client would: mtls-doctor probe https://HOST/PATH."},
    {"AH02007", "SSL handshake interrupted by system", "SSL handshake interrupted by system",
     "The handshake was interrupted by a system error on the socket (\"[Hint: Stop button pressed "
     "in browser?!]\").",
     "Not a verdict on the certificate.", {"the client went away"},
     "Nothing to fix unless it repeats for every client."},
    {"AH10129", "verify client post handshake", "verify client post handshake",
     "mod_ssl is asking for the client certificate by TLS 1.3 post-handshake authentication (the "
     "TLS 1.3 form of a per-directory SSLVerifyClient).",
     "Only clients that offered post_handshake_auth can answer; browsers do not, so they never "
     "send the certificate.",
     {"per-directory SSLVerifyClient on a TLS 1.3 connection"},
     "Set SSLVerifyClient in the <VirtualHost> so TLS 1.3 clients are asked in the handshake."},
    {"AH10158", "cannot perform post-handshake authentication",
     "cannot perform post-handshake authentication",
     "mod_ssl needs the client certificate on a TLS 1.3 connection but the client did not offer "
     "post_handshake_auth.",
     "The certificate can never arrive on this connection: the request fails with 403.",
     {"per-directory SSLVerifyClient on a TLS 1.3 connection from a browser"},
     "Set SSLVerifyClient in the <VirtualHost>, or limit that host to TLS 1.2 only as a stopgap."},
    {"AH02257", "could not buffer message body to allow SSL renegotiation to proceed",
     "could not buffer message body to allow SSL renegotiation",
     "A request body larger than SSLRenegBufferSize arrived before the renegotiation that asks for "
     "the client certificate.",
     "The late certificate request fails for uploads: 413 Request Entity Too Large.",
     {"per-directory SSLVerifyClient with POST/PUT bodies over SSLRenegBufferSize (128 KiB by "
      "default)"},
     "Ask in the initial handshake (SSLVerifyClient in the <VirtualHost>), or raise "
     "SSLRenegBufferSize."},
    {"AH02256", "VirtualHost-specific CA list only available with SNI",
     "Non-default virtual host with SSLVerify set to 'require' and VirtualHost-specific CA "
     "certificate list is only available to clients with TLS server name indication",
     "A client without SNI reached a non-default virtual host that requires client certificates "
     "with its own CA list.",
     "Without SNI the handshake used the default host's CA list, so the client may have chosen no "
     "or the wrong certificate.",
     {"a client that does not send SNI (old libraries, IP-address URLs)"},
     "Connect by host name so SNI is sent; or give the default virtual host the same client-CA "
     "list."},
    {"AH02044", "No matching SSL virtual host for servername",
     "No matching SSL virtual host for servername",
     "The SNI name matched no SSL virtual host; the default (first) one answered.",
     "The default host's SSLVerifyClient and CA list apply, which may not be the ones meant for "
     "this name.",
     {"a name missing from ServerName/ServerAlias"}, "Add the name to the right <VirtualHost>."},
};

}  // namespace

std::span<const PastedCode> nginx_messages() { return nginx; }
std::span<const PastedCode> apache_messages() { return apache; }

}  // namespace mtls::knowledge
