// SPDX-License-Identifier: Apache-2.0
#include "tls/client_identity.h"

#include <fmt/format.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/provider.h>

#include <fstream>
#include <iterator>
#include <optional>

#include "tls/openssl_error.h"

namespace mtls::tls {
namespace {

constexpr std::size_t max_file_size = 16 * 1024 * 1024;  // no certificate or key file is larger

Expected<std::string> read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return unexpected(fmt::format("cannot read '{}'", path));
  std::string data;
  char buffer[65536];
  while (in.read(buffer, sizeof buffer) || in.gcount() > 0) {
    data.append(buffer, static_cast<std::size_t>(in.gcount()));
    if (data.size() > max_file_size) return unexpected(fmt::format("'{}' is larger than 16 MiB", path));
  }
  return data;
}

BioPtr memory_bio(const std::string& data) {
  return BioPtr(BIO_new_mem_buf(data.data(), static_cast<int>(data.size())));
}

bool is_pem(const std::string& data) { return data.find("-----BEGIN ") != std::string::npos; }

/// Every certificate in a PEM or DER file, in file order.
Expected<std::vector<X509Ptr>> read_certificates(const std::string& path) {
  auto data = read_file(path);
  if (!data) return unexpected(data.error());
  std::vector<X509Ptr> out;
  BioPtr bio = memory_bio(*data);
  if (is_pem(*data)) {
    while (X509* cert = PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr)) out.emplace_back(cert);
    ERR_clear_error();  // the loop ends on "no start line"
  } else if (X509* cert = d2i_X509_bio(bio.get(), nullptr)) {
    out.emplace_back(cert);
  }
  if (out.empty()) return unexpected(fmt::format("'{}' holds no certificate (PEM or DER)", path));
  return out;
}

struct PasswordContext {
  const PasswordProvider* provider;
  std::optional<Secret> secret;
  std::string error;
};

// OpenSSL's pem_password_cb: asks the provider once, copies into OpenSSL's buffer.
int password_callback(char* buffer, int size, int /*rwflag*/, void* user) {
  auto* context = static_cast<PasswordContext*>(user);
  if (!context->secret) {
    if (!*context->provider) {
      context->error = "the key is encrypted and no password source was given (--password-file, --password-env)";
      return -1;
    }
    auto secret = (*context->provider)();
    if (!secret) {
      context->error = secret.error().to_string();
      return -1;
    }
    context->secret = std::move(*secret);
  }
  const std::string_view pw = context->secret->reveal();
  if (pw.size() > static_cast<std::size_t>(size)) return -1;
  std::copy(pw.begin(), pw.end(), buffer);
  return static_cast<int>(pw.size());
}

Expected<EvpPkeyPtr> read_key(const std::string& path, const PasswordProvider& password) {
  auto data = read_file(path);
  if (!data) return unexpected(data.error());
  PasswordContext context{&password, std::nullopt, {}};
  BioPtr bio = memory_bio(*data);
  EVP_PKEY* key = is_pem(*data) ? PEM_read_bio_PrivateKey(bio.get(), nullptr, password_callback, &context)
                                : d2i_PrivateKey_bio(bio.get(), nullptr);
  if (!key) {
    const std::string reason = take_openssl_error();
    if (!context.error.empty()) return unexpected(fmt::format("{}: {}", path, context.error));
    if (context.secret) return unexpected(fmt::format("{}: cannot decrypt the private key (wrong password?)", path));
    return unexpected(fmt::format("{}: no private key could be read ({})", path, reason.empty() ? "unknown format" : reason));
  }
  return EvpPkeyPtr(key);
}

Expected<ClientIdentity> read_pkcs12(const std::string& path, const PasswordProvider& password) {
  auto data = read_file(path);
  if (!data) return unexpected(data.error());
  BioPtr bio = memory_bio(*data);
  Pkcs12Ptr p12(d2i_PKCS12_bio(bio.get(), nullptr));
  if (!p12) return unexpected(fmt::format("{}: not a PKCS#12 file", path));
  // An unencrypted PKCS#12 (or one with an empty password) needs no prompt.
  std::optional<Secret> secret;
  if (PKCS12_verify_mac(p12.get(), "", 0) != 1 && PKCS12_verify_mac(p12.get(), nullptr, 0) != 1) {
    if (!password) return unexpected(fmt::format("{}: the PKCS#12 file is protected and no password source was given (--password-file, --password-env)", path));
    auto s = password();
    if (!s) return unexpected(fmt::format("{}: {}", path, s.error().to_string()));
    secret = std::move(*s);
    const std::string_view pw = secret->reveal();
    if (PKCS12_verify_mac(p12.get(), pw.data(), static_cast<int>(pw.size())) != 1) {
      ERR_clear_error();
      return unexpected(fmt::format("{}: wrong password for the PKCS#12 file", path));
    }
  }
  const std::string pw = secret ? std::string(secret->reveal()) : std::string();
  EVP_PKEY* key = nullptr;
  X509* cert = nullptr;
  STACK_OF(X509)* ca = nullptr;
  int ok = PKCS12_parse(p12.get(), pw.c_str(), &key, &cert, &ca);
  if (ok != 1) {
    // Legacy PKCS#12 (RC2-40/3DES, as older Windows exports) needs OpenSSL 3's legacy provider.
    ERR_clear_error();
    OSSL_PROVIDER_load(nullptr, "legacy");
    OSSL_PROVIDER_load(nullptr, "default");
    ok = PKCS12_parse(p12.get(), pw.c_str(), &key, &cert, &ca);
  }
  std::string scratch = pw;
  explicit_bzero(scratch.data(), scratch.size());
  if (ok != 1) return unexpected(fmt::format("{}: cannot read the PKCS#12 file ({})", path, take_openssl_error()));
  ClientIdentity identity{X509Ptr(cert), {}, EvpPkeyPtr(key)};
  if (ca) {
    for (int i = 0; i < sk_X509_num(ca); ++i) identity.chain.emplace_back(sk_X509_value(ca, i));
    sk_X509_free(ca);
  }
  if (!identity.certificate) return unexpected(fmt::format("{}: the PKCS#12 file holds no certificate", path));
  return identity;
}

}  // namespace

Expected<ClientIdentity> load_client_identity(const IdentitySpec& spec, const PasswordProvider& password) {
  if (!spec.pfx_file.empty()) return read_pkcs12(spec.pfx_file, password);
  if (spec.cert_file.empty()) return unexpected("no client certificate given (--cert FILE or --pfx FILE)");
  auto certs = read_certificates(spec.cert_file);
  if (!certs) return unexpected(certs.error());
  ClientIdentity identity;
  identity.certificate = std::move(certs->front());
  for (std::size_t i = 1; i < certs->size(); ++i) identity.chain.push_back(std::move((*certs)[i]));
  if (!spec.chain_file.empty()) {
    auto chain = read_certificates(spec.chain_file);
    if (!chain) return unexpected(chain.error());
    for (X509Ptr& c : *chain) identity.chain.push_back(std::move(c));
  }
  // The key may sit in the certificate's PEM file (as `cat cert key > both.pem` makes it).
  const std::string& key_file = spec.key_file.empty() ? spec.cert_file : spec.key_file;
  auto key = read_key(key_file, password);
  if (key) {
    identity.key = std::move(*key);
  } else if (!spec.key_file.empty()) {
    return unexpected(key.error());
  }
  ERR_clear_error();
  return identity;
}

}  // namespace mtls::tls
