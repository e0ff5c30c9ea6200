// SPDX-License-Identifier: Apache-2.0
// Facts about certificates, client identities and trust stores (checklist C4–C9), as plain data.
// Filled by src/tls (the only code that sees OpenSSL); read by checks and renderers.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/evidence_ref.h"

namespace mtls {

using SysSeconds = std::chrono::sys_seconds;

enum class CertificateRole { client, intermediate, root, server };

/// An X.501 distinguished name in the forms checks compare: exact DER, and OpenSSL's canonical
/// form (case-folded, spaces collapsed; what X509_NAME_cmp and hashed directories use), plus the
/// attributes in order, so near misses (same CN, different O) can be explained.
struct DistinguishedName {
  std::string text;       ///< RFC 4514, most significant RDN last ("CN=Leaf,O=Example")
  std::string der_hex;    ///< DER encoding, upper-case hex
  std::string canonical;  ///< canonical encoding, upper-case hex
  std::vector<std::pair<std::string, std::string>> attributes;  ///< ("CN", "Example CA"), in DER order

  bool operator==(const DistinguishedName&) const = default;
};

/// One certificate, as DESIGN §5 `evidence.certificates[]` describes it.
struct CertificateFacts {
  CertificateRole role = CertificateRole::client;
  std::string subject;  ///< RFC 4514 distinguished name
  std::string issuer;   ///< RFC 4514 distinguished name
  DistinguishedName subject_name;
  DistinguishedName issuer_name;
  std::string serial;   ///< hex, upper case
  std::string sha1;     ///< thumbprint as Windows shows it: hex, upper case, no separators
  std::string sha256;
  SysSeconds not_before{};
  SysSeconds not_after{};
  std::vector<std::string> eku;        ///< short names ("clientAuth") or dotted OIDs
  std::vector<std::string> key_usage;  ///< RFC 5280 names ("digitalSignature")
  bool has_eku = false;                ///< the extension is present (an empty list then means none)
  bool has_key_usage = false;
  bool self_signed = false;            ///< subject == issuer and the signature verifies with its own key
  bool is_ca = false;                  ///< basicConstraints cA=TRUE
  std::string public_key;              ///< "RSA 2048", "EC P-256", "Ed25519"
  int public_key_bits = 0;
  std::string signature_algorithm;     ///< "sha256WithRSAEncryption"
  std::vector<std::string> subject_alt_names;  ///< "DNS:x", "email:x", "UPN:x", "URI:x"
  std::vector<std::string> aia_ca_issuers;     ///< AIA caIssuers URLs
  std::vector<std::string> crl_distribution_points;
  std::string subject_key_id;
  std::string authority_key_id;
  EvidenceRef origin;                  ///< the file (and index) it was read from
};

/// Everything known about the client identity and the trust stores given.
struct CertificateEvidence {
  std::vector<CertificateFacts> certificates;  ///< client first, then its chain as built
};

}  // namespace mtls
