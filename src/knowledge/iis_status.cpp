// SPDX-License-Identifier: Apache-2.0
// Sources:
//  - KB943891 "The HTTP status code in IIS 7 and later versions"
//    (learn.microsoft.com/troubleshoot/developer/webapps/iis/www-administration-management/http-status-code)
//    for the 401.x, 403.x, 500.x and 502.x wording;
//  - the MD_ERROR_SUB401_* / MD_ERROR_SUB403_* constants of iiscnfg.h (values mirrored in the
//    windows-docs-rs "Win32::System::Iis" constants) for the SDK names;
//  - the IIS 6.0 metabase CustomErrorDescriptions list and the Windows Server 2003 "HTTP 403.x"
//    table (technet cc737788) for 403.9-403.11, 403.15 and 403.20-403.22, which IIS 7+ keeps as
//    constants but rarely sends;
//  - KB2802568 (non-self-signed certificate in Trusted Root: 403.16 with 2148204809, or 403.7
//    when a CTL is sent), KB942061 (403.16), KB186812 (403.7 causes);
//  - IIS Support blog "Addressing TLS 1.3 compatibility issues in IIS Express" (2025) for
//    500.0 with 0x80070032 when a late client-certificate request meets TLS 1.3.
// Constants are left empty where iiscnfg.h has none we could confirm (403.50x, 500.x, 502.x).
#include "knowledge/iis_status.h"

namespace mtls::knowledge {
namespace {

const std::vector<IisStatus> table{
    // ---- 401: authentication ------------------------------------------------------------
    {401, 1, "MD_ERROR_SUB401_LOGON", "Logon failed",
     "The TLS handshake and the client certificate were accepted, but turning the certificate (or "
     "other credentials) into a Windows logon failed. With client-certificate mapping this means "
     "the mapped account's password or the mapping itself is wrong.",
     {"a one-to-one or many-to-one mapping in iisClientCertificateMappingAuthentication has a "
      "wrong or expired password for the mapped account",
      "Active Directory mapping (clientCertificateMappingAuthentication) found no account for the "
      "certificate, or the account is disabled or locked out",
      "sc-win32-status 1326 (ERROR_LOGON_FAILURE) or 2148074254 (SEC_E_NO_CREDENTIALS) tells "
      "which side failed"},
     "Read sc-win32-status for the same line (mtls-doctor explain \"401 1 <win32>\"); re-enter the "
     "mapping password: appcmd list config \"SITE\" -section:system.webServer/security/"
     "authentication/iisClientCertificateMappingAuthentication; run mtls-doctor iis --config "
     "applicationHost.config.",
     false},
    {401, 2, "MD_ERROR_SUB401_LOGON_CONFIG", "Logon failed due to server configuration",
     "No authentication method that is enabled for this URL accepted the request. When client "
     "certificate mapping is meant to authenticate, the mapping module is not enabled where the "
     "content is, or anonymous authentication is off and nothing else applies.",
     {"iisClientCertificateMappingAuthentication / clientCertificateMappingAuthentication is "
      "disabled at the site or location that serves the URL",
      "the mappings are defined under an application's <location> instead of the site, where "
      "IIS does not read them",
      "the first, anonymous leg of a Negotiate/NTLM exchange (normal, followed by a 200)"},
     "Enable the mapping authentication at the site level: appcmd set config \"SITE\" "
     "-section:system.webServer/security/authentication/iisClientCertificateMappingAuthentication "
     "/enabled:true /commit:apphost; then mtls-doctor iis --config applicationHost.config.",
     false},
    {401, 3, "MD_ERROR_SUB401_LOGON_ACL", "Unauthorized due to ACL on resource",
     "Authentication (possibly by client certificate) succeeded, but the resulting account has no "
     "NTFS permission on the file or folder.",
     {"the account the certificate maps to lacks Read on the content folder",
      "the anonymous identity (IUSR or the application pool identity) lacks Read"},
     "Grant Read to the mapped account: icacls \"C:\\inetpub\\wwwroot\\APP\" /grant \"DOMAIN\\USER:(OI)(CI)R\".",
     false},
    {401, 4, "MD_ERROR_SUB401_FILTER", "Authorization failed by filter",
     "An ISAPI filter refused the request after authentication; not a TLS problem.",
     {"a custom or third-party ISAPI filter denied the request"},
     "List the filters: appcmd list config \"SITE\" -section:system.webServer/isapiFilters; use "
     "Failed Request Tracing to see which module set the status.",
     false},
    {401, 5, "MD_ERROR_SUB401_APPLICATION", "Authorization failed by ISAPI/CGI application",
     "The ISAPI or CGI application refused the request; not a TLS problem.",
     {"the application's own authorization rejected the user"},
     "Check the application's logs; trace the request with Failed Request Tracing.", false},
    {401, 7, "MD_ERROR_SUB401_URLAUTH_POLICY", "Access denied by URL authorization policy",
     "IIS 6.0 URL authorization denied the authenticated user (IIS 7+ URL Authorization normally "
     "answers 401.2 or 403 instead). Not a TLS problem.",
     {"a URL authorization rule denies the user or role the certificate maps to"},
     "Review the authorization rules: appcmd list config \"SITE/PATH\" "
     "-section:system.webServer/security/authorization.",
     false},

    // ---- 403: forbidden -----------------------------------------------------------------
    {403, 1, "MD_ERROR_SUB403_EXECUTE_ACCESS_DENIED", "Execute access forbidden",
     "The handler mapping needs Execute or Script access that the folder does not grant; not a "
     "TLS problem.",
     {"accessPolicy of system.webServer/handlers lacks Script or Execute"},
     "appcmd set config \"SITE/PATH\" -section:system.webServer/handlers /accessPolicy:\"Read, Script\".",
     false},
    {403, 2, "MD_ERROR_SUB403_READ_ACCESS_DENIED", "Read access forbidden",
     "The folder does not grant Read access in the handlers' accessPolicy; not a TLS problem.",
     {"accessPolicy of system.webServer/handlers lacks Read"},
     "appcmd set config \"SITE/PATH\" -section:system.webServer/handlers /accessPolicy:\"Read, Script\".",
     false},
    {403, 3, "MD_ERROR_SUB403_WRITE_ACCESS_DENIED", "Write access forbidden",
     "A PUT or WebDAV write hit a folder without Write access; not a TLS problem.",
     {"accessPolicy lacks Write, or WebDAV authoring rules deny it"},
     "Review system.webServer/handlers accessPolicy and the WebDAV authoring rules.", false},
    {403, 4, "MD_ERROR_SUB403_SSL_REQUIRED", "SSL required",
     "The request came over plain HTTP to content whose sslFlags include Ssl. No TLS happened, so "
     "no client certificate could be sent.",
     {"the client used http:// (a bookmark, a redirect, or a bare host name resolved to http)",
      "a load balancer or proxy offloads TLS and forwards plain HTTP to IIS, so IIS never sees the "
      "certificate either"},
     "Use https:// end to end; if a proxy terminates TLS, client-certificate authentication must "
     "happen on the proxy or the proxy must re-encrypt and forward the certificate. Probe with "
     "mtls-doctor probe https://HOST/PATH.",
     true},
    {403, 5, "MD_ERROR_SUB403_SSL128_REQUIRED", "SSL 128 required",
     "sslFlags include Ssl128 and the negotiated cipher is weaker than 128 bits. Legacy; modern "
     "cipher suites always satisfy it.",
     {"a very old client or an export-grade cipher suite"},
     "Remove Ssl128 if no legacy cipher is in use, or update the client.", false},
    {403, 6, "MD_ERROR_SUB403_ADDR_REJECT", "IP address rejected",
     "IP and Domain Restrictions refused the client address; not a certificate problem.",
     {"an ipSecurity deny rule matches the client or the proxy in front of it"},
     "appcmd list config \"SITE\" -section:system.webServer/security/ipSecurity.", false},
    {403, 7, "MD_ERROR_SUB403_CERT_REQUIRED", "Client certificate required",
     "IIS required a client certificate for this content (sslFlags SslRequireCert) and none "
     "arrived with the request. sc-win32-status 0 is the plain case; 5 points at the CTL / trusted "
     "issuer configuration of the binding; a 500 0 64 just before it from the same client points "
     "at a late request by renegotiation.",
     {"the server never asked in a way the client could answer: no CertificateRequest in the "
      "initial handshake and a late request by renegotiation over HTTP/2, or TLS 1.3 "
      "post-handshake authentication, which browsers do not support",
      "the CA list in the CertificateRequest (SendTrustedIssuerList=1 or a CTL store) did not name "
      "the client's issuer, so the client sent nothing (KB2802568 scenario 2)",
      "the client has no certificate with a usable private key and clientAuth EKU, or the browser "
      "auto-selected none",
      "a proxy, load balancer or TLS-inspecting firewall terminated TLS in between"},
     "Probe the server: mtls-doctor probe https://HOST/PATH --cert CERT --key KEY. Check the "
     "binding with netsh http show sslcert (Negotiate Client Certificate should be Enabled; fix "
     "with netsh http update sslcert ipport=0.0.0.0:443 certhash=HASH appid={GUID} "
     "clientcertnegotiation=enable). Check the client certificate: mtls-doctor cert CLIENT.pem.",
     true},
    {403, 8, "MD_ERROR_SUB403_SITE_ACCESS_DENIED", "Site access denied",
     "Domain-name restrictions refused the client; not a certificate problem.",
     {"an ipSecurity rule with enableReverseDns denies the client's DNS name"},
     "appcmd list config \"SITE\" -section:system.webServer/security/ipSecurity.", false},
    {403, 9, "MD_ERROR_SUB403_TOO_MANY_USERS", "Too many users",
     "The connection limit of the site was reached (IIS 6.0 wording \"Too many clients are "
     "trying to connect to the Web server\"); not a certificate problem.",
     {"site limits maxConnections reached"},
     "appcmd list site \"SITE\" /config and check limits/@maxConnections.", false},
    {403, 10, "MD_ERROR_SUB403_INVALID_CNFG", "Invalid configuration",
     "IIS 6.0: the Web server is configured to deny Execute access. Not a certificate problem.",
     {"execute permissions on the folder"}, "Review the handlers' accessPolicy.", false},
    {403, 11, "MD_ERROR_SUB403_PWD_CHANGE", "Password change",
     "IIS 6.0: the password has been changed (password-change pages). Not a certificate problem.",
     {"IIS 6.0 password-change feature"}, "Not used by IIS 7 and later.", false},
    {403, 12, "MD_ERROR_SUB403_MAPPER_DENY_ACCESS", "Mapper denied access",
     "TLS accepted the client certificate, but the certificate mapper refused it: a one-to-one "
     "or many-to-one rule matched with permission Deny, or many-to-one rules are set to deny "
     "everything that does not match.",
     {"a many-to-one rule matches the certificate and its permission is Deny",
      "no rule matches and the mapping's default denies (manyToOneMappings with no matching "
      "rule)",
      "the mappings live under an application's <location>, where IIS ignores them, so only the "
      "site-level defaults apply"},
     "List the rules: appcmd list config \"SITE\" -section:system.webServer/security/authentication/"
     "iisClientCertificateMappingAuthentication; compare them with the certificate's subject and "
     "issuer (mtls-doctor cert CLIENT.pem); run mtls-doctor iis --config applicationHost.config.",
     true},
    {403, 13, "MD_ERROR_SUB403_CERT_REVOKED", "Client certificate revoked",
     "The server checked revocation for the client certificate (Verify Client Certificate "
     "Revocation) and found it, or a certificate in its chain, revoked.",
     {"the certificate is on its CA's CRL or OCSP says revoked",
      "the server holds an old, cached CRL that lists a reissued serial"},
     "Check on the server: certutil -urlfetch -verify CLIENT.cer; issue the user a new "
     "certificate. mtls-doctor cert CLIENT.pem --crl CA.crl checks a supplied CRL.",
     true},
    {403, 14, "MD_ERROR_SUB403_DIR_LIST_DENIED", "Directory listing denied",
     "The URL names a folder with no default document and directory browsing off. Seeing it "
     "means authentication, including the client certificate, succeeded.",
     {"no default document in the folder"},
     "Request a real page, or add a default document; nothing to fix for client certificates.",
     false},
    {403, 15, "MD_ERROR_SUB403_CAL_EXCEEDED", "Client access licenses exceeded",
     "IIS 5/6: client access licenses exceeded their limit on the Web server. Not a certificate "
     "problem.",
     {"licensing limit"}, "Not used by IIS 7 and later.", false},
    {403, 16, "MD_ERROR_SUB403_CERT_BAD", "Client certificate is untrusted or invalid",
     "The client sent a certificate, but the server could not build a trusted chain for it or "
     "found it invalid. sc-win32-status names the reason: 2148204809 (0x800B0109 "
     "CERT_E_UNTRUSTEDROOT) is the usual one.",
     {"the client's root CA is not in the server's Local Computer Trusted Root Certification "
      "Authorities store",
      "an intermediate CA is missing: not sent by the client and not in the server's "
      "Intermediate store, and not fetchable from its AIA URL",
      "a non-self-signed certificate sits in the server's Trusted Root store (KB2802568 "
      "scenario 1: Schannel then treats the client certificate as untrusted)",
      "the certificate lacks the clientAuth EKU (CERT_E_WRONG_USAGE) or is malformed"},
     "Decode the win32 status: mtls-doctor explain \"403 16 <win32>\". On the server: certutil "
     "-verify -urlfetch CLIENT.cer; import a missing root with certutil -addstore Root ROOT.cer; "
     "find non-self-signed certificates with mtls-doctor store ROOT.p7b --role root (a .p7b or "
     "PEM export of Local Computer\\Trusted Root).",
     true},
    {403, 17, "MD_ERROR_SUB403_CERT_TIME_INVALID", "Client certificate has expired or is not yet valid",
     "The client certificate, or a certificate in its chain, is outside its validity period as the "
     "server's clock sees it.",
     {"the client certificate or an intermediate expired",
      "the certificate's notBefore is in the future (new certificate, or the server clock is "
      "wrong)"},
     "Check the dates: mtls-doctor cert CLIENT.pem (or certutil -dump CLIENT.cer), check the "
     "server clock (w32tm /query /status), then renew the certificate.",
     true},
    {403, 18, "MD_ERROR_SUB403_APPPOOL_DENIED", "Cannot execute requested URL in the current application pool",
     "The URL belongs to another application pool than the one handling the request (custom error "
     "pages across pools); not a certificate problem.",
     {"a custom error or redirect points into another application pool"},
     "Serve error pages from the same application pool.", false},
    {403, 19, "MD_ERROR_SUB403_INSUFFICIENT_PRIVILEGE_FOR_CGI",
     "Cannot execute CGI applications for the client in this application pool",
     "The application pool identity lacks the privilege to start CGI processes; not a "
     "certificate problem.",
     {"the pool identity lacks 'Replace a process level token'"},
     "Run the pool as an identity with that privilege, or as LocalSystem for testing.", false},
    {403, 20, "MD_ERROR_SUB403_PASSPORT_LOGIN_FAILURE", "Passport logon failed",
     "IIS 6.0 Passport authentication failed; not used by IIS 7 and later.", {"Passport logon"},
     "Not applicable to IIS 7 and later.", false},
    {403, 21, "MD_ERROR_SUB403_SOURCE_ACCESS_DENIED", "Source access denied",
     "WebDAV source access is denied for the folder; not a certificate problem.",
     {"WebDAV authoring rules lack Source access"}, "Review the WebDAV authoring rules.", false},
    {403, 22, "MD_ERROR_SUB403_INFINITE_DEPTH_DENIED", "Infinite depth is denied",
     "A WebDAV PROPFIND with Depth: infinity was refused; not a certificate problem.",
     {"WebDAV propfind infinite depth disabled"}, "Send a finite Depth header.", false},
    // 403.23 and 403.24 exist only as iiscnfg.h constants (no KB943891 row); the names below are
    // the constants' own words.
    {403, 23, "MD_ERROR_SUB403_LOCK_TOKEN_REQUIRED", "Lock token required",
     "A WebDAV request needed a lock token it did not carry; not a certificate problem.",
     {"WebDAV locking"}, "Nothing to fix for client certificates.", false},
    {403, 24, "MD_ERROR_SUB403_VALIDATION_FAILURE", "Validation failure",
     "IIS refused the request after a validation step (SDK constant only, no documented text); "
     "not known to relate to client certificates.",
     {"undocumented; use Failed Request Tracing to see which module set it"},
     "Trace the request with Failed Request Tracing to find the module.", false},
    // 403.50x come from the Dynamic IP Restrictions feature of IIS 8+; no iiscnfg.h constant.
    {403, 501, "", "Too many requests from the same client IP; concurrent request limit reached",
     "Dynamic IP Restrictions refused the client for too many concurrent requests; not a "
     "certificate problem, but a retry storm after certificate failures can trigger it.",
     {"dynamicIpSecurity denyByConcurrentRequests"},
     "appcmd list config \"SITE\" -section:system.webServer/security/dynamicIpSecurity.", false},
    {403, 502, "", "Too many requests from the same client IP; maximum request rate reached",
     "Dynamic IP Restrictions refused the client for its request rate; not a certificate problem.",
     {"dynamicIpSecurity denyByRequestRate"},
     "appcmd list config \"SITE\" -section:system.webServer/security/dynamicIpSecurity.", false},
    {403, 503, "", "The IP address is in the deny list of IP Restriction",
     "IP Restrictions refused the client address; not a certificate problem.",
     {"an ipSecurity deny rule matches"},
     "appcmd list config \"SITE\" -section:system.webServer/security/ipSecurity.", false},
    {403, 504, "", "The host name is in the deny list of IP Restriction",
     "Domain-name restrictions refused the client; not a certificate problem.",
     {"an ipSecurity deny rule with reverse DNS matches"},
     "appcmd list config \"SITE\" -section:system.webServer/security/ipSecurity.", false},

    // ---- 500 / 502: server errors that show up around client-certificate failures -------
    {500, 0, "", "Module or ISAPI error occurred",
     "A module failed the request. Read with sc-win32-status: 500 0 64 (ERROR_NETNAME_DELETED) "
     "or a FREB ErrorCode 0x800703E3 (ERROR_OPERATION_ABORTED) just before a 403.7 from the same "
     "client is the signature of a client certificate requested late by renegotiation that never "
     "arrived; HTTP 500.0 with 0x80070032 (ERROR_NOT_SUPPORTED; sc-win32-status 50, inferred) on "
     "Windows 11 24H2 / Server 2025 is a late request that TLS 1.3 cannot carry.",
     {"Negotiate Client Certificate is disabled on the http.sys binding, so IIS asks for the "
      "certificate by renegotiation after reading the request, and the connection drops (64) or "
      "the I/O is aborted (995)",
      "the connection is HTTP/2 or TLS 1.3, where renegotiation is impossible (ERROR_NOT_SUPPORTED)",
      "a large request body must be read before the renegotiation and exceeds uploadReadAheadSize",
      "unrelated module failures (then sc-win32-status names another error)"},
     "Decode the triple: mtls-doctor explain \"500 0 64\". Request the certificate in the initial "
     "handshake: netsh http update sslcert ipport=0.0.0.0:443 certhash=HASH appid={GUID} "
     "clientcertnegotiation=enable (keep every other field as netsh http show sslcert prints it). "
     "Confirm with mtls-doctor logs u_exYYMMDD.log.",
     true},
    {500, 11, "", "Application is shutting down on the web server",
     "The application pool was recycling; not a certificate problem.", {"pool recycle"},
     "Retry; check the System log for WAS events.", false},
    {500, 12, "", "Application is busy restarting on the web server",
     "The application was restarting; not a certificate problem.", {"application restart"},
     "Retry; check why the application restarts.", false},
    {500, 13, "", "Web server is too busy",
     "The request queue was full; not a certificate problem.", {"queueLength reached"},
     "Check the application pool's queueLength and the server load.", false},
    {500, 15, "", "Direct requests for Global.asax are not allowed",
     "Not a certificate problem.", {"a request for global.asa or Global.asax"},
     "Nothing to fix for client certificates.", false},
    {500, 19, "", "Configuration data is invalid",
     "IIS could not read the configuration for the URL, so no authentication (client "
     "certificates included) ran. Often after a hand edit of applicationHost.config or web.config "
     "while setting up certificate mapping.",
     {"malformed XML or an unknown section in web.config (0x8007000D ERROR_INVALID_DATA)",
      "a section locked at the server level (overrideMode=\"Deny\"), such as "
      "system.webServer/security/access or the certificate-mapping authentication sections, set in "
      "web.config (0x80070021 ERROR_LOCK_VIOLATION: \"This configuration section cannot be used at "
      "this path\"; mtls-doctor reports it as iis.section-locked)",
      "the application pool identity cannot read web.config (0x80070005)"},
     "The detailed error names the file and line. Unlock a section if it must be set per site: "
     "appcmd unlock config -section:system.webServer/security/access; or set it with "
     "/commit:apphost instead.",
     false},
    {500, 21, "", "Module not recognized",
     "A module listed in the configuration is not installed; the authentication modules "
     "(IIS Client Certificate Mapping Authentication) are separate Windows features.",
     {"the feature IIS-IISCertificateMappingAuthentication or IIS-ClientCertificateMappingAuthentication is not installed"},
     "Install it: dism /online /enable-feature /featurename:IIS-IISCertificateMappingAuthentication "
     "(or Install-WindowsFeature Web-Cert-Auth / Web-Client-Auth).",
     false},
    {500, 22, "", "An ASP.NET httpModules configuration does not apply in Managed Pipeline mode",
     "Not a certificate problem.", {"system.web/httpModules used in integrated mode"},
     "appcmd migrate config \"SITE/APP\".", false},
    {500, 23, "", "An ASP.NET httpHandlers configuration does not apply in Managed Pipeline mode",
     "Not a certificate problem.", {"system.web/httpHandlers used in integrated mode"},
     "appcmd migrate config \"SITE/APP\".", false},
    {500, 24, "", "An ASP.NET impersonation configuration does not apply in Managed Pipeline mode",
     "Not a certificate problem.", {"identity impersonate=\"true\" in integrated mode"},
     "Set system.webServer/validation validateIntegratedModeConfiguration=\"false\" or use a "
     "classic pool.",
     false},
    {500, 50, "", "A rewrite error occurred during RQ_BEGIN_REQUEST notification handling",
     "URL Rewrite failed; not a certificate problem (a rule that reads {CERT_*} server variables "
     "can fail when no certificate was sent).",
     {"a URL Rewrite rule error"}, "Trace the request with Failed Request Tracing.", false},
    {500, 51, "", "A rewrite error occurred during GL_PRE_BEGIN_REQUEST notification handling",
     "Global URL Rewrite rule failed; not a certificate problem.", {"a global rewrite rule error"},
     "Trace the request with Failed Request Tracing.", false},
    {500, 52, "", "A rewrite error occurred during RQ_SEND_RESPONSE notification handling",
     "Outbound URL Rewrite rule failed; not a certificate problem.",
     {"an outbound rewrite rule error"}, "Trace the request with Failed Request Tracing.", false},
    {500, 53, "", "A rewrite error occurred during RQ_RELEASE_REQUEST_STATE notification handling",
     "URL Rewrite failed while releasing request state; not a certificate problem.",
     {"a rewrite rule error"}, "Trace the request with Failed Request Tracing.", false},
    {500, 100, "", "Internal ASP error",
     "Classic ASP script error; not a certificate problem.", {"an ASP script error"},
     "Read the ASP error details.", false},
    {502, 1, "", "CGI application timeout",
     "A CGI program ran too long; not a certificate problem.", {"CGI timeout"},
     "Check the CGI program and system.webServer/cgi timeout.", false},
    {502, 2, "", "Bad gateway: Premature Exit",
     "A CGI program exited before sending a complete response; not a certificate problem.",
     {"the CGI process crashed"}, "Check the CGI program.", false},
    {502, 3, "", "Bad Gateway: Forwarder Connection Error (ARR)",
     "Application Request Routing could not reach or talk to the back end. When the back end "
     "requires a client certificate, ARR cannot forward the user's certificate over TLS: the "
     "back-end handshake fails and ARR answers 502.3.",
     {"the back-end server requires client certificates from ARR (which has none to give)",
      "the back end's server certificate is not trusted by the ARR server",
      "back end down or timing out (sc-win32-status 12002 / 12029 from WinHTTP)"},
     "Require and check the client certificate on the ARR server itself (its own sslFlags and "
     "http.sys binding), or route certificate-protected paths around ARR; probe the back end "
     "directly with mtls-doctor probe https://BACKEND/PATH.",
     true},
    {502, 4, "", "Bad Gateway: No Server (ARR)",
     "ARR had no healthy server in the farm; not a certificate problem.",
     {"every farm member failed its health check"}, "Check the server farm health in IIS Manager.",
     false},
};

}  // namespace

std::span<const IisStatus> iis_statuses() { return table; }

const IisStatus* find_iis_status(int status, int substatus) {
  for (const IisStatus& s : table) {
    if (s.status == status && s.substatus == substatus) return &s;
  }
  return nullptr;
}

}  // namespace mtls::knowledge
