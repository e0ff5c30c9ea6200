// SPDX-License-Identifier: Apache-2.0
#include "lab/scenarios.h"

namespace mtls::lab {
namespace {

using tls::ClientAuthWhen;

// The IIS shape of a binding that asks in the handshake and sends the CTL store's CA list: the
// configuration Microsoft documents for a trusted issuer list (SendTrustedIssuerList 1,
// ClientAuthTrustMode 2, netsh sslctlstorename=ClientAuthIssuer).
constexpr IisShape kCtlStoreShape{.ctl_store_name = "ClientAuthIssuer",
                                  .send_trusted_issuer_list = 1,
                                  .client_auth_trust_mode = 2};

IisShape late_shape() {
  IisShape s = kCtlStoreShape;
  s.negotiate_client_certificate = false;
  s.disable_tls13 = true;
  return s;
}

// ClientAuthTrustMode 2 with no Ctl Store Name on the binding: seed 001, the store name lost when
// the binding was edited in IIS Manager after a certificate renewal.
constexpr IisShape kLostCtlShape{.send_trusted_issuer_list = 1, .client_auth_trust_mode = 2};

const std::vector<Scenario> table{
    {.name = "healthy",
     .imitates = "a server that asks for the certificate in the handshake and names the client's "
                 "CA (IIS with Negotiate Client Certificate and a ClientAuthIssuer CTL store)",
     .iis = kCtlStoreShape,
     .expected_findings = {}},
    {.name = "late-renegotiation",
     .imitates = "IIS with SSL Settings \"Require\" but Negotiate Client Certificate disabled on "
                 "the http.sys binding (the default): the certificate is asked for by TLS 1.2 "
                 "renegotiation after the request; browsers on HTTP/2 or TLS 1.3 get 403.7",
     .when = ClientAuthWhen::renegotiation,
     .tls13 = false,
     .iis = late_shape(),
     .expected_findings = {"tls.certificate-request-late"}},
    {.name = "http2",
     .imitates = "the same IIS binding (Negotiate Client Certificate disabled) with HTTP/2 on: a "
                 "browser's h2 request cannot be renegotiated, so http.sys resets it with "
                 "HTTP_1_1_REQUIRED; only HTTP/1.1 clients are asked, by renegotiation",
     .when = ClientAuthWhen::renegotiation,
     .tls13 = false,
     .http2 = true,
     .iis = late_shape(),
     .expected_findings = {"tls.certificate-request-late", "tls.renegotiation-blocked-by-http2"}},
    {.name = "post-handshake",
     .imitates = "Apache with SSLVerifyClient require inside a <Location> under TLS 1.3: the "
                 "certificate is asked for by post-handshake authentication, which browsers do "
                 "not support",
     .when = ClientAuthWhen::post_handshake,
     .expected_findings = {"tls.certificate-request-post-handshake"}},
    {.name = "no-request",
     .imitates = "a server whose application requires a certificate while its TLS layer never "
                 "asks for one (IIS mapping enabled without sslFlags "
                 "SslNegotiateCert/SslRequireCert): every client gets 403.7",
     .when = ClientAuthWhen::never,
     .iis = IisShape{.ssl_flags = "Ssl",
                     .mapping_authentication = true,
                     .negotiate_client_certificate = false},
     .expected_findings = {"tls.no-certificate-request", "http.client-cert-required"}},
    {.name = "ca-list-excludes",
     .imitates = "a server whose CA list names only another CA (a CTL store without the client's "
                 "issuer): clients that filter by the list send nothing",
     .ca_list = CaList::other_ca,
     .iis = kCtlStoreShape,
     .expected_findings = {"tls.ca-list-excludes-client-chain"}},
    {.name = "untrusted-client",
     .imitates = "a server that asks with an empty CA list but trusts only another CA (the "
                 "client's root is missing from the server's Trusted Root store): IIS answers "
                 "403.16",
     .ca_list = CaList::none,
     .trust_client_ca = false,
     .iis = IisShape{},
     // The lab identity presents its leaf alone and the server names no CA: the probe suspects
     // the missing chain first.
     .expected_findings = {"tls.client-cert-rejected", "tls.client-chain-not-sent",
                           "http.client-cert-rejected"}},
    {.name = "sni-ip-mismatch",
     .imitates = "IIS with a hostname:port (SNI) binding that names the ClientAuthIssuer CTL "
                 "store and an IP:port binding for the same site that lost it: clients sending "
                 "the name get the CTL store's CA list, the others the whole Trusted Root store "
                 "and 403.7 (win32 5)",
     .ca_list = CaList::root_store,
     .ctl_access_denied = true,
     .sni_binding = true,
     .iis = IisShape{.mapping_authentication = true,
                     .hostname_binding = true,
                     .send_trusted_issuer_list = 1,
                     .client_auth_trust_mode = 2},
     .expected_findings = {"tls.sni-bindings-differ"}},
    {.name = "ctl-access-denied",
     .imitates = "IIS after a server certificate renewal: ClientAuthTrustMode 2 and "
                 "SendTrustedIssuerList 1, but the binding lost its Ctl Store Name; the CA list "
                 "comes from the Trusted Root store and a good certificate gets 403.7 with win32 "
                 "status 5 (ERROR_ACCESS_DENIED)",
     .ca_list = CaList::root_store,
     .ctl_access_denied = true,
     .iis = kLostCtlShape,
     .expected_findings = {"http.client-cert-required"}},
    {.name = "expired-client",
     .imitates = "IIS that asks in the handshake and names the client's CA, probed with an "
                 "expired client certificate (client-expired.pem): Schannel refuses it and IIS "
                 "answers 403.17",
     .identity = ProbeIdentity::expired_client,
     .iis = kCtlStoreShape,
     .expected_findings = {"cert.expired", "tls.client-cert-rejected",
                           "http.client-cert-rejected"}},
};

std::vector<std::string> ca_files(CaList list, const tls::LabPkiFiles& pki) {
  switch (list) {
    case CaList::none:
      return {};
    case CaList::client_ca:
      return {pki.client_ca};
    case CaList::other_ca:
      return {pki.other_ca};
    case CaList::root_store:
      return {pki.root_store};
  }
  return {};
}

}  // namespace

std::span<const Scenario> scenarios() { return table; }

const Scenario* find_scenario(std::string_view name) {
  for (const Scenario& s : table) {
    if (s.name == name) return &s;
  }
  return nullptr;
}

tls::LabServerConfig server_config(const Scenario& scenario, const tls::LabPkiFiles& pki) {
  tls::LabServerConfig config;
  config.cert_file = pki.server_cert;
  config.key_file = pki.server_key;
  config.trust_file = scenario.trust_client_ca ? pki.client_ca : pki.other_ca;
  config.ip_binding.ca_list_files = ca_files(scenario.ca_list, pki);
  config.ip_binding.ctl_access_denied = scenario.ctl_access_denied;
  if (scenario.sni_binding) {
    config.sni_host = std::string(kSniHost);
    config.sni_binding.ca_list_files = {pki.client_ca};
  }
  config.when = scenario.when;
  config.tls13 = scenario.tls13;
  config.http2 = scenario.http2;
  config.iis_answers = scenario.iis.has_value();
  return config;
}

}  // namespace mtls::lab
