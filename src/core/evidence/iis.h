// SPDX-License-Identifier: Apache-2.0
// IIS, http.sys and Schannel configuration read from exported files (checklist C1, C2, C8–C11, C14).
// Filled by src/parse readers; DESIGN §5 `evidence.iis`.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/evidence_ref.h"

namespace mtls {

struct IisBinding {
  std::string protocol;             ///< "https"
  std::string binding_information;  ///< "*:443:www.example.com"
  unsigned ssl_flags = 0;           ///< binding sslFlags bitmask (1 = SNI, 2 = central store, ...)
  EvidenceRef origin;
};

struct IisSite {
  std::string name;
  std::string id;
  std::vector<IisBinding> bindings;
  EvidenceRef origin;
};

/// One `netsh http show sslcert` binding (or its registry form under HTTP\Parameters).
struct HttpSysBinding {
  std::string kind;      ///< "IP:port", "Hostname:port", "Central Certificate Store"
  std::string endpoint;  ///< "0.0.0.0:443", "www.example.com:443"
  std::string certificate_hash;
  std::string application_id;
  std::string certificate_store_name;
  std::string ctl_store_name;  ///< empty when "(null)"
  std::optional<bool> negotiate_client_certificate;
  EvidenceRef origin;
};

struct SchannelSettings {
  std::optional<unsigned> send_trusted_issuer_list;  ///< SendTrustedIssuerList, absent = default
  std::optional<unsigned> client_auth_trust_mode;    ///< ClientAuthTrustMode
  EvidenceRef origin;
};

struct IisEvidence {
  std::vector<IisSite> sites;
  std::vector<HttpSysBinding> bindings;
  SchannelSettings schannel;
};

}  // namespace mtls
