// SPDX-License-Identifier: Apache-2.0
#include "checks/ca_list_match.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include "core/ascii.h"

namespace mtls::checks {
namespace {

const std::string& shown(const DistinguishedName& n) { return n.text.empty() ? n.der_hex : n.text; }

/// The attributes of `a` that `b` lacks or holds with another value ("O=Contoso Ltd").
std::string differences(const DistinguishedName& a, const DistinguishedName& b) {
  std::vector<std::string> out;
  for (const auto& attribute : a.attributes) {
    // (no structured bindings: clang 14 cannot capture them in the lambda)
    const bool same = std::any_of(b.attributes.begin(), b.attributes.end(), [&](const auto& other) {
      return other.first == attribute.first && to_lower(other.second) == to_lower(attribute.second);
    });
    if (!same) out.push_back(attribute.first + "=" + attribute.second);
  }
  std::string joined;
  for (const std::string& s : out) joined += (joined.empty() ? "" : ", ") + s;
  return joined;
}

enum class Equality { none, exact, canonical };

Equality compare(const DistinguishedName& a, const DistinguishedName& b) {
  if (!a.der_hex.empty() && a.der_hex == b.der_hex) return Equality::exact;
  if (!a.canonical.empty() && a.canonical == b.canonical) return Equality::canonical;
  return Equality::none;
}

}  // namespace

std::string common_name(const DistinguishedName& name) {
  std::string cn;
  for (const auto& [type, value] : name.attributes) {
    if (type == "CN" || type == "commonName") cn = value;
  }
  return cn;
}

CaListVerdict match_ca_list(std::span<const CertificateFacts> chain, std::span<const DistinguishedName> ca_names,
                            std::span<const CertificateFacts> ca_certificates) {
  CaListVerdict verdict;
  const bool keys_known = ca_certificates.size() == ca_names.size();
  for (std::size_t i = 0; i < chain.size(); ++i) {
    const CertificateFacts& cert = chain[i];
    for (std::size_t n = 0; n < ca_names.size(); ++n) {
      // The issuer of any chain certificate, or the subject of a CA in the chain, named in the
      // list means the client holds a chain to that CA.
      for (const bool as_issuer : {true, false}) {
        if (!as_issuer && i == 0) continue;
        const DistinguishedName& name = as_issuer ? cert.issuer_name : cert.subject_name;
        const Equality eq = compare(name, ca_names[n]);
        if (eq == Equality::none) continue;
        if (as_issuer && keys_known && !cert.authority_key_id.empty() && !ca_certificates[n].subject_key_id.empty() &&
            cert.authority_key_id != ca_certificates[n].subject_key_id) {
          verdict.near_misses.push_back(fmt::format(
              "'{}' is there, but with key id {}; '{}' was issued by key id {} (the CA was renewed under a new key?)",
              shown(ca_names[n]), ca_certificates[n].subject_key_id, cert.subject, cert.authority_key_id));
          continue;
        }
        if (as_issuer && keys_known && cert.self_signed) continue;  // a root's own name is matched as subject below
        verdict.matches.push_back({i, n, as_issuer, eq == Equality::exact});
      }
    }
  }
  // A self-signed chain top matches through its own subject only when its key agrees.
  if (keys_known) {
    std::erase_if(verdict.matches, [&](const CaNameMatch& m) {
      const CertificateFacts& cert = chain[m.chain_index];
      const CertificateFacts& ca = ca_certificates[m.name_index];
      return !m.as_issuer && !cert.subject_key_id.empty() && !ca.subject_key_id.empty() && cert.subject_key_id != ca.subject_key_id;
    });
  }
  verdict.matched = !verdict.matches.empty();
  if (verdict.matched) return verdict;
  // Near misses by name: same CN, other attributes differ.
  for (std::size_t i = 0; i < chain.size(); ++i) {
    const DistinguishedName& issuer = chain[i].issuer_name;
    const std::string cn = to_lower(common_name(issuer));
    if (cn.empty()) continue;
    for (const DistinguishedName& name : ca_names) {
      if (to_lower(common_name(name)) != cn || compare(issuer, name) != Equality::none) continue;
      const std::string theirs = differences(name, issuer);
      const std::string ours = differences(issuer, name);
      std::string message = fmt::format("the list names '{}' and the chain has '{}': same CN", shown(name), shown(issuer));
      if (!theirs.empty() || !ours.empty()) {
        message += fmt::format(", but the list has {} where the chain has {}", theirs.empty() ? "nothing" : theirs,
                               ours.empty() ? "nothing" : ours);
      } else {
        message += ", same attributes in another order or encoding";
      }
      if (std::find(verdict.near_misses.begin(), verdict.near_misses.end(), message) == verdict.near_misses.end()) {
        verdict.near_misses.push_back(std::move(message));
      }
    }
  }
  return verdict;
}

}  // namespace mtls::checks
