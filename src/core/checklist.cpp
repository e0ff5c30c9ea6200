// SPDX-License-Identifier: Apache-2.0
#include "core/checklist.h"

#include "core/severity.h"

namespace mtls {
namespace {

constexpr std::array<StepInfo, 14> steps{{
    {Step::C1, "C1", "Server requires a client certificate",
     "The server really requires (or requests) a client certificate for the resource: IIS SSL "
     "settings \"Require\" (sslFlags SslRequireCert), nginx ssl_verify_client, Apache "
     "SSLVerifyClient.",
     "a probe of the server, or applicationHost.config / web.config"},
    {Step::C2, "C2", "Certificate mappings at the site level",
     "Certificate-to-account mapping rules live where the server reads them: IIS reads one-to-one "
     "and many-to-one mappings at the site level only; mappings under an application's location "
     "are silently ignored.",
     "applicationHost.config, or IIS logs with 403.12 / 401.x entries"},
    {Step::C3, "C3", "Client offers a certificate",
     "The client offers and selects a certificate (browser prompt settings; the client program "
     "actually loads one).",
     "a probe with the client identity, a capture, or the client's Internet Settings .reg export"},
    {Step::C4, "C4", "Private key present, matching and readable",
     "The client certificate has a private key, the key matches, and the process identity can "
     "read it.",
     "the client certificate and key (mtls-doctor cert FILE --key KEY)"},
    {Step::C5, "C5", "Certificate fit for client authentication",
     "EKU contains clientAuth (1.3.6.1.5.5.7.3.2) or is absent; Key Usage, if present, allows "
     "digitalSignature; it is not a CA certificate.",
     "the client certificate"},
    {Step::C6, "C6", "Chain complete",
     "The chain from the client certificate to its root is complete: intermediates are sent by "
     "the client or known to the server.",
     "the client certificate with --chain/--trust, or a probe with the client identity"},
    {Step::C7, "C7", "Root trusted, nothing expired or revoked",
     "The root is trusted on the server (and the client); intermediates sit in the intermediate "
     "store; nothing is expired, not-yet-valid or revoked.",
     "the client certificate with --trust and --crl, the server's trust store, or IIS logs"},
    {Step::C8, "C8", "CA list names the client's issuer",
     "The CertificateRequest's certificate_authorities list (Windows: trusted issuer list, "
     "SendTrustedIssuerList) is absent, or names an issuer in the client's chain.",
     "a probe or capture with the client certificate, or the Schannel registry export"},
    {Step::C9, "C9", "Only self-signed certificates in Trusted Root",
     "With ClientAuthTrustMode 0 the server's Trusted Root store holds only self-signed "
     "certificates; a non-self-signed one there breaks client authentication (KB2802568).",
     "the server's Trusted Root store (mtls-doctor store, or a SOFTWARE hive)"},
    {Step::C10, "C10", "Bindings name their CTL store and agree",
     "With ClientAuthTrustMode 1 or 2, or SendTrustedIssuerList 1, every SSL binding that serves "
     "the site names its CTL store; IP:port and hostname:port (SNI) bindings of one site agree.",
     "netsh http show sslcert output with the Schannel registry export"},
    {Step::C11, "C11", "Certificate requested in the initial handshake",
     "The certificate is requested during the initial handshake (Negotiate Client Certificate / "
     "clientcertnegotiation=enable), not later by renegotiation (impossible over HTTP/2) or TLS 1.3 "
     "post-handshake authentication (not supported by browsers).",
     "a probe of the server, netsh http show sslcert output, a capture, or IIS logs"},
    {Step::C12, "C12", "No middlebox in the way",
     "Nothing between client and server terminates TLS or strips the certificate request: the "
     "request appears in a capture of the handshake.",
     "captures taken on the client and on the server"},
    {Step::C13, "C13", "Log status codes read in full",
     "sc-status, sc-substatus and sc-win32-status decoded, and a 403.7 checked for an earlier "
     "error that masks the real cause.",
     "IIS W3C / HTTPERR logs or Failed Request Tracing files"},
    {Step::C14, "C14", "Service-specific requirements",
     "Service-specific requirements hold (e.g. WCF transport security with client certificates "
     "also needs anonymous authentication enabled in IIS).",
     "applicationHost.config and the service's web.config"},
}};

constexpr StepInfo no_step{Step::none, "—", "Outside the checklist", "", ""};

}  // namespace

std::span<const StepInfo> checklist_steps() { return steps; }

const StepInfo& step_info(Step step) {
  for (const StepInfo& info : steps) {
    if (info.step == step) return info;
  }
  return no_step;
}

std::string_view to_string(Step step) { return step_info(step).name; }

std::optional<Step> parse_step(std::string_view text) {
  if (text == "—" || text == "-" || text.empty()) return Step::none;
  for (const StepInfo& info : steps) {
    if (info.name == text) return info.step;
  }
  return std::nullopt;
}

std::optional<Severity> parse_severity(std::string_view text) {
  for (Severity s : {Severity::error, Severity::warning, Severity::info}) {
    if (to_string(s) == text) return s;
  }
  return std::nullopt;
}

}  // namespace mtls
