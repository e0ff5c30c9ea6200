// SPDX-License-Identifier: Apache-2.0
// Sources:
//  - learn.microsoft.com "Transport Layer Security (TLS) registry settings" and "What's new in
//    TLS/SSL (Schannel SSP)" (Windows Server 2012): SendTrustedIssuerList, ClientAuthTrustMode
//    (0 Machine Trust, 1 Exclusive Root Trust, 2 Exclusive CA Trust), EventLogging,
//    Protocols\TLS 1.x\Server Enabled / DisabledByDefault;
//  - KB2802568 (SendTrustedIssuerList default 0 from Windows Server 2012; non-self-signed roots);
//  - KB5014754 "Certificate-based authentication changes on Windows domain controllers" for the
//    CertificateMappingMethods bits;
//  - KB977377 / MS10-049 (KB980436) for DisableRenegoOnServer / DisableRenegoOnClient and
//    AllowInsecureRenegoClients / AllowInsecureRenegoServers;
//  - learn.microsoft.com "netsh http add sslcert" (windows/win32/http/add-sslcert and the
//    netsh http reference) for every http.sys binding parameter; the display names are those
//    `netsh http show sslcert` prints (Windows Server 2016 to 2022);
//  - IIS configuration reference <access sslFlags> and the Microsoft.Web.Administration SslFlags
//    enum (None 0, Sni 1, CentralCertStore 2, DisableHTTP2 4, DisableOCSPStp 8, DisableQUIC 16,
//    DisableTLS13 32, DisableLegacyTLS 64, NegotiateClientCert 128) for binding sslFlags;
//  - URLACTION_CLIENT_CERT_PROMPT (0x1A04) in urlmon.h for the Internet Settings zone value.
// Where a default is not stated by a source we checked, the entry says so instead of guessing.
#include "knowledge/settings.h"

#include <algorithm>
#include <cctype>

namespace mtls::knowledge {
namespace {

constexpr std::string_view kSchannel = R"(HKLM\SYSTEM\CurrentControlSet\Control\SecurityProviders\SCHANNEL)";

const std::vector<Setting> table{
    // ---- Schannel registry values -------------------------------------------------------
    {"SendTrustedIssuerList",
     {"Send Trusted Issuer List", "trusted issuer list"},
     "Schannel registry value (REG_DWORD)",
     kSchannel,
     {{"0", "send an empty CA list (certificate_authorities) in the CertificateRequest"},
      {"1", "send the trusted issuer list: the binding's CTL store, or else the machine's "
            "Trusted Root store"}},
     "0 (or absent) since Windows Server 2012 / Windows 8; 1 on earlier versions",
     "With 1, clients that filter certificates by the CA list (browsers, Schannel, .NET) send "
     "nothing when their issuer is not named: IIS logs 403.7. A large Trusted Root store can "
     "also overflow the list (Schannel event 36885). With 0 the client may offer any "
     "certificate.",
     {
      {Shell::cmd, R"(reg add "HKLM\SYSTEM\CurrentControlSet\Control\SecurityProviders\SCHANNEL" /v )"
       "SendTrustedIssuerList /t REG_DWORD /d 0 /f",
       "then restart, or at least restart the HTTP service"}}},
    {"ClientAuthTrustMode",
     {"Client Auth Trust Mode"},
     "Schannel registry value (REG_DWORD)",
     kSchannel,
     {{"0", "Machine Trust: the client certificate must be issued by a certificate in the "
            "trusted issuers list (the machine's Trusted Root store)"},
      {"1", "Exclusive Root Trust: the client chain must end at a root in the caller-specified "
            "trusted issuer store (the binding's CTL store)"},
      {"2", "Exclusive CA Trust: the client chain must contain an intermediate or root in the "
            "caller-specified trusted issuer store"}},
     "0 (Machine Trust)",
     "With 1 or 2 every http.sys binding of the site must name a CTL store (sslctlstorename, "
     "usually ClientAuthIssuer) holding the client CAs; otherwise the client certificate is "
     "rejected (403.16 / 403.7). With 0, a non-self-signed certificate in Trusted Root breaks "
     "client authentication (KB2802568); 2 is the documented workaround when those cannot be "
     "cleaned up.",
     {
      {Shell::cmd, R"(reg add "HKLM\SYSTEM\CurrentControlSet\Control\SecurityProviders\SCHANNEL" /v )"
       "ClientAuthTrustMode /t REG_DWORD /d 2 /f",
       ""},
      {Shell::powershell, "netsh http update sslcert ipport=0.0.0.0:443 certhash=<certhash> "
       "appid='<appid>' sslctlstorename=ClientAuthIssuer clientcertnegotiation=enable",
       "and name the CTL store on the binding; <certhash> and <appid>: the binding's, "
       "from netsh http show sslcert; add every other setting it shows that is not "
       "the default, or update resets it"}}},
    {"EventLogging",
     {"Schannel EventLogging"},
     "Schannel registry value (REG_DWORD)",
     kSchannel,
     {{"0", "no Schannel events"},
      {"1", "errors"},
      {"2", "warnings"},
      {"3", "errors and warnings"},
      {"4", "informational and success events"},
      {"5", "errors, informational and success events"},
      {"6", "warnings, informational and success events"},
      {"7", "everything"}},
     "1 (errors only)",
     "Schannel failures never reach the IIS log; the System log (source Schannel: fatal alerts "
     "sent 36888 / received 36887, issuer list truncated 36885) is where handshake-level "
     "client-certificate failures show. Raise it while troubleshooting.",
     {
      {Shell::cmd, R"(reg add "HKLM\SYSTEM\CurrentControlSet\Control\SecurityProviders\SCHANNEL" /v )"
       "EventLogging /t REG_DWORD /d 7 /f",
       "a reboot is required; set it back to 1 afterwards"}}},
    {"CertificateMappingMethods",
     {"Certificate Mapping Methods"},
     "Schannel registry value (REG_DWORD bitmask)",
     kSchannel,
     {{"0x1", "Subject/Issuer certificate mapping (weak)"},
      {"0x2", "Issuer certificate mapping (weak)"},
      {"0x4", "UPN certificate mapping (weak)"},
      {"0x8", "S4U2Self certificate mapping (strong)"},
      {"0x10", "S4U2Self explicit certificate mapping (strong)"}},
     "0x18 after the KB5014754 updates, 0x1F before them (as we read KB5014754; confirm with "
     "reg query on the server)",
     "Decides how Schannel maps a client certificate to an Active Directory account when the "
     "binding uses the DS mapper (dsmapperusage / clientCertificateMappingAuthentication). After "
     "KB5014754, certificates that only map weakly (UPN, subject/issuer) stop logging on: "
     "401.1 or 403.12 although the TLS handshake succeeds.",
     {
      {Shell::cmd, R"(reg query "HKLM\SYSTEM\CurrentControlSet\Control\SecurityProviders\SCHANNEL" )"
       "/v CertificateMappingMethods",
       "prefer strong mappings in altSecurityIdentities over re-enabling weak bits"}}},
    {"DisableRenegoOnServer",
     {},
     "Schannel registry value (REG_DWORD)",
     kSchannel,
     {{"0 or absent", "the server may renegotiate"},
      {"non-zero", "the server never renegotiates"}},
     "absent",
     "IIS asks for the client certificate by renegotiation unless Negotiate Client Certificate "
     "is enabled on the binding. With renegotiation disabled, that late request cannot happen "
     "and every request to content requiring a certificate ends in 403.7.",
     {
      {Shell::cmd, R"(reg delete "HKLM\SYSTEM\CurrentControlSet\Control\SecurityProviders\SCHANNEL" )"
       "/v DisableRenegoOnServer /f",
       "better: keep it and enable clientcertnegotiation on the binding"}}},
    {"DisableRenegoOnClient",
     {},
     "Schannel registry value (REG_DWORD)",
     kSchannel,
     {{"0 or absent", "the client accepts renegotiation"},
      {"non-zero", "the client refuses renegotiation"}},
     "absent",
     "A Windows client with this set cannot answer IIS's late certificate request: the server "
     "logs 403.7 (often after 500 0 64).",
     {
      {Shell::cmd, R"(reg delete "HKLM\SYSTEM\CurrentControlSet\Control\SecurityProviders\SCHANNEL" )"
       "/v DisableRenegoOnClient /f",
       "on the client; or enable clientcertnegotiation on the server's binding"}}},
    {"AllowInsecureRenegoClients",
     {},
     "Schannel registry value (REG_DWORD)",
     kSchannel,
     {{"0", "the server refuses renegotiation with clients that do not support RFC 5746 secure "
            "renegotiation"},
      {"1", "the server allows insecure (pre-RFC 5746) renegotiation with such clients"}},
     "absent (the MS10-049 / KB980436 behaviour applies; not re-checked here)",
     "Old clients without RFC 5746 cannot complete IIS's late certificate request when this is "
     "0: 403.7 for those clients only.",
     {
      {Shell::cmd, R"(reg query "HKLM\SYSTEM\CurrentControlSet\Control\SecurityProviders\SCHANNEL" )"
       "/v AllowInsecureRenegoClients",
       "update the clients rather than allowing insecure renegotiation"}}},
    {"AllowInsecureRenegoServers",
     {},
     "Schannel registry value (REG_DWORD)",
     kSchannel,
     {{"0", "the client refuses renegotiation with servers that do not support RFC 5746"},
      {"1", "the client allows insecure renegotiation with such servers"}},
     "absent (the MS10-049 / KB980436 behaviour applies; not re-checked here)",
     "Client-side counterpart: a Windows client with 0 cannot renegotiate with an old server "
     "that asks for the certificate late.",
     {
      {Shell::cmd, R"(reg query "HKLM\SYSTEM\CurrentControlSet\Control\SecurityProviders\SCHANNEL" )"
       "/v AllowInsecureRenegoServers",
       ""}}},
    {R"(Protocols\TLS 1.3\Server Enabled)",
     {"TLS 1.3 Server Enabled", "TLS 1.3"},
     "Schannel registry value (REG_DWORD)",
     R"(HKLM\SYSTEM\CurrentControlSet\Control\SecurityProviders\SCHANNEL\Protocols\TLS 1.3\Server)",
     {{"0", "TLS 1.3 disabled for server connections"},
      {"1 (or 0xFFFFFFFF)", "TLS 1.3 enabled"}},
     "absent = enabled on Windows Server 2022 and Windows 11 and later; TLS 1.3 is not "
     "available before them",
     "TLS 1.3 has no renegotiation: a certificate requested late turns into post-handshake "
     "authentication, which browsers do not support (connection reset, or 500 0 50 on 24H2 / "
     "Server 2025). Prefer enabling Negotiate Client Certificate over disabling TLS 1.3; "
     "per binding, netsh's disabletls13 is narrower than this machine-wide switch.",
     {
      {Shell::powershell, "netsh http update sslcert ipport=0.0.0.0:443 certhash=<certhash> "
       "appid='<appid>' clientcertnegotiation=enable",
       "<certhash> and <appid>: the binding's, from netsh http show sslcert; add "
       "every other setting it shows that is not the default, or update resets it"},
      {Shell::cmd, "reg add "
       R"("HKLM\SYSTEM\CurrentControlSet\Control\SecurityProviders\SCHANNEL\Protocols\TLS )"
       R"(1.3\Server" /v Enabled /t REG_DWORD /d 0 /f)",
       "or, machine-wide, turn TLS 1.3 off for the server"}}},
    {R"(Protocols\TLS 1.2\Server Enabled)",
     {"TLS 1.2 Server Enabled", "TLS 1.2"},
     "Schannel registry value (REG_DWORD)",
     R"(HKLM\SYSTEM\CurrentControlSet\Control\SecurityProviders\SCHANNEL\Protocols\TLS 1.2\Server)",
     {{"0", "TLS 1.2 disabled for server connections"}, {"1 (or 0xFFFFFFFF)", "TLS 1.2 enabled"}},
     "absent = enabled on every supported Windows version",
     "TLS 1.2 is the only version in which IIS's late certificate request (renegotiation) can "
     "work. Disabling it leaves TLS 1.3 only, so Negotiate Client Certificate becomes mandatory.",
     {
      {Shell::cmd, "reg query "
       R"("HKLM\SYSTEM\CurrentControlSet\Control\SecurityProviders\SCHANNEL\Protocols\TLS )"
       R"(1.2\Server")",
       ""}}},

    // ---- http.sys SSL binding fields (netsh http add|update|show sslcert) ---------------
    {"clientcertnegotiation",
     {"Negotiate Client Certificate", "NegotiateClientCert"},
     "http.sys SSL binding",
     "netsh http add|update sslcert clientcertnegotiation=enable|disable (HTTP_SERVICE_CONFIG_SSL_FLAG_NEGOTIATE_CLIENT_CERT)",
     {{"enable", "the CertificateRequest is sent in the initial handshake"},
      {"disable", "no certificate is requested in the handshake; IIS asks later by "
                  "renegotiation when content needs one"}},
     "disable",
     "The single most important setting for client certificates on IIS. Disabled, the "
     "certificate is requested after the HTTP request by renegotiation: logged as 500 0 64 "
     "before the 403.7, impossible over HTTP/2, and a post-handshake request under TLS 1.3 "
     "that browsers do not answer. IIS Manager rewrites bindings without it when a certificate "
     "is changed.",
     {
      {Shell::powershell, "netsh http update sslcert ipport=0.0.0.0:443 certhash=<certhash> "
       "appid='<appid>' clientcertnegotiation=enable",
       "hostnameport=<host>:443 for SNI bindings; <certhash> and <appid>: the "
       "binding's, from netsh http show sslcert; add every other setting it shows "
       "that is not the default, or update resets it"}}},
    {"sslctlstorename",
     {"Ctl Store Name"},
     "http.sys SSL binding",
     "netsh http add|update sslcert sslctlstorename=STORE",
     {{"(null)", "no CTL store: Schannel uses the machine trust (Trusted Root)"},
      {"ClientAuthIssuer", "the conventional store \"Client Authentication Issuers\""}},
     "(null)",
     "Names the store under LOCAL_MACHINE whose certificates form the trusted issuer list "
     "(sent in the CertificateRequest when SendTrustedIssuerList is 1, and the trust anchors "
     "when ClientAuthTrustMode is 1 or 2). Editing the binding in IIS Manager drops it, which "
     "silently changes the CA list and the trust decision.",
     {
      {Shell::powershell, "netsh http update sslcert ipport=0.0.0.0:443 certhash=<certhash> "
       "appid='<appid>' sslctlstorename=ClientAuthIssuer clientcertnegotiation=enable",
       "<certhash> and <appid>: the binding's, from netsh http show sslcert; add "
       "every other setting it shows that is not the default, or update resets it"},
      {Shell::cmd, "certutil -store ClientAuthIssuer",
       "what the store holds"}}},
    {"sslctlidentifier",
     {"Ctl Identifier"},
     "http.sys SSL binding",
     "netsh http add|update sslcert sslctlidentifier=NAME",
     {{"(null)", "no CTL identifier"},
      {"NAME", "the identifier of a certificate trust list in the sslctlstorename store"}},
     "(null)",
     "Identifies a certificate trust list (a subset of the trusted issuers) for the binding; "
     "used with sslctlstorename. A wrong identifier means the list the server sends or trusts "
     "is not the one intended.",
     {
      {Shell::powershell, "netsh http update sslcert ipport=0.0.0.0:443 certhash=<certhash> "
       "appid='<appid>' sslctlstorename=<store> sslctlidentifier=<name>",
       "<certhash> and <appid>: the binding's, from netsh http show sslcert; add "
       "every other setting it shows that is not the default, or update resets it"}}},
    {"verifyclientcertrevocation",
     {"Verify Client Certificate Revocation"},
     "http.sys SSL binding",
     "netsh http add|update sslcert verifyclientcertrevocation=enable|disable",
     {{"enable", "check the revocation status of client certificates"},
      {"disable", "do not check revocation"}},
     "enable",
     "With revocation checking on, an unreachable CRL/OCSP makes the client certificate fail "
     "(403.13 or 403.16 with CRYPT_E_REVOCATION_OFFLINE / CERT_E_REVOCATION_FAILURE).",
     {
      {Shell::cmd, "certutil -verify -urlfetch <client>.cer",
       "on the server: test revocation reachability first"},
      {Shell::powershell, "netsh http update sslcert ipport=0.0.0.0:443 certhash=<certhash> "
       "appid='<appid>' verifyclientcertrevocation=disable",
       "only then, if it cannot be fixed; <certhash> and <appid>: the binding's, from "
       "netsh http show sslcert; add every other setting it shows that is not the "
       "default, or update resets it"}}},
    {"verifyrevocationwithcachedclientcertonly",
     {"Verify Revocation Using Cached Client Certificate Only"},
     "http.sys SSL binding",
     "netsh http add|update sslcert verifyrevocationwithcachedclientcertonly=enable|disable",
     {{"enable", "use only cached CRLs for revocation checks"},
      {"disable", "fetch CRLs as needed"}},
     "disable",
     "Enabled on a server without a cached CRL, revocation fails for every client certificate.",
     {
      {Shell::powershell, "netsh http update sslcert ipport=0.0.0.0:443 certhash=<certhash> "
       "appid='<appid>' verifyrevocationwithcachedclientcertonly=disable",
       "<certhash> and <appid>: the binding's, from netsh http show sslcert; add "
       "every other setting it shows that is not the default, or update resets it"}}},
    {"usagecheck",
     {"Usage Check"},
     "http.sys SSL binding",
     "netsh http add|update sslcert usagecheck=enable|disable",
     {{"enable", "check the certificate's usage (EKU) in the chain validation"},
      {"disable", "skip the usage check"}},
     "enable",
     "With the usage check on, a client certificate without the Client Authentication EKU is "
     "rejected (CERT_E_WRONG_USAGE). Disabling it hides the problem instead of fixing it.",
     {
      {Shell::bash, "mtls-doctor cert <client>.pem",
       "shows the EKU; reissue the certificate with Client Authentication rather than "
       "setting usagecheck=disable"}}},
    {"revocationfreshnesstime",
     {"Revocation Freshness Time"},
     "http.sys SSL binding",
     "netsh http add|update sslcert revocationfreshnesstime=SECONDS",
     {{"0", "no freshness interval: a new CRL is fetched only when the cached one expires"},
      {"N", "check for an updated CRL every N seconds"}},
     "0",
     "Decides how quickly a revocation (or a fixed CRL) takes effect for client certificates.",
     {
      {Shell::powershell, "netsh http update sslcert ipport=0.0.0.0:443 certhash=<certhash> "
       "appid='<appid>' revocationfreshnesstime=3600",
       "<certhash> and <appid>: the binding's, from netsh http show sslcert; add "
       "every other setting it shows that is not the default, or update resets it"}}},
    {"urlretrievaltimeout",
     {"URL Retrieval Timeout"},
     "http.sys SSL binding",
     "netsh http add|update sslcert urlretrievaltimeout=MILLISECONDS",
     {{"N", "timeout for fetching CRLs / AIA for client certificates, in milliseconds"}},
     "not set (0) in netsh output; Windows then uses its own retrieval timeout",
     "A slow CDP/AIA endpoint with a short timeout makes revocation or chain building fail for "
     "client certificates.",
     {
      {Shell::powershell, "netsh http update sslcert ipport=0.0.0.0:443 certhash=<certhash> "
       "appid='<appid>' urlretrievaltimeout=15000",
       "<certhash> and <appid>: the binding's, from netsh http show sslcert; add "
       "every other setting it shows that is not the default, or update resets it"}}},
    {"dsmapperusage",
     {"DS Mapper Usage"},
     "http.sys SSL binding",
     "netsh http add|update sslcert dsmapperusage=enable|disable",
     {{"enable", "http.sys maps client certificates to Active Directory accounts (DS mapper)"},
      {"disable", "no DS mapping"}},
     "disable",
     "Needed by IIS clientCertificateMappingAuthentication (Active Directory mapping). Off, AD "
     "mapping never produces a user: 401.2 / 403.12 although TLS accepted the certificate.",
     {
      {Shell::powershell, "netsh http update sslcert ipport=0.0.0.0:443 certhash=<certhash> "
       "appid='<appid>' dsmapperusage=enable clientcertnegotiation=enable",
       "<certhash> and <appid>: the binding's, from netsh http show sslcert; add "
       "every other setting it shows that is not the default, or update resets it"}}},
    {"certstorename",
     {"Certificate Store Name"},
     "http.sys SSL binding",
     "netsh http add|update sslcert certstorename=STORE",
     {{"MY", "the Local Computer Personal store"},
      {"WebHosting", "the Web Hosting store"}},
     "MY",
     "Where the server certificate (not the client's) is read from. A wrong store or a "
     "certificate without an accessible private key makes every handshake fail before any "
     "client certificate is requested.",
     {
      {Shell::cmd, "certutil -store My <certhash>",
       R"(must show "Encryption test passed")"}}},
    {"disablehttp2",
     {"Disable HTTP2"},
     "http.sys SSL binding",
     "netsh http add|update sslcert disablehttp2=enable|disable",
     {{"enable", "HTTP/2 is not offered on this binding"}, {"disable", "HTTP/2 allowed"}},
     "disable (HTTP/2 allowed)",
     "HTTP/2 forbids renegotiation after the connection preface (RFC 7540 §9.2.1), so a late "
     "client-certificate request fails over h2. Disabling HTTP/2 is the workaround when "
     "Negotiate Client Certificate cannot be enabled.",
     {
      {Shell::powershell, "netsh http update sslcert ipport=0.0.0.0:443 certhash=<certhash> "
       "appid='<appid>' clientcertnegotiation=enable",
       "<certhash> and <appid>: the binding's, from netsh http show sslcert; add "
       "every other setting it shows that is not the default, or update resets it"},
      {Shell::powershell, "netsh http update sslcert ipport=0.0.0.0:443 certhash=<certhash> "
       "appid='<appid>' disablehttp2=enable",
       "or turn HTTP/2 off on the binding"}}},
    {"disabletls13",
     {"Disable TLS1.3", "Disable TLS 1.3"},
     "http.sys SSL binding",
     "netsh http add|update sslcert disabletls13=enable|disable",
     {{"enable", "TLS 1.3 is not offered on this binding"}, {"disable", "TLS 1.3 allowed"}},
     "disable (TLS 1.3 allowed where the OS supports it)",
     "Under TLS 1.3 a late certificate request becomes post-handshake authentication that "
     "browsers do not support. Turning TLS 1.3 off on the binding is a stopgap; "
     "clientcertnegotiation=enable is the fix.",
     {
      {Shell::powershell, "netsh http update sslcert ipport=0.0.0.0:443 certhash=<certhash> "
       "appid='<appid>' clientcertnegotiation=enable",
       "<certhash> and <appid>: the binding's, from netsh http show sslcert; add "
       "every other setting it shows that is not the default, or update resets it"},
      {Shell::powershell, "netsh http update sslcert ipport=0.0.0.0:443 certhash=<certhash> "
       "appid='<appid>' disabletls13=enable",
       "or turn TLS 1.3 off on the binding"}}},
    {"disablelegacytls",
     {"Disable Legacy TLS Versions"},
     "http.sys SSL binding",
     "netsh http add|update sslcert disablelegacytls=enable|disable",
     {{"enable", "TLS 1.0 and 1.1 refused on this binding"}, {"disable", "allowed if the OS allows"}},
     "disable",
     "Old clients that only speak TLS 1.0/1.1 fail the handshake (protocol_version) before "
     "any certificate exchange.",
     {
      {Shell::powershell, "netsh http update sslcert ipport=0.0.0.0:443 certhash=<certhash> "
       "appid='<appid>' disablelegacytls=enable",
       "<certhash> and <appid>: the binding's, from netsh http show sslcert; add "
       "every other setting it shows that is not the default, or update resets it"}}},
    {"disablequic",
     {"Disable QUIC"},
     "http.sys SSL binding",
     "netsh http add|update sslcert disablequic=enable|disable",
     {{"enable", "HTTP/3 (QUIC) not offered"}, {"disable", "HTTP/3 allowed where supported"}},
     "disable",
     "QUIC uses TLS 1.3 only, so a late client-certificate request cannot work over HTTP/3 "
     "either (inferred from RFC 9001, which forbids post-handshake client authentication in "
     "QUIC).",
     {
      {Shell::powershell, "netsh http update sslcert ipport=0.0.0.0:443 certhash=<certhash> "
       "appid='<appid>' clientcertnegotiation=enable",
       "<certhash> and <appid>: the binding's, from netsh http show sslcert; add "
       "every other setting it shows that is not the default, or update resets it"},
      {Shell::powershell, "netsh http update sslcert ipport=0.0.0.0:443 certhash=<certhash> "
       "appid='<appid>' disablequic=enable",
       "or turn QUIC off on the binding"}}},

    // ---- IIS configuration ---------------------------------------------------------------
    {"access sslFlags",
     {"sslFlags", "system.webServer/security/access", "SslRequireCert", "SslNegotiateCert",
      "Ssl128"},
     "IIS setting",
     "<system.webServer><security><access sslFlags=\"...\"> in applicationHost.config "
     "(<location path=\"SITE/PATH\">) or web.config",
     {{"None", "no SSL requirement"},
      {"Ssl", "require HTTPS (403.4 otherwise)"},
      {"SslNegotiateCert", "accept a client certificate (IIS Manager \"Client certificates: "
                           "Accept\")"},
      {"SslRequireCert", "require a client certificate (\"Require\"; 403.7 without one); "
                         "written together with SslNegotiateCert"},
      {"Ssl128", "require 128-bit ciphers (403.5)"}},
     "None",
     "The switch that makes IIS ask for and require a client certificate for a URL. Without "
     "Negotiate Client Certificate on the http.sys binding, SslNegotiateCert/SslRequireCert "
     "make IIS ask late by renegotiation. Settings on a sub-path override the site.",
     {
      {Shell::cmd, R"(%windir%\system32\inetsrv\appcmd.exe set config "<site>" )"
       R"(-section:system.webServer/security/access /sslFlags:"Ssl, SslNegotiateCert, )"
       R"(SslRequireCert" /commit:apphost)",
       "<site>: the site or SITE/PATH"}}},
    {"binding sslFlags",
     {"bindings sslFlags", "site binding sslFlags"},
     "IIS setting",
     "<site><bindings><binding protocol=\"https\" sslFlags=\"N\"> in applicationHost.config",
     {{"0", "IP:port binding, certificate from the store"},
      {"1", "Sni: a hostname:port (SNI) http.sys binding"},
      {"2", "CentralCertStore: certificate from the Central Certificate Store (ccs binding)"},
      {"4", "DisableHTTP2"},
      {"8", "DisableOCSPStp (OCSP stapling)"},
      {"16", "DisableQUIC"},
      {"32", "DisableTLS13 (TLS 1.3 over TCP)"},
      {"64", "DisableLegacyTLS"},
      {"128", "NegotiateClientCert (Windows Server 2025 IIS; the http.sys "
              "clientcertnegotiation flag)"}},
     "0",
     "Tells which http.sys binding (IP:port, hostname:port or ccs) serves the site, so which "
     "netsh binding's Negotiate Client Certificate and Ctl Store Name apply. Values add up: 97 "
     "= Sni + DisableTLS13 + DisableLegacyTLS.",
     {
      {Shell::cmd, R"(%windir%\system32\inetsrv\appcmd.exe set site "<site>" )"
       "/bindings.[protocol='https',bindingInformation='*:443:<host>'].sslFlags:1",
       ""},
      {Shell::powershell, "netsh http show sslcert hostnameport=<host>:443",
       "then check the matching http.sys binding"}}},
    {"iisClientCertificateMappingAuthentication",
     {"IIS Client Certificate Mapping Authentication", "oneToOneMappings", "manyToOneMappings"},
     "IIS setting",
     "system.webServer/security/authentication/iisClientCertificateMappingAuthentication, at "
     "the site level (<location path=\"SITE\">)",
     {{"enabled=\"true\"", "map client certificates to accounts with one-to-one or many-to-one "
                           "rules"},
      {"enabled=\"false\"", "no IIS certificate mapping"}},
     "enabled=\"false\"",
     "IIS reads the mappings at the site level only; mappings under an application's location "
     "are silently ignored. A mapping with a stale password gives 401.1; a deny rule gives "
     "403.12.",
     {
      {Shell::cmd, R"(%windir%\system32\inetsrv\appcmd.exe set config "<site>" )"
       "-section:system.webServer/security/authentication/iisClientCertificateMappingAuthentication "
       "/enabled:true /commit:apphost",
       "at the site level"}}},
    {"clientCertificateMappingAuthentication",
     {"Client Certificate Mapping Authentication", "Active Directory Client Certificate Authentication"},
     "IIS setting",
     "system.webServer/security/authentication/clientCertificateMappingAuthentication",
     {{"enabled=\"true\"", "map client certificates to Active Directory accounts (needs "
                           "dsmapperusage=enable on the http.sys binding)"},
      {"enabled=\"false\"", "no Active Directory mapping"}},
     "enabled=\"false\"",
     "Active Directory mapping works only with the binding's DS Mapper Usage enabled and the "
     "Schannel CertificateMappingMethods allowing the mapping the certificate needs.",
     {
      {Shell::cmd, R"(%windir%\system32\inetsrv\appcmd.exe set config "<site>" )"
       "-section:system.webServer/security/authentication/clientCertificateMappingAuthentication "
       "/enabled:true /commit:apphost",
       ""},
      {Shell::powershell, "netsh http update sslcert ipport=0.0.0.0:443 certhash=<certhash> "
       "appid='<appid>' dsmapperusage=enable",
       "and use the DS mapper on the binding; <certhash> and <appid>: the binding's, "
       "from netsh http show sslcert; add every other setting it shows that is not "
       "the default, or update resets it"}}},
    {"uploadReadAheadSize",
     {"serverRuntime uploadReadAheadSize"},
     "IIS setting",
     "system.webServer/serverRuntime uploadReadAheadSize (bytes)",
     {{"N", "bytes of request body IIS preloads before handing the request on"}},
     "49152",
     "When IIS asks for the certificate late by renegotiation, the request body must be read "
     "first; bodies larger than this fail (HTTP 413) on certificate-protected URLs. Negotiate "
     "Client Certificate avoids the problem entirely.",
     {
      {Shell::powershell, "netsh http update sslcert ipport=0.0.0.0:443 certhash=<certhash> "
       "appid='<appid>' clientcertnegotiation=enable",
       "<certhash> and <appid>: the binding's, from netsh http show sslcert; add "
       "every other setting it shows that is not the default, or update resets it"},
      {Shell::cmd, R"(%windir%\system32\inetsrv\appcmd.exe set config "<site>" )"
       "-section:system.webServer/serverRuntime /uploadReadAheadSize:1048576 "
       "/commit:apphost",
       "or let IIS read larger bodies before it renegotiates"}}},

    // ---- Client side: Internet Settings zone value ----------------------------------------
    {"1A04",
     {"URLACTION_CLIENT_CERT_PROMPT",
      "Don't prompt for client certificate selection when only one certificate exists"},
     "Internet Settings zone value (REG_DWORD)",
     R"(HKCU\Software\Microsoft\Windows\CurrentVersion\Internet Settings\Zones\<zone>\1A04 (zone 1 Local intranet, 2 Trusted sites, 3 Internet); policy copies under HKLM/HKCU\Software\Policies)",
     {{"0", "Enable: with exactly one matching certificate, send it without asking"},
      {"3", "Disable: always show the certificate selection prompt"}},
     "differs by zone and policy; read the value for the zone the site falls in",
     "With 0, Edge/Chrome/IE on Windows silently pick (or silently send nothing): there is no "
     "prompt to tell you which certificate, if any, is offered. Set it to 3 while "
     "troubleshooting.",
     {
      {Shell::cmd, R"(reg add "HKCU\Software\Microsoft\Windows\CurrentVersion\Internet )"
       R"(Settings\Zones\1" /v 1A04 /t REG_DWORD /d 3 /f)",
       "Local intranet zone; use 2 or 3 for Trusted sites / Internet"}}},
};

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() &&
         std::equal(a.begin(), a.end(), b.begin(), [](unsigned char x, unsigned char y) {
           return std::tolower(x) == std::tolower(y);
         });
}

}  // namespace

std::span<const Setting> settings() { return table; }

const Setting* find_setting(std::string_view name) {
  for (const Setting& s : table) {
    if (iequals(s.name, name)) return &s;
    for (std::string_view alias : s.aliases) {
      if (iequals(alias, name)) return &s;
    }
  }
  return nullptr;
}

}  // namespace mtls::knowledge
