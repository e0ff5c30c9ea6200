// SPDX-License-Identifier: Apache-2.0
// Test PKI generated at test time with OpenSSL (no committed keys): roots, intermediates and
// leaves with every option the certificate checks care about, CRLs, and writers for every file
// format users bring (PEM, DER, PKCS#7, PKCS#12 incl. legacy RC2/3DES, encrypted keys).
// Shared by the cert, store, probe and pcap tests.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "tls/openssl_ptr.h"

namespace mtls::test {

/// The fixed test clock: 2026-11-18T10:13:20Z (the e2e runner's SOURCE_DATE_EPOCH).
constexpr std::int64_t test_clock = 1795000000;
inline std::chrono::sys_seconds test_now() { return std::chrono::sys_seconds{std::chrono::seconds{test_clock}}; }

enum class KeyType { rsa2048, rsa1024, ec_p256, ed25519 };
enum class Digest { sha256, sha1 };

struct CertSpec {
  std::string cn = "Test";
  std::string o;                    ///< organisation, "" for none
  KeyType key = KeyType::ec_p256;  ///< EC by default: RSA generation is slow on a shared CI machine
  bool ca = false;                  ///< basicConstraints cA=TRUE (critical)
  bool basic_constraints = true;    ///< add basicConstraints at all
  std::optional<std::vector<std::string>> eku;        ///< nullopt: no extension. "clientAuth", "serverAuth", "anyExtendedKeyUsage"
  std::optional<std::vector<std::string>> key_usage;  ///< nullopt: default (CA: keyCertSign,cRLSign; leaf: digitalSignature)
  bool no_key_usage = false;        ///< leave Key Usage out entirely
  std::int64_t not_before = -86400;       ///< seconds relative to test_clock
  std::int64_t not_after = 365 * 86400;   ///< seconds relative to test_clock
  Digest digest = Digest::sha256;
  std::vector<std::string> aia_ca_issuers;
  std::vector<std::string> dns;
  std::string upn;                  ///< SAN otherName UPN
  std::string email;                ///< SAN rfc822Name
  std::vector<std::string> ip;      ///< SAN iPAddress, as text ("127.0.0.1", "::1")
  std::int64_t serial = 0;          ///< 0: a fresh one
};

struct Issued {
  tls::X509Ptr cert;
  tls::EvpPkeyPtr key;
  [[nodiscard]] X509* x509() const { return cert.get(); }
};

tls::EvpPkeyPtr make_key(KeyType type);
/// Self-signed root (ca defaults to true).
Issued make_root(CertSpec spec);
/// A certificate signed by `issuer`.
Issued issue(const Issued& issuer, CertSpec spec);
/// A certificate for an existing key (renewed CA under the same or another key...).
Issued issue_with_key(const Issued* issuer, CertSpec spec, tls::EvpPkeyPtr key);
/// A CRL by `issuer` listing `revoked` (thisUpdate = test clock - 1 h, nextUpdate + `next_update`).
tls::X509CrlPtr make_crl(const Issued& issuer, const std::vector<const X509*>& revoked, std::int64_t next_update = 7 * 86400);

// Writers. Paths are created or overwritten.
void write_pem(const std::filesystem::path& path, const std::vector<const X509*>& certs);
void write_der(const std::filesystem::path& path, const X509* cert);
void write_p7b(const std::filesystem::path& path, const std::vector<const X509*>& certs, bool pem);
enum class Pkcs12Cipher { modern, triple_des, rc2_40 };
/// `key` or `cert` may be null (a PKCS#12 holding only one of them).
void write_pkcs12(const std::filesystem::path& path, const X509* cert, const EVP_PKEY* key,
                  const std::vector<const X509*>& chain, const std::string& password, Pkcs12Cipher cipher = Pkcs12Cipher::modern);
enum class KeyFormat { pem_pkcs8, pem_traditional, der_pkcs8, der_traditional };
/// `password` non-empty: encrypted (AES-256-CBC PKCS#8, or legacy PEM encryption for traditional).
void write_key(const std::filesystem::path& path, const EVP_PKEY* key, KeyFormat format, const std::string& password = {});
void write_crl(const std::filesystem::path& path, const X509_CRL* crl);
void write_text(const std::filesystem::path& path, const std::string& text);

/// A temporary directory removed when destroyed.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  [[nodiscard]] const std::filesystem::path& path() const { return path_; }
  [[nodiscard]] std::string file(const std::string& name) const { return (path_ / name).string(); }

 private:
  std::filesystem::path path_;
};

}  // namespace mtls::test
