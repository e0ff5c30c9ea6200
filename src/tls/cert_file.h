// SPDX-License-Identifier: Apache-2.0
// Reading certificates, keys and CRLs from bytes in every format users bring: PEM (one or many
// blocks, also PKCS7 and TRUSTED CERTIFICATE blocks), DER, PKCS#7 (.p7b/.p7c, PEM or DER) and
// PKCS#12 (.pfx/.p12, including legacy RC2/3DES files). Pure over bytes; file I/O is a thin
// wrapper. src/tls internal.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/expected.h"
#include "tls/identity.h"
#include "tls/openssl_ptr.h"

namespace mtls::tls {

constexpr std::size_t max_input_file_size = 16 * 1024 * 1024;  // no certificate, key or store file is larger
constexpr std::size_t max_certificates_per_file = 100000;

enum class CertificateFormat { pem, der, pkcs7, pkcs12 };
std::string_view to_string(CertificateFormat format);

struct LoadedCertificates {
  CertificateFormat format = CertificateFormat::pem;
  std::vector<X509Ptr> certificates;  ///< in file order (PKCS#12: its certificate first)
  EvpPkeyPtr key;                     ///< a PKCS#12's key, or a key block in a PEM file
  bool pkcs12_legacy = false;         ///< OpenSSL's legacy provider was needed (RC2/3DES PKCS#12)
};

/// Read a file of at most max_input_file_size bytes.
Expected<std::string> read_input_file(const std::string& path);

/// Every certificate in `data`, whatever the format. `password` is asked only for a protected
/// PKCS#12 (may be null: then such a file is an error). `read_pem_key` also reads an unencrypted
/// (or, with a password, encrypted) key block from a PEM file.
Expected<LoadedCertificates> parse_certificates(std::string_view data, std::string_view source,
                                                const PasswordProvider* password, bool read_pem_key = false);

/// A private key in PEM or DER, PKCS#1 or PKCS#8, encrypted or not. The password is asked only
/// when the key is encrypted. Errors never contain key material.
Expected<EvpPkeyPtr> parse_private_key(std::string_view data, std::string_view source, const PasswordProvider& password);

/// Every CRL in a PEM or DER file.
Expected<std::vector<X509CrlPtr>> parse_crls(std::string_view data, std::string_view source);

/// The leaf of an unordered set (PKCS#7 bags have no order): the certificate that issued no other.
void put_leaf_first(std::vector<X509Ptr>& certificates);

}  // namespace mtls::tls
