// SPDX-License-Identifier: Apache-2.0
// The shared CA-list matcher (checklist C8): does any certificate of a client's chain match the
// CA distinguished names a server sends in its CertificateRequest (RFC 5246 §7.4.4
// certificate_authorities, RFC 8446 §4.2.4)? Clients that filter by that list (browsers,
// Windows, curl with a certificate store) send nothing when no name matches. Pure: used by the
// store checks here and by the probe and pcap checks.
#pragma once

#include <cstddef>
#include <span>
#include <string>
#include <vector>

#include "core/evidence/certificates.h"

namespace mtls::checks {

struct CaNameMatch {
  std::size_t chain_index = 0;  ///< the chain certificate whose name matched
  std::size_t name_index = 0;   ///< the CA name it matched
  bool as_issuer = true;        ///< the certificate's issuer matched (else its own subject)
  bool exact = true;            ///< DER-identical; false: equal only after normalisation
};

struct CaListVerdict {
  bool matched = false;                  ///< some chain certificate matches a CA name
  std::vector<CaNameMatch> matches;
  /// Plain-words explanations of names that almost matched: same CN but other attributes
  /// differ; same name but another key (a CA renewed under a new key).
  std::vector<std::string> near_misses;
};

/// `chain`: the client certificate first, then its intermediates (and root if known).
/// `ca_names`: the names the server sends. `ca_certificates`, when the certificates behind the
/// names are known (a store), runs parallel to `ca_names`; then a name match whose key id differs
/// from the chain's authority key id is not a match but a near miss.
CaListVerdict match_ca_list(std::span<const CertificateFacts> chain, std::span<const DistinguishedName> ca_names,
                            std::span<const CertificateFacts> ca_certificates = {});

/// "CN=Example CA" -> "Example CA" (the last CN, as people name a CA); "" when none.
std::string common_name(const DistinguishedName& name);

}  // namespace mtls::checks
