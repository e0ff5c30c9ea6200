// SPDX-License-Identifier: Apache-2.0
// Facts about certificates, client identities and trust stores (checklist C4–C9), as plain data.
// Filled by src/tls (the only code that sees OpenSSL); read by checks and renderers.
#pragma once

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
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

/// One certificate, as the report's `evidence.certificates[]` describes it.
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
  std::vector<std::string> subject_alt_names;  ///< "DNS:x", "email:x", "UPN:x", "URI:x", "IP:192.0.2.1", "IP:2001:db8::1"
  std::vector<std::string> aia_ca_issuers;     ///< AIA caIssuers URLs
  std::vector<std::string> crl_distribution_points;
  std::string subject_key_id;
  std::string authority_key_id;
  EvidenceRef origin;                  ///< the file (and index) it was read from
};

/// The private key of the client identity (checklist C4). Never holds key material.
struct IdentityFacts {
  std::string certificate_file;          ///< --cert or --pfx
  std::string key_file;                  ///< where the key was looked for ("" when none)
  bool key_present = false;
  std::optional<bool> key_matches;       ///< unset when there is no key
  std::string key_type;                  ///< "RSA 2048", "EC P-256", "Ed25519"
  bool pkcs12_legacy = false;            ///< the PKCS#12 needed OpenSSL's legacy provider (RC2/3DES)
  std::string as_user;                   ///< --as-user NAME ("" when not asked)
  std::optional<bool> key_readable;      ///< by as_user; unset when not asked
  std::string unreadable_reason;         ///< which permission is missing, in plain words
  std::vector<std::string> grant_commands;  ///< chmod/chown/setfacl lines that grant it
  bool ad_mapping = false;               ///< --ad-mapping: the UPN/email in SAN matters
};

/// One problem OpenSSL's path validation reported, at a depth of the built chain (0 = leaf).
struct ChainError {
  int depth = 0;
  int code = 0;              ///< X509_V_ERR_* value
  std::string name;          ///< "unable to get local issuer certificate" (OpenSSL's words)
  std::string subject;       ///< RFC 4514 subject of the certificate at that depth
};

/// The verdict of building the client's chain to the trust stores (C6, C7).
struct ChainFacts {
  enum class Verdict { trusted, incomplete, untrusted_root, invalid };
  Verdict verdict = Verdict::invalid;
  std::vector<std::string> trust_stores;     ///< --trust, as given
  std::vector<std::string> untrusted_files;  ///< --chain/--untrusted and the identity's own chain
  std::size_t trust_anchor_count = 0;
  std::vector<ChainError> errors;            ///< every error, in the order OpenSSL met them
  /// When incomplete: the certificate whose issuer was not found, and that issuer.
  std::string missing_issuer_of;             ///< subject of the last certificate reached
  DistinguishedName missing_issuer;
  std::string missing_issuer_key_id;         ///< the AKI of missing_issuer_of
  std::vector<std::string> missing_issuer_aia;  ///< AIA caIssuers URLs naming where to fetch it
  /// Certificates in the trust stores with the missing issuer's name but another key (a CA
  /// renewed under a new key): "SHA1 thumbprint, key id".
  std::vector<std::string> same_name_other_key;
  std::string untrusted_root;                ///< when untrusted_root: the self-signed top of the chain
};

/// The client certificate against the CRLs given (--crl).
struct RevocationFacts {
  std::vector<std::string> crl_files;
  bool covered = false;                  ///< some CRL was issued by the certificate's issuer
  bool revoked = false;
  std::string crl_file;                  ///< the CRL that lists it
  std::string revocation_date;           ///< RFC 3339
  std::string reason;                    ///< CRLReason name when the entry gives one
  std::optional<bool> crl_signature_ok;  ///< unset when the issuer certificate was not available
  std::vector<std::string> notes;        ///< CRLs expired, for another issuer, unreadable...
};

enum class StoreRole { root, intermediate, ctl };

/// A trust store and what a server built from it would send (C7–C9).
struct StoreFacts {
  std::string source;                        ///< file or directory
  StoreRole role = StoreRole::root;
  std::vector<CertificateFacts> certificates;  ///< every certificate read, in load order
  /// Indices into `certificates` of later copies of an earlier certificate (same SHA-256).
  std::vector<std::pair<std::size_t, std::size_t>> duplicates;  ///< (first, copy)
  std::size_t ca_names_count = 0;            ///< distinct subject names a server would list
  std::size_t ca_names_bytes = 0;            ///< certificate_authorities bytes (2-byte length + DER each)
  std::vector<std::string> skipped;          ///< files in a directory that held no certificate
  /// The Windows machine store it was exported from ("Root", "CA", "ClientAuthIssuer"), when the
  /// collection knows it (a bundle's stores/<name>/ folder); empty for a store named by the user.
  std::string windows_store;
};

/// Everything known about the client identity and the trust stores given.
struct CertificateEvidence {
  std::vector<CertificateFacts> certificates;  ///< client first, then its chain as built
  std::optional<IdentityFacts> identity;       ///< `cert` (and the probe's identity)
  std::optional<ChainFacts> chain;             ///< when --trust was given
  std::optional<RevocationFacts> revocation;   ///< when --crl was given
  std::vector<StoreFacts> stores;              ///< `store`: the stores audited
};

std::string_view to_string(ChainFacts::Verdict verdict);
std::string_view to_string(StoreRole role);
std::string_view to_string(CertificateRole role);

}  // namespace mtls
