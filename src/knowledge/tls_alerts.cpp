// SPDX-License-Identifier: Apache-2.0
// Sources: the IANA "TLS Alerts" registry (TLS Parameters, "TLS Alert Descriptions"); RFC 8446
// §6 (TLS 1.3: the enum marks 21, 30, 41, 60, 100, 111 and 114 as _RESERVED, which is what
// `legacy` records); RFC 5246 §7.2 (TLS 1.2); RFC 6101 §5.4.2 (SSL 3.0 no_certificate);
// RFC 6066 §9 (certificate_unobtainable, unrecognized_name, bad_certificate_status_response,
// bad_certificate_hash_value); RFC 4279 (unknown_psk_identity); RFC 7301 §3.2
// (no_application_protocol); RFC 7507 (inappropriate_fallback); RFC 9146 (too_many_cids_requested,
// DTLS 1.2 connection IDs); draft-ietf-tls-esni (ech_required, Encrypted Client Hello).
// The Schannel event text ("The TLS protocol defined fatal alert code is N", events 36887 /
// 36888) gives the number only; explain turns it into these entries.
#include "knowledge/tls_alerts.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

#include "knowledge/text_match.h"

namespace mtls::knowledge {
namespace {

const std::vector<TlsAlert> table{
    {0, "close_notify", "RFC 8446 §6.1", false,
     "The sender will not send any more messages on this connection.",
     "Not an error. A server that closes right after the handshake or after a request, with no "
     "HTTP response, may be refusing a client certificate quietly.",
     {"normal end of a connection"},
     "If it comes where a response was expected, probe with mtls-doctor probe https://HOST/PATH "
     "--cert CERT --key KEY."},
    {10, "unexpected_message", "RFC 8446 §6.2", false,
     "An inappropriate message (e.g., the wrong handshake message, premature Application Data) "
     "was received.",
     "Seen when one side does not expect a renegotiation or a post-handshake CertificateRequest "
     "(e.g. a client that did not offer post_handshake_auth receiving one).",
     {"a late CertificateRequest the client cannot handle", "a buggy or intercepting middlebox"},
     "Check when the server asks: mtls-doctor probe https://HOST/PATH shows whether the "
     "CertificateRequest is in the initial handshake, by renegotiation, or post-handshake."},
    {20, "bad_record_mac", "RFC 8446 §6.2", false,
     "A record was received which cannot be deprotected.",
     "Record-layer corruption or tampering; not about the certificate itself.",
     {"a middlebox altering traffic", "broken NIC offload or TLS implementation"},
     "Capture on both sides and compare: mtls-doctor pcap FILE."},
    {21, "decryption_failed", "RFC 5246 §7.2 (reserved in RFC 8446)", true,
     "Used in some earlier versions of TLS; must not be sent by TLS 1.2 and later "
     "implementations.",
     "Not related to client certificates.", {"a very old TLS implementation"},
     "Update the peer's TLS stack."},
    {22, "record_overflow", "RFC 8446 §6.2", false,
     "A record was longer than allowed (TLSCiphertext over 2^14+256 bytes, or a plaintext over "
     "2^14).",
     "Rarely, a huge handshake message split wrongly; not a client-certificate verdict.",
     {"an implementation bug"}, "Capture the handshake: mtls-doctor pcap FILE."},
    {30, "decompression_failure", "RFC 5246 §7.2 (reserved in RFC 8446)", true,
     "The decompression function received improper input (TLS compression, removed in TLS 1.3).",
     "Not related to client certificates.", {"TLS compression (obsolete)"},
     "Disable TLS compression; update the peer."},
    {40, "handshake_failure", "RFC 8446 §6.2", false,
     "The sender was unable to negotiate an acceptable set of security parameters given the "
     "options available.",
     "The generic TLS 1.2 answer of many servers (OpenSSL-based ones included) when a required "
     "client certificate is missing; also no common cipher suite or signature algorithm.",
     {"required client certificate not sent (pre-TLS 1.3 servers)",
      "no common cipher suite, version or signature algorithm for the certificate's key"},
     "Probe with and without the certificate: mtls-doctor probe https://HOST/PATH --cert CERT "
     "--key KEY; if only the certificate changes the outcome, see why it was not sent "
     "(mtls-doctor explain tls.client-cert-not-sent).",
     false,
     "before TLS 1.3 the usual answer to a missing or unacceptable certificate"},
    {41, "no_certificate", "RFC 6101 §5.4.2 (SSL 3.0; reserved in TLS)", true,
     "SSL 3.0: sent in response to a certificate request when no appropriate certificate is "
     "available.",
     "SSL 3.0 client with no certificate to send. TLS clients send an empty Certificate message "
     "instead.",
     {"the client has no certificate", "an SSL 3.0 peer (obsolete)"},
     "Disable SSL 3.0; configure the client's certificate."},
    {42, "bad_certificate", "RFC 8446 §6.2", false,
     "A certificate was corrupt, contained signatures that did not verify correctly, etc.",
     "Sent by a server that rejects the client certificate (or by a client rejecting the "
     "server's). Many servers also send it for a missing client certificate.",
     {"the client certificate's signature, key or format was rejected",
      "the CertificateVerify signature did not verify (key does not match the certificate)",
      "the client sent no certificate and the server reports it this way"},
     "Check the certificate and key together: mtls-doctor cert CLIENT.pem --key CLIENT.key; "
     "then probe: mtls-doctor probe https://HOST/PATH --cert CLIENT.pem --key CLIENT.key.",
     true,
     "the certificate is corrupt or its signature does not verify"},
    {43, "unsupported_certificate", "RFC 8446 §6.2", false,
     "A certificate was of an unsupported type.",
     "The server cannot use the client certificate's type: key algorithm, curve or the key "
     "usage/extended key usage.",
     {"EKU without clientAuth or a Key Usage without digitalSignature",
      "a key type or curve the server does not support"},
     "mtls-doctor cert CLIENT.pem checks EKU and Key Usage; reissue with clientAuth and an RSA "
     "2048+ or P-256 key.",
     true,
     "the certificate is of a type or purpose the server does not accept (often the EKU lacks clientAuth)"},
    {44, "certificate_revoked", "RFC 8446 §6.2", false,
     "A certificate was revoked by its signer.",
     "The peer found the client certificate (or one in its chain) revoked.",
     {"the certificate is on its CA's CRL or OCSP says revoked"},
     "Check revocation: mtls-doctor cert CLIENT.pem --crl CA.crl (or certutil -verify -urlfetch "
     "CLIENT.cer on Windows); issue a new certificate.",
     true,
     "the certificate is revoked"},
    {45, "certificate_expired", "RFC 8446 §6.2", false,
     "A certificate has expired or is not currently valid.",
     "The peer sees the client certificate (or one in its chain) outside its validity window.",
     {"expired certificate or intermediate", "notBefore in the future", "wrong clock on the peer"},
     "mtls-doctor cert CLIENT.pem shows the validity dates; renew; check both clocks.",
     true,
     "the certificate (or one in its chain) is expired or not yet valid"},
    {46, "certificate_unknown", "RFC 8446 §6.2", false,
     "Some other (unspecified) issue arose in processing the certificate, rendering it "
     "unacceptable.",
     "The peer rejected the certificate for a reason it did not name: often an unbuildable chain, "
     "a failed revocation check, or a policy (EKU) rejection. Schannel sends it for many chain "
     "errors.",
     {"missing intermediate (client sent only its leaf)", "revocation could not be checked",
      "untrusted issuer"},
     "mtls-doctor cert CLIENT.pem --chain CHAIN.pem --trust SERVER-ROOTS.pem reproduces the "
     "server's view; on Windows read the Schannel events (System log) on the server.",
     true,
     "the server could not accept the certificate for an unspecified reason"},
    {47, "illegal_parameter", "RFC 8446 §6.2", false,
     "A field in the handshake was incorrect or inconsistent with other fields.",
     "A malformed handshake message; with client certificates, sometimes a signature algorithm "
     "in CertificateVerify that was not offered.",
     {"an implementation bug or an incompatible signature scheme"},
     "Capture the handshake: mtls-doctor pcap FILE."},
    {48, "unknown_ca", "RFC 8446 §6.2", false,
     "A valid certificate chain or partial chain was received, but the certificate was not "
     "accepted because the CA certificate could not be located or could not be matched with a "
     "known trust anchor.",
     "The server does not trust the issuer of the client certificate (the TLS-level twin of IIS "
     "403.16).",
     {"the client's root CA is not in the server's trust store",
      "the intermediate is missing so the chain ends at an unknown CA"},
     "Add the client's CA to the server's trust store (on IIS: certutil -addstore Root ROOT.cer); "
     "check with mtls-doctor cert CLIENT.pem --trust SERVER-ROOTS.pem.",
     true,
     "the server could not build a chain to a CA it trusts (missing intermediate or untrusted root)"},
    {49, "access_denied", "RFC 8446 §6.2", false,
     "A valid certificate or PSK was received, but when access control was applied, the sender "
     "decided not to proceed with negotiation.",
     "The certificate is trusted but not authorized (an allow-list of subjects or issuers on the "
     "server).",
     {"the server's authorization rules do not admit this certificate's subject or issuer"},
     "Compare the certificate's subject/issuer with the server's allow-list; on IIS see "
     "mtls-doctor explain 403.12.",
     true,
     "the certificate was valid but access was refused"},
    {50, "decode_error", "RFC 8446 §6.2", false,
     "A message could not be decoded because some field was out of the specified range or the "
     "length of the message was incorrect.",
     "A malformed message; also sent by some clients for a CertificateRequest whose CA list is "
     "too long or malformed (inferred).",
     {"an oversized or malformed certificate_authorities list", "an implementation bug"},
     "Check the CA list size: mtls-doctor probe https://HOST/PATH (reports the list length)."},
    {51, "decrypt_error", "RFC 8446 §6.2", false,
     "A handshake (not record layer) cryptographic operation failed, including being unable to "
     "correctly verify a signature or validate a Finished message or a PSK binder.",
     "With client certificates: the CertificateVerify signature failed, typically because the "
     "private key does not belong to the certificate.",
     {"the client's key and certificate do not match", "a hardware/token key signing wrongly"},
     "mtls-doctor cert CLIENT.pem --key CLIENT.key checks that they match.",
     false,
     "the CertificateVerify signature did not verify (wrong key?)"},
    {52, "too_many_cids_requested", "RFC 9146 §4 (DTLS 1.2 connection ID)", false,
     "DTLS: the peer asked for more connection IDs than the sender will provide.",
     "Not related to client certificates (DTLS only).", {"DTLS connection ID negotiation"},
     "Nothing to fix for client certificates."},
    {60, "export_restriction", "RFC 4346 §7.2 (reserved in TLS 1.2 and 1.3)", true,
     "Legacy export-grade negotiation was attempted (TLS 1.0).",
     "Not related to client certificates.", {"an export cipher suite (obsolete)"},
     "Update the peer."},
    {70, "protocol_version", "RFC 8446 §6.2", false,
     "The protocol version the peer has attempted to negotiate is recognized but not supported.",
     "No common TLS version. Relevant to client certificates when one side disables TLS 1.2 to "
     "avoid renegotiation problems, or TLS 1.3 to allow them.",
     {"TLS 1.2 or 1.3 disabled on one side (Schannel Protocols\\TLS 1.x\\Server Enabled, or the "
      "binding's disabletls13 / disablelegacytls)"},
     "Probe each version: mtls-doctor probe https://HOST/PATH --tls 1.2, then --tls 1.3."},
    {71, "insufficient_security", "RFC 8446 §6.2", false,
     "Negotiation failed because the server requires parameters more secure than those "
     "supported by the client.",
     "Not a certificate verdict: the client's cipher suites are too weak for the server.",
     {"weak client cipher suites"}, "Update the client's TLS configuration."},
    {80, "internal_error", "RFC 8446 §6.2", false,
     "An internal error unrelated to the peer or the correctness of the protocol (such as a "
     "memory allocation failure) makes it impossible to continue.",
     "The peer failed internally. Schannel sends it, for example, when it cannot use its own "
     "private key (server certificate key not accessible) (inferred).",
     {"the server cannot access its certificate's private key", "resource exhaustion"},
     "Read the peer's logs (Windows: System log, source Schannel, event 36870 / 36888)."},
    {86, "inappropriate_fallback", "RFC 7507 §2", false,
     "Sent by a server in response to an invalid connection retry attempt from a client "
     "(TLS_FALLBACK_SCSV with a version lower than the server's highest).",
     "A client retried with a lower version after a failure; the original failure (maybe the "
     "client-certificate one) is on the first attempt.",
     {"client version fallback after an earlier failed handshake"},
     "Look at the first handshake attempt: mtls-doctor probe https://HOST/PATH."},
    {90, "user_canceled", "RFC 8446 §6.1", false,
     "The user cancelled the handshake for some reason unrelated to a protocol failure.",
     "A browser user dismissed the certificate selection prompt, or a client gave up choosing a "
     "certificate.",
     {"the user pressed Cancel in the client certificate dialog"},
     "Retry and pick the certificate; check the browser's zone setting 1A04 (mtls-doctor explain "
     "1A04)."},
    {100, "no_renegotiation", "RFC 5246 §7.2 (reserved in RFC 8446)", true,
     "Sent in response to a hello request or a client hello after initial handshaking when "
     "renegotiation is not acceptable.",
     "The client refuses the renegotiation IIS uses to ask for the certificate late: the "
     "certificate is never sent and IIS logs 403.7 (often after 500 0 64).",
     {"Negotiate Client Certificate disabled on the http.sys binding, with a client that "
      "refuses renegotiation (Go, many libraries, HTTP/2 clients)"},
     "Ask in the initial handshake: netsh http update sslcert ipport=0.0.0.0:443 certhash=HASH "
     "appid={GUID} clientcertnegotiation=enable."},
    {109, "missing_extension", "RFC 8446 §6.2", false,
     "Sent by endpoints that receive a handshake message not containing an extension that is "
     "mandatory to send for the offered TLS version or other negotiated parameters.",
     "A TLS 1.3 peer missed a mandatory extension (e.g. signature_algorithms in a "
     "CertificateRequest).",
     {"an incomplete TLS 1.3 implementation"}, "Capture the handshake: mtls-doctor pcap FILE."},
    {110, "unsupported_extension", "RFC 8446 §6.2", false,
     "Sent by endpoints receiving any handshake message containing an extension known to be "
     "prohibited for inclusion in the given handshake message.",
     "Not a certificate verdict; a protocol mismatch.", {"an implementation bug or middlebox"},
     "Capture the handshake: mtls-doctor pcap FILE."},
    {111, "certificate_unobtainable", "RFC 6066 §5 (reserved in RFC 8446)", true,
     "The server could not obtain a certificate from the URL the client gave "
     "(client_certificate_url extension).",
     "Client certificate by URL (RFC 6066) could not be fetched; rarely deployed.",
     {"client_certificate_url pointing to an unreachable URL"},
     "Send the certificate itself instead of a URL."},
    {112, "unrecognized_name", "RFC 6066 §3 / RFC 8446 §6.2", false,
     "The server does not recognize the name sent in the server_name (SNI) extension.",
     "The SNI name is unknown: the server may fall back to a default binding that does not ask "
     "for (or asks differently for) a client certificate.",
     {"no SNI binding for the name; the IP:port binding answers instead"},
     "Compare bindings: netsh http show sslcert (Hostname:port vs IP:port); probe with and "
     "without SNI: mtls-doctor probe https://HOST/PATH --sni NAME."},
    {113, "bad_certificate_status_response", "RFC 6066 §8 / RFC 8446 §6.2", false,
     "Sent by clients when an invalid or unacceptable OCSP response is provided by the server "
     "via the status_request extension.",
     "About the server's stapled OCSP response, not the client certificate.",
     {"stale or invalid OCSP staple"},
     "Refresh the server's OCSP staple, or disableocspstapling=enable on the binding."},
    {114, "bad_certificate_hash_value", "RFC 6066 §5 (reserved in RFC 8446)", true,
     "The hash of a certificate fetched by URL did not match the value the client sent.",
     "Client certificate by URL (RFC 6066) hash mismatch; rarely deployed.",
     {"client_certificate_url hash mismatch"}, "Send the certificate itself."},
    {115, "unknown_psk_identity", "RFC 4279 §2 / RFC 8446 §6.2", false,
     "Sent by servers when PSK key establishment is desired but no acceptable PSK identity is "
     "provided by the client.",
     "PSK, not certificates.", {"unknown PSK identity"}, "Not a client-certificate problem."},
    {116, "certificate_required", "RFC 8446 §6.2", false,
     "Sent by servers when a client certificate is desired but none was provided by the client.",
     "TLS 1.3 server required a certificate and the client sent an empty Certificate message. "
     "The client sees it only after it thinks the handshake is done, on its first read.",
     {"the client has no certificate configured",
      "the certificate_authorities list excluded the client's issuer, so the client sent "
      "nothing",
      "the client's certificate lacks clientAuth EKU and the client library skipped it"},
     "Give the client its certificate, or run mtls-doctor probe https://HOST/PATH --cert CERT "
     "--key KEY to see whether the server then accepts it; compare the CA list with the "
     "certificate's issuers.",
     true,
     "the server needed a certificate and got none"},
    {120, "no_application_protocol", "RFC 7301 §3.2", false,
     "Sent by servers when a client application_layer_protocol_negotiation extension "
     "advertises only protocols that the server does not support.",
     "ALPN mismatch; not a certificate verdict (Schannel: SEC_E_APPLICATION_PROTOCOL_MISMATCH).",
     {"client offers only h2 to a server with HTTP/2 disabled, or the reverse"},
     "Probe with explicit ALPN: mtls-doctor probe https://HOST/PATH --alpn http/1.1."},
    {121, "ech_required", "draft-ietf-tls-esni (Encrypted Client Hello)", false,
     "Sent by a client when it offered an encrypted_client_hello extension but the server did "
     "not accept it.",
     "Not related to client certificates.", {"ECH configuration mismatch"},
     "Not a client-certificate problem."},
};


}  // namespace

std::span<const TlsAlert> tls_alerts() { return table; }

const TlsAlert* find_tls_alert(int code) {
  for (const TlsAlert& a : table) {
    if (a.code == code) return &a;
  }
  return nullptr;
}

const TlsAlert* find_tls_alert(std::string_view name) {
  // RFC 8446 spells the reserved ones "no_certificate_RESERVED"; accept that spelling too.
  constexpr std::string_view reserved = "_reserved";
  if (name.size() > reserved.size() &&
      iequals(name.substr(name.size() - reserved.size()), reserved)) {
    name.remove_suffix(reserved.size());
  }
  for (const TlsAlert& a : table) {
    if (iequals(a.name, name)) return &a;
  }
  return nullptr;
}

std::string alert_verdict(int code) {
  const TlsAlert* a = find_tls_alert(code);
  if (!a) return fmt::format("alert {}", code);
  if (a->verdict.empty()) return std::string(a->name);
  return fmt::format("{}: {}", a->name, a->verdict);
}

}  // namespace mtls::knowledge
