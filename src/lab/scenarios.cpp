// SPDX-License-Identifier: Apache-2.0
#include "lab/scenarios.h"

namespace mtls::lab {
namespace {

using tls::ClientAuthWhen;

const std::vector<Scenario> table{
    {"healthy",
     "a server that asks for the certificate in the handshake and names the client's CA",
     ClientAuthWhen::handshake, true, true, false, true, {}},
    {"late-renegotiation",
     "IIS with SSL Settings \"Require\" but Negotiate Client Certificate disabled on the http.sys "
     "binding (the default): the certificate is asked for by TLS 1.2 renegotiation after the "
     "request; browsers on HTTP/2 or TLS 1.3 get 403.7",
     ClientAuthWhen::renegotiation, false, true, false, true, {"tls.certificate-request-late"}},
    {"post-handshake",
     "Apache with SSLVerifyClient require inside a <Location> under TLS 1.3: the certificate is "
     "asked for by post-handshake authentication, which browsers do not support",
     ClientAuthWhen::post_handshake, true, true, false, true, {"tls.certificate-request-post-handshake"}},
    {"no-request",
     "a server whose application requires a certificate while its TLS layer never asks for one "
     "(IIS mapping enabled without sslFlags SslRequireCert): every client gets 403.7",
     ClientAuthWhen::never, true, true, false, true, {"tls.no-certificate-request", "http.client-cert-required"}},
    {"ca-list-excludes",
     "a server whose CA list names only another CA (a CTL store without the client's issuer): "
     "clients that filter by the list send nothing",
     ClientAuthWhen::handshake, true, false, false, true, {"tls.ca-list-excludes-client-chain"}},
    {"untrusted-client",
     "a server that asks with an empty CA list but trusts only another CA (the client's root is "
     "missing from the server's Trusted Root store: IIS 403.16)",
     ClientAuthWhen::handshake, true, false, true, false, {"tls.client-cert-rejected"}},
};

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
  if (!scenario.empty_ca_list) config.ca_list_file = scenario.list_client_ca ? pki.client_ca : pki.other_ca;
  config.when = scenario.when;
  config.tls13 = scenario.tls13;
  return config;
}

}  // namespace mtls::lab
