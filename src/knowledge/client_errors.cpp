// SPDX-License-Identifier: Apache-2.0
// Client-side errors users paste when client-certificate authentication fails.
// Browsers: Chromium net/base/net_error_list.h (ERR_* names, numbers and their comments);
// NSS lib/ssl/SSLerrs.h (SSL_ERROR_* texts Firefox shows); Firefox's network error pages
// (NS_ERROR_NET_INTERRUPT "The connection was interrupted", NS_ERROR_NET_RESET).
// curl: libcurl-errors(3) (CURLE_* names and numbers) and curl_easy_strerror() of the Debian
// libcurl 4 (the texts). Java: the OpenJDK SunJSSE and PKIX validator messages
// (sun.security.ssl, sun.security.validator). .NET: System.Net.Security's resource strings
// (dotnet/runtime Strings.resx: net_ssl_io_cert_validation, net_auth_tls_alert, net_auth_eof,
// net_io_eof, net_http_ssl_connection_failed, net_auth_SSPI). The meanings for client
// certificates are ours.
#include "knowledge/pasted_codes.h"

namespace mtls::knowledge {
namespace {

const std::vector<PastedCode> browser{
    {"ERR_BAD_SSL_CLIENT_AUTH_CERT", "Chromium net error -117",
     "The SSL handshake failed because of a bad or missing client certificate.",
     "Chrome and Edge: the server rejected the client certificate, or required one and got none "
     "(the page says the site \"didn't accept your login certificate, or one may not have been "
     "provided\").",
     "The server ended the handshake with a certificate alert or handshake_failure after the "
     "browser sent its certificate or an empty one.",
     {"no certificate chosen in the picker, or none offered because none matches the server's CA "
      "list",
      "the server does not trust the certificate's issuer (alert 48 unknown_ca)",
      "the certificate is expired or lacks clientAuth"},
     "Probe with the same certificate: mtls-doctor probe https://HOST/PATH --cert CERT --key KEY.",
     {"net::err_bad_ssl_client_auth_cert"},
     {"alert 42",
      "alert 48",
      "alert 116"}},
    {"ERR_SSL_CLIENT_AUTH_CERT_NEEDED", "Chromium net error -110",
     "The server requested a client certificate for SSL client authentication.",
     "The server asked for a certificate; Chromium reports this internally while it asks the user "
     "to choose one, and shows it when no choice can be made.",
     "A certificate is wanted; the browser has none that matches the server's CA list, or the "
     "choice was cancelled.",
     {"no certificate in the user's store whose issuer is in the server's certificate_authorities "
      "list",
      "an AutoSelectCertificateForUrls policy that matches nothing"},
     "Compare the server's CA list with the user's certificates: mtls-doctor probe "
     "https://HOST/PATH shows the list."},
    {"ERR_SSL_CLIENT_AUTH_PRIVATE_KEY_ACCESS_DENIED", "Chromium net error -134",
     "The permission to use the SSL client certificate's private key was denied.",
     "The browser could not use the certificate's private key.",
     "The certificate is there but its key is not usable by this user (smart card locked, key ACL, "
     "denied prompt).",
     {"a smart card or key store prompt was denied",
      "the key belongs to another user or the machine store"},
     "Check the key with the platform tools (certutil -user -repairstore my THUMBPRINT on "
     "Windows)."},
    {"ERR_SSL_CLIENT_AUTH_CERT_NO_PRIVATE_KEY", "Chromium net error -135",
     "The SSL client certificate has no private key.",
     "The chosen certificate has no private key on this machine.",
     "The certificate was imported without its key (a .cer instead of a .pfx).",
     {"certificate imported without its private key"},
     "Import the .pfx/.p12 with the key; mtls-doctor cert CERT.pfx checks it."},
    {"ERR_SSL_CLIENT_AUTH_SIGNATURE_FAILED", "Chromium net error -141",
     "We were unable to sign the CertificateVerify data of an SSL client auth handshake with the "
     "client certificate's private key.",
     "The key could not sign the handshake (CertificateVerify).",
     "The key is present but the signature failed: denied access, a stale handle, or a key not "
     "allowed to sign.",
     {"smart card removed or PIN refused",
      "key storage provider that cannot sign with the negotiated algorithm"},
     "Retry after re-inserting the card; check the key's provider and algorithms."},
    {"ERR_SSL_CLIENT_AUTH_CERT_BAD_FORMAT", "Chromium net error -164",
     "Failed to import a client certificate from the platform store into the SSL library.",
     "The browser could not read the certificate from the platform store.",
     "The certificate in the store is malformed or of a kind BoringSSL cannot use.",
     {"a corrupt or unusual certificate in the user store"},
     "Inspect it: mtls-doctor cert CERT.pem; reissue if it does not parse."},
    {"ERR_SSL_CLIENT_AUTH_NO_COMMON_ALGORITHMS", "Chromium net error -177",
     "There were no common signature algorithms between our client certificate private key and the "
     "server's preferences.",
     "The server's signature_algorithms in its CertificateRequest include none the client's key "
     "can produce.",
     "The certificate cannot be used with this server's algorithm list (e.g. an RSA-PSS-only list "
     "with a key that cannot do PSS).",
     {"server offers only algorithms the client key cannot do",
      "a smart card without RSA-PSS with TLS 1.3"},
     "mtls-doctor probe https://HOST/PATH shows the server's signature algorithms; issue a key "
     "that matches."},
    {"ERR_CLIENT_AUTH_CERT_TYPE_UNSUPPORTED", "Chromium net error -151",
     "Server request for client certificate did not contain any types we support.",
     "The CertificateRequest lists only certificate types the browser does not support.",
     "An old or unusual server configuration; no client certificate can be sent.",
     {"a server restricted to DSS or fixed-DH certificate types"},
     "Fix the server's TLS configuration to accept RSA or ECDSA client certificates."},
    {"ERR_SSL_PROTOCOL_ERROR", "Chromium net error -107", "An SSL protocol error occurred.",
     "The handshake failed for a reason Chromium does not classify further.",
     "With client certificates, often a server that closes or resets after the CertificateRequest, "
     "or a renegotiation the browser refuses.",
     {"a server that resets the connection when it dislikes the certificate",
      "renegotiation asked for on HTTP/2"},
     "Probe: mtls-doctor probe https://HOST/PATH shows which step fails."},
    {"ERR_SSL_RENEGOTIATION_REQUESTED", "Chromium net error -114",
     "The server requested a renegotiation (rehandshake).",
     "The server started a renegotiation, which Chromium refuses in some states.",
     "The server asks for the client certificate late, by renegotiation (IIS without Negotiate "
     "Client Certificate, Apache per-directory SSLVerifyClient).",
     {"certificate requested after the request was read"},
     "Ask in the initial handshake: mtls-doctor explain tls.certificate-request-late."},
    {"ERR_SSL_NO_RENEGOTIATION", "Chromium net error -123",
     "The peer sent an SSL no_renegotiation alert message.", "The peer refused a renegotiation.",
     "A late certificate request by renegotiation could not happen.",
     {"renegotiation disabled on one side"},
     "Ask in the initial handshake instead of renegotiating.", {}, {"alert 100"}},
    {"ERR_SSL_DECRYPT_ERROR_ALERT", "Chromium net error -153",
     "An SSL peer sent us a fatal decrypt_error alert.",
     "A signature did not verify: for client certificates, the server could not verify the "
     "CertificateVerify made with the client's key.",
     "The key does not match the certificate, or the signature algorithm is broken on one side.",
     {"the private key does not belong to the certificate"},
     "mtls-doctor cert CERT.pem --key KEY.pem checks that they match.", {}, {"alert 51"}},
    {"ERR_SSL_VERSION_OR_CIPHER_MISMATCH", "Chromium net error -113",
     "The client and server don't support a common SSL protocol version or cipher suite.",
     "No common TLS version or cipher suite.", "Not about the client certificate.",
     {"server limited to old protocols or ciphers"},
     "Probe: mtls-doctor probe https://HOST/PATH shows the versions the server accepts."},
    {"ERR_CONNECTION_RESET", "Chromium net error -101",
     "A connection was reset (corresponding to a TCP RST).",
     "The server (or a middlebox) reset the TCP connection.",
     "http.sys and some load balancers reset instead of sending an alert when the client "
     "certificate is refused or a renegotiation fails.",
     {"certificate refused without an alert",
      "renegotiation refused"},
     "Probe: mtls-doctor probe https://HOST/PATH --cert CERT --key KEY; look for sc-win32-status "
     "64 in the IIS log."},
    {"ERR_CONNECTION_CLOSED", "Chromium net error -100",
     "A connection was closed (corresponding to a TCP FIN).",
     "The server closed the connection without an answer.",
     "A server that drops the connection quietly when the client certificate is missing or "
     "refused.",
     {"certificate refused without an alert"},
     "Probe: mtls-doctor probe https://HOST/PATH --cert CERT --key KEY."},
    {"ERR_HTTP2_PROTOCOL_ERROR", "Chromium net error -337", "There is an HTTP/2 protocol error.",
     "The HTTP/2 stream or session was reset with a protocol error.",
     "Servers that need a renegotiation for the client certificate cannot do it on HTTP/2 and "
     "reset the stream.",
     {"client certificate requested late on an HTTP/2 connection"},
     "Ask in the initial handshake, or disable HTTP/2 on that binding: mtls-doctor explain "
     "tls.renegotiation-blocked-by-http2.",
     {}, {"PROTOCOL_ERROR"}},
    {"ERR_HTTP_1_1_REQUIRED", "Chromium net error -365",
     "HTTP_1_1_REQUIRED error code received on HTTP/2 session.",
     "The server reset the HTTP/2 stream with HTTP_1_1_REQUIRED; Chromium retries over HTTP/1.1.",
     "The server needs a renegotiation (a late client-certificate request) that HTTP/2 forbids; "
     "the retry over HTTP/1.1 then renegotiates.",
     {"client certificate requested late (IIS without Negotiate Client Certificate)"},
     "Ask in the initial handshake: netsh http update sslcert ... clientcertnegotiation=enable.",
     {}, {"HTTP_1_1_REQUIRED"}},
    {"SSL_ERROR_HANDSHAKE_FAILURE_ALERT", "NSS error (SSL_ERROR_BASE + 61)",
     "SSL peer was unable to negotiate an acceptable set of security parameters.",
     "Firefox received a handshake_failure alert.",
     "Before TLS 1.3 the usual answer of a server that required a client certificate and got none "
     "or one it refused.",
     {"no certificate chosen or none matched the server's CA list",
      "the certificate was refused"},
     "Probe: mtls-doctor probe https://HOST/PATH --cert CERT --key KEY.", {}, {"alert 40"}},
    {"SSL_ERROR_BAD_CERT_ALERT", "NSS error (SSL_ERROR_BASE + 17)",
     "SSL peer cannot verify your certificate.",
     "Firefox received bad_certificate: the server could not verify the certificate Firefox sent.",
     "The client certificate was sent and rejected.",
     {"untrusted issuer, bad signature, or wrong key"},
     "mtls-doctor cert CERT.pem --trust CLIENT-CA.pem; then probe.", {}, {"alert 42"}},
    {"SSL_ERROR_UNKNOWN_CA_ALERT", "NSS error (SSL_ERROR_BASE + 93)",
     "Peer does not recognize and trust the CA that issued your certificate.",
     "Firefox received unknown_ca about its client certificate.",
     "The server's client-CA list does not hold the certificate's issuer, or the intermediate was "
     "not sent.",
     {"issuer missing from the server's trust",
      "intermediate not installed on the client"},
     "Check the chain the client sends: mtls-doctor probe https://HOST/PATH --cert CERT --key KEY.",
     {}, {"alert 48"}},
    {"SSL_ERROR_REVOKED_CERT_ALERT", "NSS error (SSL_ERROR_BASE + 18)",
     "SSL peer rejected your certificate as revoked.", "Firefox received certificate_revoked.",
     "The server's revocation check says the client certificate is revoked.",
     {"the certificate is revoked",
      "a stale CRL on the server"},
     "Reissue the certificate, or refresh the server's CRL.", {}, {"alert 44"}},
    {"SSL_ERROR_EXPIRED_CERT_ALERT", "NSS error (SSL_ERROR_BASE + 19)",
     "SSL peer rejected your certificate as expired.", "Firefox received certificate_expired.",
     "The client certificate (or its chain) is outside its validity period by the server's clock.",
     {"expired certificate",
      "server clock wrong"},
     "mtls-doctor cert CERT.pem shows the dates.", {}, {"alert 45"}},
    {"SSL_ERROR_UNSUPPORTED_CERT_ALERT", "NSS error (SSL_ERROR_BASE + 63)",
     "SSL peer does not support certificates of the type it received.",
     "Firefox received unsupported_certificate.",
     "The server cannot use the client certificate's type or purpose (often EKU without "
     "clientAuth).",
     {"EKU lacks clientAuth",
      "unsupported key type"},
     "mtls-doctor cert CERT.pem checks EKU and key.", {}, {"alert 43"}},
    {"SSL_ERROR_CERTIFICATE_UNKNOWN_ALERT", "NSS error (SSL_ERROR_BASE + 64)",
     "SSL peer had some unspecified issue with the certificate it received.",
     "Firefox received certificate_unknown.",
     "The server refused the client certificate without saying why.",
     {"untrusted, wrong purpose, or rejected by the server's own rules"},
     "Probe and read the server's log: mtls-doctor probe https://HOST/PATH --cert CERT --key KEY.",
     {}, {"alert 46"}},
    {"SSL_ERROR_ACCESS_DENIED_ALERT", "NSS error (SSL_ERROR_BASE + 94)",
     "Peer received a valid certificate, but access was denied.", "Firefox received access_denied.",
     "The certificate was valid but the server's policy refused this client.",
     {"certificate mapping or authorization rules"},
     "Check the server's mapping rules for this certificate.", {}, {"alert 49"}},
    {"SSL_ERROR_DECRYPT_ERROR_ALERT", "NSS error (SSL_ERROR_BASE + 96)",
     "Peer reports failure of signature verification or key exchange.",
     "Firefox received decrypt_error.",
     "The server could not verify the CertificateVerify signature: the key may not match the "
     "certificate.",
     {"key and certificate do not match"}, "mtls-doctor cert CERT.pem --key KEY.pem.", {},
     {"alert 51"}},
    {"SSL_ERROR_NO_RENEGOTIATION_ALERT", "NSS error (SSL_ERROR_BASE + 102)",
     "Peer does not permit renegotiation of SSL security parameters.",
     "Firefox received no_renegotiation.",
     "A renegotiation (late certificate request) was refused.",
     {"renegotiation disabled on one side"}, "Ask for the certificate in the initial handshake.",
     {}, {"alert 100"}},
    {"SSL_ERROR_RENEGOTIATION_NOT_ALLOWED", "NSS error (SSL_ERROR_BASE + 112)",
     "Renegotiation is not allowed on this SSL socket.",
     "Firefox refused a renegotiation the server started.",
     "The server asked for the certificate late, by renegotiation, on a connection where Firefox "
     "does not allow it (HTTP/2, TLS 1.3).",
     {"late certificate request by renegotiation"},
     "Ask in the initial handshake: mtls-doctor explain tls.certificate-request-late."},
    {"NS_ERROR_NET_INTERRUPT", "Firefox network error", "The connection was interrupted",
     "Firefox: the connection ended while the page was loading (the \"connection was interrupted\" "
     "page).",
     "With TLS 1.3 a server that rejects a missing or bad client certificate sends its alert after "
     "the client finished the handshake, so Firefox sees the connection drop on its first read; "
     "http.sys resets after a failed renegotiation look the same.",
     {"TLS 1.3 server rejected the client certificate after the handshake (certificate_required, "
      "bad_certificate)",
      "server reset after a late certificate request"},
     "Probe: mtls-doctor probe https://HOST/PATH --cert CERT --key KEY shows the alert and when it "
     "came."},
    {"NS_ERROR_NET_RESET", "Firefox network error", "The connection was reset",
     "Firefox: the server reset the connection.",
     "A server that resets instead of sending an alert when the certificate is refused or a "
     "renegotiation fails.",
     {"certificate refused without an alert",
      "renegotiation refused"},
     "Probe: mtls-doctor probe https://HOST/PATH --cert CERT --key KEY."},
};

const std::vector<PastedCode> curl{
    {"35", "CURLE_SSL_CONNECT_ERROR", "SSL connect error",
     "The TLS handshake failed; curl prints the TLS library's reason after the code, e.g. \"curl: "
     "(35) OpenSSL/3.0.13: error:0A000410:SSL routines::sslv3 alert handshake failure\".",
     "An alert in the reason tells who refused what: handshake_failure (40) or "
     "certificate_required (116) from the server mean the certificate was missing or refused "
     "before TLS 1.3 finished.",
     {"no --cert given to a server that requires one (TLS 1.2)",
      "the server refused the certificate",
      "no common protocol or cipher"},
     "Decode the alert in the message (mtls-doctor explain \"alert handshake failure\") and retry "
     "with --cert/--key; mtls-doctor probe https://HOST/PATH --cert CERT --key KEY shows the whole "
     "handshake."},
    {"56", "CURLE_RECV_ERROR", "Failure when receiving data from the peer",
     "Reading from the connection failed; curl prints the reason, e.g. \"OpenSSL SSL_read: "
     "error:0A00045C:SSL routines::tlsv13 alert certificate required\".",
     "With TLS 1.3 the client finishes its handshake before the server judges its certificate, so "
     "a missing or refused certificate shows up on the first read, as this code, not as 35.",
     {"TLS 1.3 server required a certificate and none was sent (certificate_required)",
      "the server refused the certificate (bad_certificate, unknown_ca)",
      "a reset after a late certificate request"},
     "Decode the alert in the message and retry with --cert/--key; mtls-doctor probe "
     "https://HOST/PATH --cert CERT --key KEY."},
    {"58", "CURLE_SSL_CERTPROBLEM", "Problem with the local SSL certificate",
     "curl could not use the client certificate or key given with --cert/--key.",
     "The failure is local: the certificate or key file could not be read or loaded, the password "
     "is wrong, or key and certificate do not match.",
     {"wrong path or format (--cert-type, --key-type)",
      "wrong or missing pass phrase",
      "key does not match the certificate"},
     "mtls-doctor cert CERT.pem --key KEY.pem checks that they load and match."},
    {"60", "CURLE_PEER_FAILED_VERIFICATION", "SSL peer certificate or SSH remote key was not OK",
     "curl did not trust the server's certificate.",
     "Not about the client certificate: the server's chain or name failed verification.",
     {"missing intermediate on the server",
      "private CA not in --cacert",
      "name mismatch"},
     "mtls-doctor probe https://HOST/PATH shows the server chain; pass the CA with --cacert."},
    {"59", "CURLE_SSL_CIPHER", "Couldn't use specified SSL cipher",
     "The cipher list given to curl was not accepted.", "Not about the client certificate.",
     {"a misspelt --ciphers value"}, "Fix --ciphers / --tls13-ciphers."},
    {"77", "CURLE_SSL_CACERT_BADFILE", "Problem with the SSL CA cert (path? access rights?)",
     "The CA file or directory for verifying the server could not be read.",
     "Not about the client certificate.", {"wrong --cacert/--capath path or permissions"},
     "Fix the --cacert path."},
    {"80", "CURLE_SSL_SHUTDOWN_FAILED", "Failed to shut down the SSL connection",
     "The TLS close failed.", "Not a client-certificate verdict.", {"the peer vanished"},
     "Usually harmless."},
    {"82", "CURLE_SSL_CRL_BADFILE", "Failed to load CRL file (path? access rights?, format?)",
     "The --crlfile could not be loaded.", "Not about the client certificate.",
     {"wrong path or format"}, "Fix --crlfile."},
    {"83", "CURLE_SSL_ISSUER_ERROR", "Issuer check against peer certificate failed",
     "The server certificate's issuer did not match --issuer-cert (or similar checks).",
     "Not about the client certificate.", {"wrong issuer file"}, "Fix the issuer check."},
    {"90", "CURLE_SSL_PINNEDPUBKEYNOTMATCH", "SSL public key does not match pinned public key",
     "The server's key did not match --pinnedpubkey.", "Not about the client certificate.",
     {"server key changed"}, "Update the pin."},
    {"91", "CURLE_SSL_INVALIDCERTSTATUS", "SSL server certificate status verification FAILED",
     "The stapled OCSP answer (--cert-status) was missing or bad.",
     "Not about the client certificate.", {"server does not staple OCSP"},
     "Drop --cert-status or fix the server's stapling."},
    {"98", "CURLE_SSL_CLIENTCERT", "SSL Client Certificate required",
     "The server required a client certificate and curl had none to send (reported by TLS backends "
     "that tell this apart, curl 7.77.0 and later).",
     "The certificate is missing on the client side.",
     {"no --cert given",
      "the certificate given does not match the server's CA list"},
     "Retry with --cert CERT --key KEY, then probe with them."},
    {"16", "CURLE_HTTP2", "Error in the HTTP2 framing layer", "An HTTP/2 framing error.",
     "A server that needs renegotiation for a client certificate cannot do it over HTTP/2.",
     {"late certificate request over HTTP/2"},
     "Retry with --http1.1; ask for the certificate in the initial handshake."},
    {"92", "CURLE_HTTP2_STREAM", "Stream error in the HTTP/2 framing layer",
     "The HTTP/2 stream was reset; curl prints the code, e.g. \"HTTP/2 stream 1 was not closed "
     "cleanly: HTTP_1_1_REQUIRED (err 13)\".",
     "HTTP_1_1_REQUIRED (13) is the server saying it needs a renegotiation, i.e. a client "
     "certificate asked for late.",
     {"late certificate request over HTTP/2"},
     "Retry with --http1.1; ask for the certificate in the initial handshake.", {},
     {"HTTP_1_1_REQUIRED"}},
    {"52", "CURLE_GOT_NOTHING", "Server returned nothing (no headers, no data)",
     "The server closed the connection without an HTTP response.",
     "A server that drops the request quietly when the client certificate is missing or refused "
     "after the handshake.",
     {"certificate refused after the handshake without an alert"},
     "mtls-doctor probe https://HOST/PATH --cert CERT --key KEY."},
    {"55", "CURLE_SEND_ERROR", "Failed sending data to the peer",
     "Writing to the connection failed.",
     "Often the server already closed after refusing the certificate.",
     {"server closed after a certificate alert"},
     "mtls-doctor probe https://HOST/PATH --cert CERT --key KEY."},
    {"7", "CURLE_COULDNT_CONNECT", "Couldn't connect to server", "No TCP connection.",
     "Not a client-certificate problem: nothing reached TLS.",
     {"wrong host or port",
      "firewall"}, "Check the address and port."},
};

const std::vector<PastedCode> java{
    {"Received fatal alert", "javax.net.ssl.SSLHandshakeException", "Received fatal alert:",
     "JSSE received a fatal TLS alert; the name after the colon is the alert, explained as a "
     "further part (e.g. \"Received fatal alert: bad_certificate\").",
     "On the client side a certificate alert (bad_certificate, unknown_ca, certificate_required) "
     "means the server refused the client certificate, or got none because the KeyManager found no "
     "key whose issuer is in the server's CA list.",
     {"no keystore given (javax.net.ssl.keyStore) or the wrong alias chosen",
      "the server does not trust the certificate's issuer",
      "the certificate lacks clientAuth"},
     "Run with -Djavax.net.debug=ssl:handshake to see the CertificateRequest and what was sent; "
     "mtls-doctor probe https://HOST/PATH --cert CERT --key KEY."},
    {"Empty client certificate chain", "javax.net.ssl.SSLHandshakeException (server side)",
     "Empty client certificate chain",
     "A JSSE server with needClientAuth received an empty Certificate message.",
     "The client sent no certificate: it had none, or none issued by a CA in the server's "
     "truststore (the CertificateRequest lists them).",
     {"client has no certificate",
      "client's issuer not in the server's truststore"},
     "Add the client's CA to the server truststore, or configure the client's keystore."},
    {"null cert chain", "javax.net.ssl.SSLHandshakeException (server side, Java 8)",
     "null cert chain", "Java 8's wording of \"Empty client certificate chain\".",
     "The client sent no certificate.",
     {"client has no certificate",
      "client's issuer not in the server's truststore"},
     "Add the client's CA to the server truststore, or configure the client's keystore."},
    {"PKIX path building failed", "sun.security.validator.ValidatorException",
     "PKIX path building failed",
     "JSSE could not build a chain to a trusted anchor (\"unable to find valid certification path "
     "to requested target\").",
     "On a server: the client certificate's CA is not in the server truststore. On a client: the "
     "server's CA is not in the client truststore.",
     {"CA missing from the truststore (cacerts or javax.net.ssl.trustStore)",
      "intermediate not sent"},
     "Import the CA: keytool -importcert -keystore TRUSTSTORE -file CA.pem -alias ca.",
     {"unable to find valid certification path to requested target"}},
    {"Extended key usage does not permit use for TLS client authentication",
     "sun.security.validator.ValidatorException",
     "Extended key usage does not permit use for TLS client authentication",
     "The client certificate's EKU lacks clientAuth.",
     "The certificate is valid but not for client authentication.",
     {"a server certificate reused as a client certificate"},
     "Reissue with extendedKeyUsage = clientAuth; mtls-doctor cert CERT.pem checks it."},
    {"Remote host terminated the handshake", "javax.net.ssl.SSLHandshakeException",
     "Remote host terminated the handshake",
     "The server closed the connection during the handshake without an alert (older JDKs: \"Remote "
     "host closed connection during handshake\").",
     "Servers that refuse a certificate by closing or resetting (http.sys, some proxies) produce "
     "this instead of an alert.",
     {"certificate refused without an alert",
      "renegotiation refused"},
     "mtls-doctor probe https://HOST/PATH --cert CERT --key KEY.",
     {"remote host closed connection during handshake"}},
};

const std::vector<PastedCode> dotnet{
    {"AuthenticationException", "System.Security.Authentication.AuthenticationException",
     "AuthenticationException",
     ".NET's SslStream (and HttpClient through it) failed TLS authentication; the message and the "
     "inner exception say why.",
     "Read the message with it: a remote certificate message is about the peer's certificate, an "
     "SSPI or TLS-alert message about the handshake, often the client certificate.",
     {"see the message text"}, "Paste the whole message into mtls-doctor explain."},
    {"The remote certificate is invalid according to the validation procedure",
     "AuthenticationException (.NET Framework, .NET Core)",
     "The remote certificate is invalid according to the validation procedure",
     "The peer's certificate failed validation (RemoteCertificateNameMismatch, "
     "RemoteCertificateChainErrors, RemoteCertificateNotAvailable).",
     "On a client it is the server's certificate; on an SslStream server with "
     "clientCertificateRequired it is the client certificate.",
     {"untrusted chain",
      "name mismatch",
      "no certificate from the peer (RemoteCertificateNotAvailable)"},
     "Log the SslPolicyErrors and chain status in the validation callback."},
    {"The remote certificate is invalid because of errors in the certificate chain",
     "AuthenticationException (.NET 5 and later)",
     "The remote certificate is invalid because of errors in the certificate chain",
     "The peer's chain failed to build; the X509ChainStatusFlags after the colon (UntrustedRoot, "
     "PartialChain, NotTimeValid, Revoked, RevocationStatusUnknown) say why.",
     "On a server requiring client certificates it is the client's chain.",
     {"UntrustedRoot: CA not trusted",
      "PartialChain: intermediate missing",
      "RevocationStatusUnknown: CRL unreachable"},
     "mtls-doctor cert CERT.pem --trust CA.pem checks the chain."},
    {"The remote certificate was rejected by the provided RemoteCertificateValidationCallback",
     "AuthenticationException (.NET 5 and later)",
     "The remote certificate was rejected by the provided RemoteCertificateValidationCallback",
     "The application's own validation callback returned false.",
     "The decision is the application's code, not the TLS stack.",
     {"custom pinning or policy in the callback"}, "Log why the callback refuses."},
    {"Authentication failed because the remote party sent a TLS alert",
     "AuthenticationException (.NET 5 and later)",
     "Authentication failed because the remote party sent a TLS alert",
     "The peer sent a TLS alert; its name in quotes (e.g. 'HandshakeFailure', "
     "'CertificateRequired') is explained as a further part.",
     "A certificate alert from the server means it refused the client certificate or got none.",
     {"no client certificate in ClientCertificates",
      "the certificate's key not accessible",
      "issuer not trusted by the server"},
     "Check ClientCertificates and the key; mtls-doctor probe https://HOST/PATH --cert CERT --key "
     "KEY."},
    {"Authentication failed because the remote party has closed the transport stream",
     "IOException / AuthenticationException",
     "Authentication failed because the remote party has closed the transport stream",
     "The peer closed the connection during the handshake.",
     "Servers that refuse the client certificate by closing (http.sys resets, some proxies) "
     "produce this.",
     {"certificate refused without an alert",
      "no common protocol"},
     "mtls-doctor probe https://HOST/PATH --cert CERT --key KEY."},
    {"Received an unexpected EOF or 0 bytes from the transport stream", "IOException",
     "Received an unexpected EOF or 0 bytes from the transport stream",
     "The connection ended in the middle of the handshake.",
     "As above: a quiet refusal, or a middlebox.", {"server closed after the CertificateRequest"},
     "mtls-doctor probe https://HOST/PATH --cert CERT --key KEY."},
    {"The SSL connection could not be established, see inner exception", "HttpRequestException",
     "The SSL connection could not be established, see inner exception",
     "HttpClient's wrapper: the inner AuthenticationException holds the reason.",
     "Read the inner exception.", {"see the inner exception"},
     "Paste the inner exception's message into mtls-doctor explain."},
    {"A call to SSPI failed, see inner exception", "AuthenticationException (Windows)",
     "A call to SSPI failed, see inner exception",
     "Schannel returned an error; the inner Win32Exception holds the SEC_E_* text, which explain "
     "decodes.",
     "SEC_E_UNKNOWN_CREDENTIALS (no usable private key) and SEC_E_ILLEGAL_MESSAGE (the server's "
     "alert) are the usual client-certificate ones.",
     {"client certificate without an accessible private key",
      "server alert"},
     "Paste the inner exception's message into mtls-doctor explain.", {},
     {"0x8009030D",
      "0x80090326"}},
};

}  // namespace

std::span<const PastedCode> browser_errors() { return browser; }
std::span<const PastedCode> curl_exit_codes() { return curl; }
std::span<const PastedCode> java_messages() { return java; }
std::span<const PastedCode> dotnet_messages() { return dotnet; }

}  // namespace mtls::knowledge
