// SPDX-License-Identifier: Apache-2.0
#include "tls/client_identity.h"

#include <fmt/format.h>
#include <openssl/err.h>

#include "core/input_file.h"
#include "tls/cert_file.h"

namespace mtls::tls {
namespace {

Expected<LoadedCertificates> read_certificates(const std::string& path, const PasswordProvider& password, bool read_key) {
  auto data = read_input_file(path);
  if (!data) return unexpected(data.error());
  auto loaded = parse_certificates(*data, path, &password, read_key);
  explicit_bzero(data->data(), data->size());  // a PEM or PKCS#12 file may hold a key
  return loaded;
}

}  // namespace

Expected<ClientIdentity> load_client_identity(const IdentitySpec& spec, const PasswordProvider& password) {
  const std::string& cert_file = spec.pfx_file.empty() ? spec.cert_file : spec.pfx_file;
  if (cert_file.empty()) return unexpected("no client certificate given (--cert FILE or --pfx FILE)");
  // The key may sit in the certificate's PEM file (as `cat cert key > both.pem` makes it) or in
  // the PKCS#12; a separate --key wins.
  auto loaded = read_certificates(cert_file, password, spec.key_file.empty());
  if (!loaded) return unexpected(loaded.error());
  if (loaded->certificates.empty()) {
    if (loaded->key) return unexpected(file_error(cert_file, "holds no certificate", "only a private key"));
    return unexpected(file_error(cert_file, "holds no certificate", "no certificate in the file"));
  }
  if (loaded->format == CertificateFormat::pkcs7) put_leaf_first(loaded->certificates);
  ClientIdentity identity;
  identity.pkcs12_legacy = loaded->pkcs12_legacy;
  identity.certificate = std::move(loaded->certificates.front());
  for (std::size_t i = 1; i < loaded->certificates.size(); ++i) identity.chain.push_back(std::move(loaded->certificates[i]));
  if (!spec.chain_file.empty()) {
    auto chain = read_certificates(spec.chain_file, password, false);
    if (!chain) return unexpected(chain.error());
    for (X509Ptr& c : chain->certificates) identity.chain.push_back(std::move(c));
  }
  if (!spec.key_file.empty()) {
    auto data = read_input_file(spec.key_file);
    if (!data) return unexpected(data.error());
    auto key = parse_private_key(*data, spec.key_file, password);
    explicit_bzero(data->data(), data->size());
    if (!key) return unexpected(key.error());
    identity.key = std::move(*key);
    identity.key_file = spec.key_file;
  } else {
    identity.key = std::move(loaded->key);
    identity.key_file = cert_file;
  }
  ERR_clear_error();
  return identity;
}

}  // namespace mtls::tls
