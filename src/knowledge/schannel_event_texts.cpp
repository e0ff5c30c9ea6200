// SPDX-License-Identifier: Apache-2.0
// Schannel System-log events 36870-36888 (provider Schannel,
// {1F678132-5938-4686-9FDC-C8FF68F15C85}).
// Source: Microsoft Learn, "Schannel Events" (Windows Server 2012 R2 and 2012, dn786445), whose
// message texts are the event manifest's; "TLS", "server"/"client" and the protocol name are
// inserted by Schannel at run time (the text here is one instance). Client-certificate
// validation failures are logged only with SCHANNEL\EventLogging 3 or more (same page). The
// meanings for client certificates are ours.
#include "knowledge/pasted_codes.h"

namespace mtls::knowledge {
namespace {

const std::vector<PastedCode> events{
    {"36870", "Schannel event 36870 (Error)",
     "A fatal error occurred when attempting to access the TLS server credential private key.",
     "\"... The error code returned from the cryptographic module is 0xNNNNNNNN. The internal "
     "error state is N.\" Schannel could not use the private key of a credential (server or "
     "client).",
     "On a server the binding's certificate key is unusable, so every TLS handshake fails; on a "
     "client the client certificate's key is.",
     {"the account the service runs as (http.sys: SYSTEM) cannot read the key",
      "the key was imported non-exportable into another store, or is missing (certificate restored "
      "without key)"},
     "certutil -verifystore my THUMBPRINT shows whether the key is there; grant read access to the "
     "key, or re-import the .pfx into LocalMachine\\My."},
    {"36871", "Schannel event 36871 (Error)",
     "A fatal error occurred while creating a TLS client credential.",
     "\"... The internal error state is N.\" Schannel could not build a credential (the text says "
     "server or client).",
     "For a client credential the client certificate or its key is unusable; for a server one, the "
     "binding's certificate.",
     {"key inaccessible",
      "protocols or cipher suites disabled so that no credential can be made"},
     "Check the certificate's key (certutil -verifystore my THUMBPRINT) and the Protocols registry "
     "keys."},
    {"36872", "Schannel event 36872 (Error)",
     "The TLS server specified certificate's chain could not be retrieved.",
     "Schannel could not build the chain of the certificate a credential uses.",
     "The binding's (or client's) certificate chain is incomplete in the machine's stores.",
     {"intermediate missing from the Intermediate Certification Authorities store"},
     "Install the intermediate into LocalMachine\\CA; certutil -verify CERT.cer shows the chain."},
    {"36873", "Schannel event 36873 (Error)",
     "No supported cipher suites were found when initiating a TLS connection.",
     "Schannel had no cipher suite to offer.",
     "Not about the client certificate: cipher-suite policy is broken.",
     {"cipher suite order policy or registry left nothing enabled"},
     "Review the SSL Cipher Suite Order policy and Schannel\\Ciphers keys."},
    {"36874", "Schannel event 36874 (Error)",
     "An TLS 1.2 connection request was received from a remote client application, but none of the "
     "cipher suites supported by the client application are supported by the server.",
     "A client offered only cipher suites this server does not enable; the handshake failed "
     "(usually paired with 36888 alert 40).",
     "Not about the client certificate.",
     {"old clients",
      "server cipher-suite hardening"},
     "Compare the client's offer (mtls-doctor pcap) with Get-TlsCipherSuite."},
    {"36875", "Schannel event 36875 (Warning)",
     "The remote server has requested TLS client authentication, but no suitable client "
     "certificate could be found.",
     "\"... An anonymous connection will be attempted. This TLS connection request may succeed or "
     "fail, depending on the server's policy.\" Logged on the client.",
     "This machine, as a client, was asked for a certificate and had none whose issuer is in the "
     "server's CA list (or none with clientAuth and a usable key).",
     {"no certificate in the user or machine store",
      "issuer not in the server's certificate_authorities list",
      "certificate without private key"},
     "mtls-doctor probe https://HOST/PATH shows the server's CA list; compare with certutil -user "
     "-store my."},
    {"36876", "Schannel event 36876 (Error)",
     "The certificate received from the remote server has not validated correctly.",
     "\"... The error code is 0xNNNNNNNN.\" This machine, as a client, rejected the server "
     "certificate.",
     "Not about the client certificate (the server's certificate failed); decode the error code "
     "with mtls-doctor explain.",
     {"untrusted or expired server certificate"},
     "mtls-doctor explain 0xNNNNNNNN with the code from the event."},
    {"36877", "Schannel event 36877 (Error)",
     "The certificate received from the remote client application has not validated correctly.",
     "\"... The error code is 0xNNNNNNNN. The attached data contains the client certificate.\" The "
     "server rejected a client certificate.",
     "A client certificate failed chain validation on this server; the error code (CERT_E_*, "
     "CRYPT_E_*) says why.",
     {"untrusted root (CERT_E_UNTRUSTEDROOT)",
      "revocation unknown (CRYPT_E_REVOCATION_OFFLINE)",
      "expired"},
     "mtls-doctor explain the error code; certutil -verify -urlfetch CLIENT.cer on the server.", {},
     {"0x800B0109",
      "0x80092013"}},
    {"36878", "Schannel event 36878 (Error)",
     "The certificate received from the remote client application is not suitable for direct "
     "mapping to a client system account, possibly because the certificate authority (CA) is "
     "improperly configured.",
     "\"... The attached data contains the client certificate.\" Schannel's certificate mapping "
     "could not use the certificate.",
     "The certificate was trusted but cannot be mapped to an account (IIS "
     "clientCertificateMappingAuthentication / AD mapping).",
     {"CA not in NTAuth for UPN mapping",
      "no mapping configured"},
     "Review the mapping (mtls-doctor explain CertificateMappingMethods)."},
    {"36879", "Schannel event 36879 (Error)",
     "The certificate received from the remote client application was not successfully mapped to a "
     "client system account.",
     "\"... The error code is 0xNNNNNNNN. The attached data contains the client certificate.\"",
     "The certificate was trusted but no account matches it; the request is refused or anonymous.",
     {"no matching AD account or one-to-one mapping"},
     "Check the mapping rules for this certificate."},
    {"36880", "Schannel event 36880 (Information)",
     "A TLS server handshake completed successfully.",
     "\"... The negotiated cryptographic parameters are as follows.\" Logged only with "
     "EventLogging 4 or 7.",
     "The handshake worked; a client-certificate failure is then in the application (IIS 403.x).",
     {"verbose logging on"}, "Look at the IIS log's 403.x for the same time."},
    {"36881", "Schannel event 36881 (Error)",
     "The certificate received from the remote server has either expired or is not yet valid.",
     "This machine, as a client, rejected the server's certificate dates.",
     "Not about the client certificate.",
     {"expired server certificate",
      "client clock wrong"},
     "Renew the server certificate; check the clock."},
    {"36882", "Schannel event 36882 (Error)",
     "The certificate received from the remote server was issued by an untrusted certificate "
     "authority.",
     "\"Because of this, none of the data contained in the certificate can be validated.\" Client "
     "side.",
     "Not about the client certificate.", {"server's CA not trusted here"},
     "Install the server's CA in Trusted Root Certification Authorities."},
    {"36883", "Schannel event 36883 (Error)",
     "The certificate received from the remote server has been revoked.",
     "Client side: the server certificate is revoked.", "Not about the client certificate.",
     {"revoked server certificate"}, "Replace the server certificate."},
    {"36884", "Schannel event 36884 (Error)",
     "The certificate received from the remote server does not contain the expected name.",
     "Client side: name mismatch on the server certificate.", "Not about the client certificate.",
     {"wrong host name"}, "Use the name in the certificate's SAN."},
    {"36885", "Schannel event 36885 (Warning)",
     "When asking for client authentication, this server sends a list of trusted certificate "
     "authorities to the client.",
     "\"... Currently, this server trusts so many certificate authorities that the list has grown "
     "too long. This list has thus been truncated.\" The CertificateRequest's CA list was cut "
     "(about 16 KB).",
     "Clients choose their certificate from that list; with it truncated, a client whose issuer "
     "was cut off sends no certificate (403.7).",
     {"too many roots in Trusted Root Certification Authorities",
      "SendTrustedIssuerList enabled"},
     "Set SendTrustedIssuerList to 0, or use a Client Certificate Trust List (sslctlstorename): "
     "mtls-doctor explain SendTrustedIssuerList."},
    {"36886", "Schannel event 36886 (Warning)",
     "No suitable default server credential exists on this system.",
     "\"This will prevent server applications that use the system default credentials from "
     "accepting SSL connections.\"",
     "Not about client certificates (no default server certificate, e.g. for LDAPS).",
     {"no server certificate with Server Authentication in LocalMachine\\My"},
     "Install a server certificate if a service needs one."},
    {"36887", "Schannel event 36887 (Error)",
     "A fatal alert was received from the remote endpoint.",
     "\"The TLS protocol defined fatal alert code is N.\" The peer sent the alert N, explained as "
     "a further part.",
     "On a server, an alert from the client: 42/48 mean the client rejected the server's "
     "certificate. On a client, an alert from the server: 42, 46, 48, 116 mean the server refused "
     "this machine's client certificate.",
     {"depends on the alert number"},
     "mtls-doctor explain \"alert N\" with the number from the event.", {"fatal alert code is"}},
    {"36888", "Schannel event 36888 (Error)",
     "A fatal alert was generated and sent to the remote endpoint.",
     "\"This may result in termination of the connection. The TLS protocol defined fatal error "
     "code is N. The Windows SChannel error state is S.\" This machine sent alert N, explained as "
     "a further part.",
     "On a server, 42 bad_certificate, 46 certificate_unknown, 48 unknown_ca or 116 "
     "certificate_required sent to a client are Schannel refusing its certificate; 40 with 36874 "
     "is a cipher mismatch.",
     {"depends on the alert number and error state"},
     "mtls-doctor explain \"alert N\"; Raise Schannel logging to see client-certificate failures "
     "too: reg add HKLM\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL /v "
     "EventLogging /t REG_DWORD /d 3 /f (then reboot).",
     {"fatal error code is"}},
};

}  // namespace

std::span<const PastedCode> schannel_event_texts() { return events; }

}  // namespace mtls::knowledge
