// SPDX-License-Identifier: Apache-2.0
// What a live probe of a server saw (checklist C1, C3, C6–C8, C11), attempt by attempt.
// Filled by src/tls/probe; DESIGN §5 `evidence.probe`.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/evidence/certificates.h"

namespace mtls {

/// When in the connection the server sent its CertificateRequest.
enum class CertRequestTiming { none, handshake, renegotiation, post_handshake };

std::string_view to_string(CertRequestTiming timing);

struct ProbeAttempt {
  int number = 0;
  std::string purpose;        ///< "as a browser would", "with the client certificate", ...
  std::string tls_version;    ///< "TLSv1.3"
  std::string cipher;
  std::string alpn;           ///< negotiated protocol, empty if none
  std::string sni;            ///< empty when no SNI was sent
  bool offered_pha = false;   ///< post_handshake_auth extension offered (RFC 8446 §4.2.6)
  bool client_cert_sent = false;
  CertRequestTiming cert_request = CertRequestTiming::none;
  std::vector<std::string> ca_names;  ///< RFC 4514, full list, in the order sent
  std::vector<DistinguishedName> ca_list;  ///< the same list, comparable (see DistinguishedName)
  std::optional<int> http_status;
  std::string alert;          ///< "certificate_required (116) received", empty if none
};

struct ProbeEvidence {
  std::string target;   ///< the URL as given
  std::string address;  ///< "127.0.0.1:8443"
  std::vector<ProbeAttempt> attempts;
  std::vector<CertificateFacts> server_chain;
};

}  // namespace mtls
