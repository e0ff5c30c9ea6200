// SPDX-License-Identifier: Apache-2.0
// The CA-list matcher on names as a server sends them: the input is read like a TLS
// certificate_authorities vector (2-byte length + DER name, repeated); the first name also
// becomes the client chain's issuer, so matches and near misses are exercised.
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "checks/ca_list_match.h"
#include "tls/cert_facts.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::vector<mtls::DistinguishedName> names;
  std::size_t at = 0;
  while (at + 2 <= size && names.size() < 256) {
    const std::size_t len = (static_cast<std::size_t>(data[at]) << 8) | data[at + 1];
    at += 2;
    if (at + len > size) break;
    names.push_back(mtls::tls::distinguished_name_from_der(std::string_view(reinterpret_cast<const char*>(data + at), len)));
    at += len;
  }
  std::vector<mtls::CertificateFacts> chain(2);
  if (!names.empty()) {
    chain[0].issuer_name = names.front();
    chain[1].subject_name = names.back();
    chain[1].issuer_name = names.back();
  }
  (void)mtls::checks::match_ca_list(chain, names);
  std::vector<mtls::CertificateFacts> keyed(names.size());
  for (std::size_t i = 0; i < names.size(); ++i) {
    keyed[i].subject_name = names[i];
    keyed[i].subject_key_id = i % 2 ? "AA" : "BB";
  }
  chain[0].authority_key_id = "AA";
  (void)mtls::checks::match_ca_list(chain, names, keyed);
  return 0;
}
