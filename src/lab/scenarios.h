// SPDX-License-Identifier: Apache-2.0
// The known failures `mtls-doctor lab` reproduces, one scenario each, as data: what real server it
// imitates, how its TLS layer behaves, what the IIS configuration behind it looks like (for
// --write-config), and which findings a probe with the lab's client identity reports.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "tls/lab_pki.h"
#include "tls/lab_server.h"

namespace mtls::lab {

/// The CA names a binding sends in its CertificateRequest.
enum class CaList {
  none,        ///< an empty list (Schannel's default: SendTrustedIssuerList 0)
  client_ca,   ///< the client's CA (a CTL store holding it)
  other_ca,    ///< only an unrelated CA (a CTL store without the client's issuer)
  root_store,  ///< every CA of the lab's Trusted Root store (no CTL store named)
};

/// The IIS configuration a scenario stands for: site, http.sys binding and Schannel values.
struct IisShape {
  std::string_view ssl_flags = "Ssl, SslNegotiateCert, SslRequireCert";  ///< <access sslFlags>
  bool mapping_authentication = false;  ///< iisClientCertificateMappingAuthentication enabled
  bool negotiate_client_certificate = true;
  bool disable_tls13 = false;       ///< the binding's Disable TLS1.3 (Windows Server 2022)
  std::string_view ctl_store_name;  ///< the IP:port binding's; empty = (null)
  bool hostname_binding =
      false;  ///< also a hostname:port binding (SNI), with Ctl Store ClientAuthIssuer
  std::optional<std::uint32_t> send_trusted_issuer_list;  ///< absent = not set (the default)
  std::optional<std::uint32_t> client_auth_trust_mode;
};

/// Which lab identity the scenario's probe presents.
enum class ProbeIdentity { client, expired_client };

struct Scenario {
  std::string_view name;
  std::string_view imitates;  ///< the real-world configuration it reproduces
  tls::ClientAuthWhen when = tls::ClientAuthWhen::handshake;
  bool tls13 = true;
  bool http2 = false;                  ///< offers h2 by ALPN
  CaList ca_list = CaList::client_ca;  ///< the IP:port binding's list
  bool trust_client_ca = true;     ///< the server trusts the client's CA (else only the other CA)
  bool ctl_access_denied = false;  ///< the IP:port binding answers 403.7 with win32 5
  bool sni_binding = false;  ///< clients sending "localhost" reach a binding listing the client CA
  ProbeIdentity identity = ProbeIdentity::client;
  std::optional<IisShape>
      iis;  ///< IIS-like: IIS answers, W3C log and config files; absent = not IIS
  std::vector<std::string_view>
      expected_findings;  ///< what a probe with `identity` reports, top first
};

std::span<const Scenario> scenarios();
const Scenario* find_scenario(std::string_view name);

/// The server configuration for a scenario, given the lab's PKI files.
tls::LabServerConfig server_config(const Scenario& scenario, const tls::LabPkiFiles& pki);

/// The host name the SNI binding answers to, and so the name to probe a scenario with.
inline constexpr std::string_view kSniHost = "localhost";

}  // namespace mtls::lab
