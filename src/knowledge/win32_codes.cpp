// SPDX-License-Identifier: Apache-2.0
// Sources:
//  - winerror.h (Windows SDK) for every name, value and message text (FormatMessage wording as
//    `certutil -error` and `net helpmsg` print it; the HRESULT texts were checked against a
//    published winerror.h-derived table of (value, name, message));
//  - KB2802568 (CERT_E_UNTRUSTEDROOT 2148204809 with 403.16), KB942061 (403.16 / 0x800b0109);
//  - the sc-win32-status values met in real IIS logs of client-certificate failures, every one
//    of which is in this table (win32_codes_test.cpp lists them);
//  - IIS Support blog "Addressing TLS 1.3 compatibility issues in IIS Express" (2025) for
//    0x80070032 on a late client-certificate request under TLS 1.3;
//  - learn.microsoft.com "HTTP_SSL_CLIENT_CERT_INFO" (http.sys hands IIS the CERT_E_* chain
//    status of the client certificate in CertFlags).
// What each code means for client-certificate authentication is our own reading, marked
// "(inferred)" in the text where no source states it.
#include "knowledge/win32_codes.h"

namespace mtls::knowledge {
namespace {

const std::vector<Win32Code> table{
    // ---- Win32 errors (sc-win32-status small numbers) -----------------------------------
    {0, "ERROR_SUCCESS", "The operation completed successfully.",
     "Nothing failed below HTTP. With 403.7 (\"403 7 0\") it is the plain case: the request "
     "arrived without a client certificate.",
     {"with 403.7: the client sent no certificate, or the server never asked for one in a way "
      "the client could answer"},
     "Read the status and substatus instead: mtls-doctor explain 403.7."},
    {2, "ERROR_FILE_NOT_FOUND", "The system cannot find the file specified.",
     "Usually 404 (file missing). Not a certificate failure.",
     {"the requested file does not exist", "a custom error page or handler path is wrong"},
     "Check the physical path of the URL; nothing to fix for client certificates."},
    {5, "ERROR_ACCESS_DENIED", "Access is denied.",
     "With 403.7 (\"403 7 5\"): the trusted-issuer / CTL configuration of the http.sys binding "
     "is involved, e.g. a Ctl Store Name or Ctl Identifier that cannot be opened, or a trust "
     "mode that needs a CTL store the binding does not name. With 401.x: the mapped account lacks "
     "rights.",
     {"ClientAuthTrustMode 1 or 2, or SendTrustedIssuerList 1, without a usable CTL store on the "
      "binding (sslctlstorename)",
      "the CTL store named on the binding does not exist or is empty",
      "with 401.3: NTFS permissions of the mapped account"},
     "Show the binding: netsh http show sslcert; name the store: netsh http update sslcert "
     "ipport=0.0.0.0:443 certhash=HASH appid={GUID} sslctlstorename=ClientAuthIssuer "
     "clientcertnegotiation=enable; run mtls-doctor iis --sslcert sslcert.txt --registry "
     "schannel.reg."},
    {13, "ERROR_INVALID_DATA", "The data is invalid.",
     "As 0x8007000D with 500.19: the configuration file is malformed, so no authentication ran.",
     {"malformed web.config or applicationHost.config (often after editing certificate-mapping "
      "sections by hand)"},
     "Open the detailed 500.19 error for the file and line; validate the XML."},
    {33, "ERROR_LOCK_VIOLATION",
     "The process cannot access the file because another process has locked a portion of the file.",
     "As 0x80070021 with 500.19: \"This configuration section cannot be used at this path. This "
     "happens when the section is locked at a parent level.\" A web.config sets a section that "
     "applicationHost.config locks (overrideModeDefault=\"Deny\"), e.g. "
     "system.webServer/security/access (sslFlags) or a certificate-mapping authentication section; "
     "IIS serves nothing there, so the Require SSL / client-certificate setting never applies.",
     {"sslFlags (<access>) set in web.config while the access section is locked (the IIS default)",
      "iisClientCertificateMappingAuthentication or anonymousAuthentication set in web.config while "
      "locked"},
     "Unlock the section for the path: appcmd unlock config \"SITE/PATH\" "
     "-section:system.webServer/security/access /commit:apphost (PowerShell: Set-WebConfiguration "
     "-Filter /system.webServer/security/access -PSPath MACHINE/WEBROOT/APPHOST -Location "
     "'SITE/PATH' -Metadata overrideMode -Value Allow), or set it with /commit:apphost instead; "
     "mtls-doctor iis --config applicationHost.config --web-config \"SITE/PATH=web.config\" "
     "names the locked section (iis.section-locked)."},
    {50, "ERROR_NOT_SUPPORTED", "The request is not supported.",
     "As HTTP 500.0 with 0x80070032 on Windows 11 24H2 / Windows Server 2025 (in the W3C log "
     "500 0 50, inferred): IIS tried to ask "
     "for the client certificate late (renegotiation) on a TLS 1.3 connection, which TLS 1.3 "
     "cannot do. Older builds reset the connection instead.",
     {"Negotiate Client Certificate disabled on the binding while TLS 1.3 is negotiated",
      "the late request happens over HTTP/2, where renegotiation is forbidden (RFC 7540 §9.2.1)"},
     "Ask in the initial handshake: netsh http update sslcert ipport=0.0.0.0:443 certhash=HASH "
     "appid={GUID} clientcertnegotiation=enable. As a stopgap, disabletls13=enable on that "
     "binding. Check with mtls-doctor probe https://HOST/PATH --tls 1.3."},
    {64, "ERROR_NETNAME_DELETED", "The specified network name is no longer available.",
     "The connection went away while IIS was working on the request. Logged as 500 0 64 just "
     "before a 403.7 from the same client when the server asked for the certificate late, by "
     "renegotiation, and the client could not or did not answer.",
     {"the certificate is requested by renegotiation after the request (Negotiate Client "
      "Certificate disabled on the http.sys binding) and the client aborts",
      "the client, a proxy or a load balancer closed or reset the connection",
      "an idle or request timeout on a middlebox"},
     "Enable Negotiate Client Certificate on the binding: netsh http update sslcert "
     "ipport=0.0.0.0:443 certhash=HASH appid={GUID} clientcertnegotiation=enable (keep the other "
     "fields). Confirm the pattern with mtls-doctor logs u_exYYMMDD.log."},
    {121, "ERROR_SEM_TIMEOUT", "The semaphore timeout period has expired.",
     "A network wait timed out. Around client certificates: a revocation fetch (CRL/OCSP) or a "
     "slow client during the renegotiation that asks for the certificate (inferred).",
     {"the server could not reach the CRL or OCSP URL of the client's chain in time",
      "a network or middlebox timeout"},
     "Test revocation reachability on the server: certutil -urlfetch -verify CLIENT.cer; check "
     "the binding's Revocation Freshness Time / URL Retrieval Timeout in netsh http show sslcert."},
    {995, "ERROR_OPERATION_ABORTED",
     "The I/O operation has been aborted because of either a thread exit or an application "
     "request.",
     "An I/O on the connection was cancelled. FREB reports it as ErrorCode 0x800703E3 on the 500 "
     "that precedes a 403.7 when the certificate is requested late by renegotiation.",
     {"late renegotiation for the client certificate aborted (Negotiate Client Certificate "
      "disabled)",
      "the client went away (closed the tab, timed out)"},
     "Enable Negotiate Client Certificate: netsh http update sslcert ipport=0.0.0.0:443 "
     "certhash=HASH appid={GUID} clientcertnegotiation=enable."},
    {1236, "ERROR_CONNECTION_ABORTED", "The network connection was aborted by the local system.",
     "The server side dropped the connection, for example when the TLS layer gave up during a "
     "handshake or renegotiation (inferred).",
     {"Schannel failed the handshake (look for Schannel events 36874/36887/36888 at the same "
      "time)",
      "http.sys dropped the connection (see the HTTPERR log)"},
     "Read the System event log (source Schannel) and %SystemRoot%\\System32\\LogFiles\\HTTPERR "
     "for the same time: mtls-doctor logs System.evtx httperr1.log."},
    {1326, "ERROR_LOGON_FAILURE", "The user name or password is incorrect.",
     "With 401.1: a one-to-one or many-to-one certificate mapping names an account whose stored "
     "password is wrong (changed or expired since the mapping was made).",
     {"the mapped account's password changed", "the mapping names a wrong user"},
     "Re-enter the mapping's userName/password in iisClientCertificateMappingAuthentication "
     "(IIS Manager, Configuration Editor, or appcmd set config \"SITE\" -section:system."
     "webServer/security/authentication/iisClientCertificateMappingAuthentication ... "
     "/commit:apphost)."},
    {1359, "ERROR_INTERNAL_ERROR", "An internal error occurred.",
     "A generic failure inside Windows security (LSA/Schannel) while processing the request; "
     "around client certificates often a private key the server cannot use (inferred).",
     {"the server certificate's private key is not accessible to the service",
      "a broken certificate mapping"},
     "Check the System log for Schannel and LSA errors at that time; certutil -verifystore MY "
     "THUMBPRINT on the server."},

    // ---- HRESULTs: SSPI / Schannel (SEC_E_*, SEC_I_*) ----------------------------------
    {0x00090312, "SEC_I_CONTINUE_NEEDED",
     "The function completed successfully, but must be called again to complete the context.",
     "Not an error: the TLS handshake needs another round trip.", {"normal handshake progress"},
     "Nothing to do; look for the final status instead."},
    {0x00090320, "SEC_I_INCOMPLETE_CREDENTIALS",
     "The credentials supplied were not complete and could not be verified. Additional "
     "information can be returned from the context.",
     "Client side: the server sent a CertificateRequest and the client's Schannel credentials "
     "hold no certificate. The client must pick one (or continue without).",
     {"the client application passed no certificate to Schannel",
      "no certificate in the user's store matched the server's CA list"},
     "On the client, check which certificates match: certutil -user -store My; compare their "
     "issuers with the CA list shown by mtls-doctor probe https://HOST/PATH."},
    {0x00090321, "SEC_I_RENEGOTIATE", "The context data must be renegotiated with the peer.",
     "The peer started a renegotiation (or, in TLS 1.3, sent a post-handshake message). On IIS "
     "this is how a late client-certificate request reaches the client.",
     {"the server asks for the client certificate after the request (Negotiate Client "
      "Certificate disabled)"},
     "If the renegotiation is for the client certificate, ask for it in the initial handshake: "
     "netsh http update sslcert ... clientcertnegotiation=enable."},
    {0x00090360, "SEC_I_NO_RENEGOTIATION",
     "The peer refused to renegotiate (winerror.h name; the system message text was not "
     "confirmed).",
     "The peer refused to renegotiate, so a late client-certificate request cannot be answered "
     "(on the wire: alert no_renegotiation, 100) (inferred).",
     {"the client or server disables renegotiation (DisableRenegoOnServer / DisableRenegoOnClient)",
      "HTTP/2 or TLS 1.3 in use"},
     "Request the certificate in the initial handshake (clientcertnegotiation=enable)."},
    {0x80090300, "SEC_E_INSUFFICIENT_MEMORY", "Not enough memory is available to complete this request.",
     "The TLS layer ran out of memory; not specific to certificates.", {"memory pressure"},
     "Check server memory; retry."},
    {0x80090301, "SEC_E_INVALID_HANDLE", "The handle specified is invalid.",
     "A programming error in the TLS caller, or a context used after it was closed.",
     {"application bug in the SSPI caller"}, "Update the client or server software."},
    {0x80090302, "SEC_E_UNSUPPORTED_FUNCTION", "The function requested is not supported.",
     "Schannel was asked for something it cannot do; with client certificates typically a "
     "protocol or key type the other side or the certificate's key does not support, or a "
     "disabled protocol version (inferred).",
     {"no TLS version both sides have enabled (Protocols\\TLS 1.x\\Client|Server Enabled)",
      "a certificate whose key cannot sign with any offered signature algorithm"},
     "Compare enabled protocols (mtls-doctor iis --registry schannel.reg) and probe with "
     "mtls-doctor probe https://HOST/PATH --tls 1.2."},
    {0x80090303, "SEC_E_TARGET_UNKNOWN", "The specified target is unknown or unreachable.",
     "Client side: the target name given to Schannel is unknown. Not a client-certificate "
     "problem as such.", {"wrong host name"}, "Check the URL's host name."},
    {0x80090304, "SEC_E_INTERNAL_ERROR", "The Local Security Authority (LSA) cannot be contacted.",
     "Schannel could not use a private key or reach LSA. With client certificates: the client "
     "cannot sign the CertificateVerify with its key (key missing, not accessible, smart card "
     "absent, PKCS#12 import issue) or the server cannot use its own key.",
     {"the certificate's private key is missing, or the process identity cannot read it",
      "a CNG/CSP provider problem (key stored by a provider Schannel cannot use)",
      "on the server: Schannel event 36870 (fatal error accessing the credential private key)"},
     "On the side that reports it: certutil -user -store My THUMBPRINT (client) or certutil "
     "-store My THUMBPRINT (server) must say \"Encryption test passed\"; check key permissions; "
     "mtls-doctor cert CERT.pfx checks the key."},
    {0x80090305, "SEC_E_SECPKG_NOT_FOUND", "The requested security package does not exist.",
     "Schannel (or the package asked for) is not available; not certificate specific.",
     {"a misconfigured SSP list"}, "Check the LSA Security Packages configuration."},
    {0x80090308, "SEC_E_INVALID_TOKEN", "The token supplied to the function is invalid.",
     "A malformed TLS message arrived, or the other side is not speaking TLS (plain HTTP to an "
     "HTTPS port, a proxy in between).",
     {"a middlebox altered the handshake", "a protocol mismatch (plain HTTP, or a port that is "
      "not TLS)"},
     "Probe the endpoint: mtls-doctor probe https://HOST:PORT/; capture with mtls-doctor pcap."},
    {0x8009030C, "SEC_E_LOGON_DENIED", "The logon attempt failed.",
     "The credentials (for client certificates: the account the certificate maps to) were "
     "refused.",
     {"the certificate maps to a disabled or locked-out account", "a wrong mapping password"},
     "Check the mapping and the account: mtls-doctor iis --config applicationHost.config."},
    {0x8009030D, "SEC_E_UNKNOWN_CREDENTIALS", "The credentials supplied to the package were not recognized.",
     "Schannel could not build credentials from the certificate it was given: on a server, the "
     "server certificate has no usable private key; on a client, the client certificate's key "
     "is missing or not accessible.",
     {"certificate without private key, or a key the process identity cannot open",
      "a key stored in a provider that Schannel cannot use"},
     "certutil -store My THUMBPRINT (or -user for a client) must say \"Encryption test "
     "passed\"; re-import the PFX with its key; mtls-doctor cert CERT.pfx."},
    {0x8009030E, "SEC_E_NO_CREDENTIALS", "No credentials are available in the security package.",
     "No usable credentials: for a client, no certificate with a private key to send; with 401.1 "
     "in IIS logs, the logon from the mapped credentials failed (⚠ exact meaning with 401.1 not "
     "confirmed by a Microsoft source).",
     {"the client certificate has no private key or it cannot be read",
      "the server certificate on the binding has no private key"},
     "certutil -user -store My (client) / certutil -store My (server): look for \"Encryption "
     "test passed\"; mtls-doctor cert CERT.pfx."},
    {0x8009030F, "SEC_E_MESSAGE_ALTERED", "The message or signature supplied for verification has been altered.",
     "A TLS record failed its integrity check: corruption or a middlebox rewriting traffic.",
     {"a middlebox or broken NIC offload altered records"},
     "Capture on both sides and compare: mtls-doctor pcap client.pcap, server.pcap."},
    {0x80090311, "SEC_E_NO_AUTHENTICATING_AUTHORITY", "No authority could be contacted for authentication.",
     "Mapping the certificate to an account needs a domain controller that could not be "
     "reached (Active Directory mapping / DS mapper).",
     {"no domain controller reachable for clientCertificateMappingAuthentication"},
     "Check the server's domain connectivity: nltest /dsgetdc:DOMAIN."},
    {0x80090317, "SEC_E_CONTEXT_EXPIRED", "The context has expired and can no longer be used.",
     "The TLS session was closed by the peer (close_notify) or expired.",
     {"the peer closed the connection"}, "Retry; look at what the peer logged."},
    {0x80090318, "SEC_E_INCOMPLETE_MESSAGE", "The supplied message is incomplete. The signature was not verified.",
     "Not an error by itself: Schannel needs more bytes. Seen as a failure when the peer stops "
     "in the middle of a handshake message (large client chains, a middlebox cutting the flow).",
     {"the connection closed mid-record"}, "Capture the handshake: mtls-doctor pcap FILE."},
    {0x80090320, "SEC_E_INCOMPLETE_CREDENTIALS",
     "The credentials supplied were not complete and could not be verified. The context could "
     "not be initialized.",
     "The server wanted a client certificate and the client had none to give (or gave an "
     "incomplete one).",
     {"the client has no certificate configured", "the client's certificate has no private key"},
     "Give the client its certificate and key; verify with mtls-doctor probe https://HOST/PATH "
     "--cert CERT --key KEY."},
    {0x80090321, "SEC_E_BUFFER_TOO_SMALL", "The buffers supplied to a function was too small.",
     "A buffer too small for a handshake message; with client certificates, a very large CA "
     "list or client chain (inferred).",
     {"a huge CertificateRequest CA list", "a very long client certificate chain"},
     "Check the CA list size: mtls-doctor probe https://HOST/PATH; reduce the trusted issuer "
     "list (SendTrustedIssuerList=0 or a small CTL store)."},
    {0x80090322, "SEC_E_WRONG_PRINCIPAL", "The target principal name is incorrect.",
     "Client side: the server certificate's name does not match the host name. A server-"
     "certificate problem that stops the connection before any client certificate is sent.",
     {"URL host name not in the server certificate's subjectAltName", "SNI-less connection got the default binding's certificate"},
     "Compare the URL with the server certificate: mtls-doctor probe https://HOST/PATH (server "
     "certificate names are shown)."},
    {0x80090324, "SEC_E_TIME_SKEW", "The clocks on the client and server machines are skewed.",
     "Clock difference too large; certificates can look expired or not yet valid.",
     {"wrong system clock on one side"}, "w32tm /query /status on both machines; fix time sync."},
    {0x80090325, "SEC_E_UNTRUSTED_ROOT", "The certificate chain was issued by an authority that is not trusted.",
     "Schannel built a chain that ends at a root the verifying side does not trust. On the "
     "client it is about the server certificate; in a server's Schannel events it is about the "
     "client certificate (the IIS counterpart is 403.16 / CERT_E_UNTRUSTEDROOT).",
     {"the root CA is missing from the verifying machine's Trusted Root store",
      "a non-self-signed certificate in the server's Trusted Root store (KB2802568)",
      "an intermediate is missing so the chain ends at the wrong place"},
     "Verify the chain on the machine that rejected it: certutil -verify -urlfetch CERT.cer; "
     "import the root: certutil -addstore Root ROOT.cer; mtls-doctor cert CERT.pem --trust ROOT.pem."},
    {0x80090326, "SEC_E_ILLEGAL_MESSAGE", "The message received was unexpected or badly formatted.",
     "The peer sent a fatal TLS alert or a message Schannel did not expect. A server rejecting "
     "the client certificate (alert 42/46/48) commonly surfaces on the client as this code.",
     {"the server rejected the client certificate with a fatal alert (see the alert number in "
      "Schannel event 36887)",
      "no common protocol or cipher suite",
      "a middlebox altered the handshake"},
     "Find the alert: on Windows, Schannel event 36887 \"A fatal alert was received ... The TLS "
     "protocol defined fatal alert code is N\" then mtls-doctor explain \"alert N\"; or probe with "
     "mtls-doctor probe https://HOST/PATH --cert CERT --key KEY."},
    {0x80090327, "SEC_E_CERT_UNKNOWN", "An unknown error occurred while processing the certificate.",
     "The certificate was rejected for a reason Schannel did not classify: often the client "
     "auto-picked a wrong certificate (e.g. one without clientAuth EKU), or the server could not "
     "validate the client certificate (the TLS alert certificate_unknown, 46).",
     {"the client presented a certificate the server cannot use (wrong EKU, wrong issuer)",
      "revocation could not be checked", "a broken chain"},
     "Check the certificate: mtls-doctor cert CLIENT.pem; on the server certutil -verify "
     "-urlfetch CLIENT.cer."},
    {0x80090328, "SEC_E_CERT_EXPIRED", "The received certificate has expired.",
     "The certificate (client or server, depending on who reports it) or one in its chain is "
     "outside its validity period. The IIS counterpart for client certificates is 403.17.",
     {"expired certificate or intermediate", "wrong clock"},
     "mtls-doctor cert CERT.pem shows the dates; renew; check clocks with w32tm /query /status."},
    {0x80090329, "SEC_E_ENCRYPT_FAILURE", "The specified data could not be encrypted.",
     "A cryptographic failure in the TLS layer; not certificate specific.", {"provider failure"},
     "Check the System log for Schannel errors."},
    {0x80090330, "SEC_E_DECRYPT_FAILURE", "The specified data could not be decrypted.",
     "A TLS record could not be decrypted: corruption, a middlebox, or a key mismatch.",
     {"a middlebox altered records", "a buggy TLS implementation"},
     "Capture the traffic: mtls-doctor pcap FILE."},
    {0x80090331, "SEC_E_ALGORITHM_MISMATCH",
     "The client and server cannot communicate because they do not possess a common algorithm.",
     "No common protocol version, cipher suite or signature algorithm. With client "
     "certificates: the client certificate's key or signature algorithm is not among those the "
     "server accepts (e.g. an RSA-PSS or ECDSA curve the other side lacks), or TLS 1.2/1.3 "
     "disabled on one side.",
     {"disabled protocol versions or cipher suites (Schannel Protocols / cipher suite order policy)",
      "a certificate key type the peer does not support"},
     "Compare both sides' enabled protocols and suites (mtls-doctor iis --registry schannel.reg); "
     "probe with mtls-doctor probe https://HOST/PATH --tls 1.2 and --tls 1.3."},
    {0x80090349, "SEC_E_CERT_WRONG_USAGE", "The certificate is not valid for the requested usage.",
     "The certificate's Extended Key Usage does not allow this use: a client certificate "
     "without clientAuth (1.3.6.1.5.5.7.3.2), or a server certificate without serverAuth.",
     {"client certificate issued from a server/web template, without clientAuth EKU",
      "public CAs dropping clientAuth from TLS certificates (2025-2026)"},
     "Check the EKU: mtls-doctor cert CLIENT.pem (or certutil -dump CLIENT.cer); issue a "
     "certificate whose EKU includes Client Authentication."},
    {0x80090350, "SEC_E_DOWNGRADE_DETECTED",
     "The system detected a possible attempt to compromise security. Ensure that you can "
     "contact the server that authenticated you.",
     "A protocol downgrade was detected (e.g. a middlebox or fallback logic forced a lower "
     "version).",
     {"a middlebox tampering with the handshake", "a client retrying with a lower TLS version"},
     "Capture the handshake and compare with a direct connection: mtls-doctor pcap FILE."},
    {0x80090351, "SEC_E_SMARTCARD_CERT_REVOKED",
     "The smart card certificate used for authentication has been revoked. Contact your system "
     "administrator. The event log may contain additional information.",
     "Smart-card logon: the card's certificate is revoked.", {"revoked smart card certificate"},
     "Issue a new card certificate; certutil -verify -urlfetch CARD.cer."},
    {0x80090352, "SEC_E_ISSUING_CA_UNTRUSTED",
     "An untrusted certification authority (CA) was detected while processing the smart card "
     "certificate used for authentication. Contact your system administrator.",
     "Smart-card logon: the card certificate's CA is not trusted (NTAuth store).",
     {"issuing CA not in NTAuth"}, "certutil -enterprise -viewstore NTAuth; add the CA if intended."},
    {0x80090353, "SEC_E_REVOCATION_OFFLINE_C",
     "The revocation status of the smart card certificate used for authentication could not be "
     "determined. Contact your system administrator.",
     "Smart-card logon: revocation could not be checked.", {"CRL/OCSP unreachable"},
     "certutil -verify -urlfetch CARD.cer on the verifying machine."},
    {0x80090355, "SEC_E_SMARTCARD_CERT_EXPIRED",
     "The smart card certificate used for authentication has expired. Contact your system "
     "administrator.",
     "Smart-card logon: the card's certificate expired.", {"expired card certificate"},
     "Renew the card certificate."},
    {0x80090367, "SEC_E_APPLICATION_PROTOCOL_MISMATCH",
     "No common application protocol exists between the client and the server.",
     "ALPN failed: no common application protocol (alert no_application_protocol, 120).",
     {"the server allows only h2 or only http/1.1 and the client offers the other"},
     "Probe with explicit ALPN: mtls-doctor probe https://HOST/PATH --alpn http/1.1."},

    // ---- HRESULTs: certificate revocation (CRYPT_E_*) -----------------------------------
    {0x80092004, "CRYPT_E_NOT_FOUND", "Cannot find object or property.",
     "A certificate or property (e.g. the private key link) was not found: a certificate "
     "without its key, or a thumbprint that is not in the store.",
     {"the thumbprint on the binding is not in the store", "the key link is missing"},
     "certutil -store My THUMBPRINT; certutil -repairstore My THUMBPRINT relinks a key."},
    {0x80092010, "CRYPT_E_REVOKED", "The certificate is revoked.",
     "A certificate in the chain is revoked (IIS 403.13 for client certificates).",
     {"the client certificate or an intermediate is on its CA's CRL / OCSP says revoked"},
     "certutil -verify -urlfetch CLIENT.cer shows which one; issue a new certificate."},
    {0x80092012, "CRYPT_E_NO_REVOCATION_CHECK",
     "The revocation function was unable to check revocation for the certificate.",
     "Revocation of the client certificate could not be checked at all (no CRL Distribution "
     "Point / OCSP URL, or none usable). With Verify Client Certificate Revocation on, the "
     "certificate is rejected.",
     {"the certificate has no CDP/AIA OCSP URL", "the CRL is not reachable or not valid"},
     "certutil -verify -urlfetch CLIENT.cer; publish a reachable CRL, or (knowingly) set "
     "verifyclientcertrevocation=disable on the binding."},
    {0x80092013, "CRYPT_E_REVOCATION_OFFLINE",
     "The revocation function was unable to check revocation because the revocation server was "
     "offline.",
     "The CRL/OCSP server for the client certificate's chain could not be reached from the "
     "server, so revocation failed closed.",
     {"proxy or firewall blocks the server's outbound HTTP to the CDP", "the CRL has expired"},
     "On the server: certutil -urlfetch -verify CLIENT.cer, and netsh winhttp show proxy; allow "
     "the CDP URLs or cache the CRL."},
    {0x80092014, "CRYPT_E_NOT_IN_REVOCATION_DATABASE",
     "The certificate is not in the revocation server's database.",
     "The OCSP responder does not know the certificate (wrong CA, or a certificate issued by a "
     "different CA instance).",
     {"the OCSP responder is for another CA"}, "certutil -verify -urlfetch CLIENT.cer."},
    {0x8009202A, "CRYPT_E_NOT_IN_CTL", "The subject was not found in a certificate trust list (CTL).",
     "The client certificate's issuer is not in the certificate trust list (CTL store) the "
     "binding uses (inferred).",
     {"the issuing CA is missing from the CTL store (e.g. ClientAuthIssuer)"},
     "List the store: certutil -store ClientAuthIssuer; add the CA: certutil -addstore "
     "ClientAuthIssuer CA.cer."},

    // ---- HRESULTs: trust (TRUST_E_*, CERT_E_*) ------------------------------------------
    {0x80096004, "TRUST_E_CERT_SIGNATURE", "The signature of the certificate cannot be verified.",
     "A certificate's signature does not verify against its issuer's key: a wrong issuer "
     "certificate with the same name (renewed CA key) or a damaged certificate.",
     {"two CA certificates with the same subject but different keys (CA renewal); the wrong one "
      "is picked",
      "corrupted certificate"},
     "certutil -verify -urlfetch CLIENT.cer shows which link fails; install the matching CA "
     "certificate."},
    {0x80096010, "TRUST_E_BAD_DIGEST", "The digital signature of the object did not verify.",
     "A signature does not verify (damaged or tampered object).", {"corrupted file"},
     "Obtain the certificate again."},
    {0x80096019, "TRUST_E_BASIC_CONSTRAINTS", "A certificate's basic constraint extension has not been observed.",
     "A CA certificate in the chain lacks cA=TRUE, or an end-entity certificate is used as a "
     "CA.",
     {"an intermediate without basicConstraints cA=TRUE", "a path length violated"},
     "mtls-doctor cert CLIENT.pem --chain CHAIN.pem shows the chain; reissue the CA certificate."},
    {0x800B0004, "TRUST_E_SUBJECT_NOT_TRUSTED", "The subject is not trusted for the specified action.",
     "Trust policy refused the certificate for this use.", {"policy or EKU restriction"},
     "certutil -verify CLIENT.cer."},
    {0x800B0100, "TRUST_E_NOSIGNATURE", "No signature was present in the subject.",
     "Not a TLS client-certificate error (Authenticode).", {"unsigned file"},
     "Nothing to fix for client certificates."},
    {0x800B0101, "CERT_E_EXPIRED",
     "A required certificate is not within its validity period when verifying against the "
     "current system clock or the time stamp in the signed file.",
     "The client certificate or a certificate in its chain is expired or not yet valid (IIS "
     "403.17).",
     {"expired client certificate or intermediate", "wrong server clock"},
     "mtls-doctor cert CLIENT.pem shows the dates; renew the certificate."},
    {0x800B0102, "CERT_E_VALIDITYPERIODNESTING",
     "The validity periods of the certification chain do not nest correctly.",
     "A certificate is valid outside its issuer's validity period (Windows usually only warns).",
     {"a CA certificate renewed with a shorter life than what it issued"},
     "Check the dates along the chain: mtls-doctor cert CLIENT.pem --chain CHAIN.pem."},
    {0x800B0103, "CERT_E_ROLE",
     "A certificate that can only be used as an end entity is being used as a CA or vice versa.",
     "An end-entity certificate sits in the issuer position, or a CA certificate is used as the "
     "client certificate.",
     {"a leaf certificate imported into the Intermediate or Root store",
      "a CA certificate selected as the client certificate"},
     "mtls-doctor cert CLIENT.pem flags a CA used as a client certificate; mtls-doctor store "
     "checks stores."},
    {0x800B0104, "CERT_E_PATHLENCONST",
     "A path length constraint in the certification chain has been violated.",
     "The chain is longer than a CA's pathLenConstraint allows.",
     {"an extra intermediate under a CA with pathLenConstraint"},
     "Inspect the chain: mtls-doctor cert CLIENT.pem --chain CHAIN.pem."},
    {0x800B0105, "CERT_E_CRITICAL", "A certificate contains an unknown extension that is marked \"critical\".",
     "Windows cannot process a critical extension in the client certificate or chain.",
     {"a custom critical extension"}, "Reissue without the critical extension."},
    {0x800B0106, "CERT_E_PURPOSE", "A certificate is being used for a purpose other than the ones specified by its CA.",
     "The certificate (or an issuer's EKU constraint) does not allow client authentication.",
     {"EKU without clientAuth", "an intermediate whose EKU excludes clientAuth"},
     "mtls-doctor cert CLIENT.pem --chain CHAIN.pem checks EKUs along the chain."},
    {0x800B0107, "CERT_E_ISSUERCHAINING", "A parent of a given certificate did not issue that child certificate.",
     "The chain links a certificate to the wrong issuer (names match, keys do not).",
     {"a renewed CA certificate with a new key installed in place of the old one"},
     "certutil -verify -urlfetch CLIENT.cer; install the issuer certificate that matches the "
     "Authority Key Identifier."},
    {0x800B0108, "CERT_E_MALFORMED",
     "A certificate is missing or has an empty value for an important field, such as a subject "
     "or issuer name.",
     "The client certificate is malformed.", {"an empty subject without subjectAltName"},
     "mtls-doctor cert CLIENT.pem; reissue."},
    {0x800B0109, "CERT_E_UNTRUSTEDROOT",
     "A certificate chain processed, but terminated in a root certificate that is not trusted by "
     "the trust provider.",
     "The server built the client certificate's chain but does not trust its root. Logged as "
     "\"403 16 2148204809\".",
     {"the client's root CA is not in the server's Local Computer Trusted Root Certification "
      "Authorities store",
      "a non-self-signed certificate sits in the server's Trusted Root store and Schannel "
      "treats the client as untrusted (KB2802568 scenario 1)",
      "with ClientAuthTrustMode 1/2: the root/CA is not in the binding's CTL store"},
     "Import the client's root into the server's Local Computer Trusted Root store (certutil "
     "-addstore Root ROOT.cer); find misplaced certificates with mtls-doctor store on an export "
     "of that store; see KB2802568."},
    {0x800B010A, "CERT_E_CHAINING", "A certificate chain could not be built to a trusted root authority.",
     "The server could not build the client certificate's chain: an intermediate is missing "
     "(not sent by the client, not in the server's Intermediate store, AIA not reachable).",
     {"the client sends only its leaf and the server lacks the intermediate",
      "the AIA URL of the client certificate is not reachable from the server"},
     "Install the intermediate on the server: certutil -addstore CA INTERMEDIATE.cer, or make "
     "the client send its chain; mtls-doctor cert CLIENT.pem shows the missing link."},
    {0x800B010B, "TRUST_E_FAIL", "Generic trust failure.",
     "A trust check failed without a specific reason.", {"various"},
     "certutil -verify -urlfetch CLIENT.cer for details."},
    {0x800B010C, "CERT_E_REVOKED", "A certificate was explicitly revoked by its issuer.",
     "The client certificate or an intermediate is revoked (IIS 403.13).",
     {"revoked certificate"},
     "certutil -verify -urlfetch CLIENT.cer names it; issue a new certificate."},
    {0x800B010D, "CERT_E_UNTRUSTEDTESTROOT",
     "The certification path terminates with the test root that is not trusted with the current "
     "policy settings.",
     "The chain ends at a test root.", {"a test CA used in production"},
     "Use a certificate from a production CA."},
    {0x800B010E, "CERT_E_REVOCATION_FAILURE",
     "The revocation process could not continue-the certificates could not be checked.",
     "Revocation of the client certificate's chain could not be checked, so it was rejected.",
     {"CRL/OCSP unreachable from the server", "expired CRL"},
     "On the server: certutil -verify -urlfetch CLIENT.cer; fix outbound access to the CDP/OCSP "
     "URLs (netsh winhttp show proxy)."},
    {0x800B010F, "CERT_E_CN_NO_MATCH", "The certificate's CN name does not match the passed value.",
     "A name check failed (usually the server certificate vs the host name).",
     {"host name not in the certificate"}, "Compare the URL host with the certificate's names."},
    {0x800B0110, "CERT_E_WRONG_USAGE", "The certificate is not valid for the requested usage.",
     "The client certificate's EKU does not include Client Authentication "
     "(1.3.6.1.5.5.7.3.2).",
     {"certificate issued from a template without Client Authentication",
      "a TLS server certificate from a public CA used as a client certificate"},
     "mtls-doctor cert CLIENT.pem shows the EKU; reissue with Client Authentication."},
    {0x800B0111, "TRUST_E_EXPLICIT_DISTRUST", "The certificate was explicitly marked as untrusted by the user.",
     "A certificate in the chain is in the Untrusted Certificates (Disallowed) store.",
     {"the CA or certificate is in the Disallowed store"},
     "certutil -store Disallowed; remove it only if the distrust was a mistake."},
    {0x800B0112, "CERT_E_UNTRUSTEDCA",
     "A certification chain processed correctly, but one of the CA certificates is not trusted "
     "by the policy provider.",
     "A CA in the client certificate's chain is not trusted by policy; with ClientAuthTrustMode "
     "2 (Exclusive CA Trust) the CA is not in the binding's CTL store (inferred).",
     {"the CA is not in the CTL store named by the binding",
      "an enterprise policy restricts trusted CAs"},
     "Check the binding's Ctl Store Name (netsh http show sslcert) and that store's contents "
     "(certutil -store ClientAuthIssuer)."},
    {0x800B0113, "CERT_E_INVALID_POLICY", "The certificate has invalid policy.",
     "Certificate policies in the chain do not satisfy the required policy.",
     {"policy constraints"}, "certutil -verify CLIENT.cer."},
    {0x800B0114, "CERT_E_INVALID_NAME",
     "The certificate has an invalid name. The name is not included in the permitted list or is "
     "explicitly excluded.",
     "Name constraints of a CA exclude the client certificate's name.",
     {"a CA with nameConstraints"}, "certutil -verify CLIENT.cer; reissue within the permitted names."},

    // ---- Generic HRESULTs ---------------------------------------------------------------
    {0x80004005, "E_FAIL", "Unspecified error",
     "A generic failure; the log line's status/substatus says more.", {"various"},
     "Trace the request with Failed Request Tracing."},
};

}  // namespace

std::span<const Win32Code> win32_codes() { return table; }

const Win32Code* find_win32_code(std::uint32_t code) {
  for (const Win32Code& c : table) {
    if (c.code == code) return &c;
  }
  // HRESULT_FROM_WIN32: 0x8007xxxx wraps Win32 error xxxx (FREB logs 0x800703e3 for 995).
  if ((code & 0xFFFF0000u) == 0x80070000u) {
    const std::uint32_t win32 = code & 0xFFFFu;
    for (const Win32Code& c : table) {
      if (c.code == win32) return &c;
    }
  }
  return nullptr;
}

}  // namespace mtls::knowledge
