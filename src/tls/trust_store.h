// SPDX-License-Identifier: Apache-2.0
// Trust stores: a PEM bundle, a DER certificate, a .p7b, a PKCS#12, or a directory of any of
// these (OpenSSL hashed directories made by c_rehash / `openssl rehash` included: their symlinks
// are read once). src/tls internal.
#pragma once

#include <string>
#include <vector>

#include "core/evidence/certificates.h"
#include "core/expected.h"
#include "tls/identity.h"
#include "tls/openssl_ptr.h"

namespace mtls::tls {

constexpr std::size_t max_store_files = 100000;
constexpr std::size_t max_store_certificates = 200000;

struct StoreCertificate {
  X509Ptr certificate;
  EvidenceRef origin;  ///< file (and index within it)
};

struct LoadedStore {
  std::string source;
  std::vector<StoreCertificate> certificates;
  std::vector<std::string> skipped;  ///< "name: why" for directory entries that held no certificate
};

/// Load every certificate of a store. A file that holds no certificate is an error; inside a
/// directory it is skipped and listed.
Expected<LoadedStore> load_store(const std::string& path, const PasswordProvider* password);

/// The facts of a loaded store: each certificate (role from the store's role and whether it is
/// self-signed), duplicates, and the certificate_authorities list a server would build from it.
StoreFacts store_facts(const LoadedStore& store, StoreRole role);

/// TLS 1.2 certificate_authorities encoding size (RFC 5246 §7.4.4: DistinguishedName
/// certificate_authorities<0..2^16-1>, each name opaque<1..2^16-1>): 2 bytes + DER per name.
std::size_t ca_names_bytes(const std::vector<std::size_t>& der_sizes);

}  // namespace mtls::tls
