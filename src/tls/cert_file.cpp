// SPDX-License-Identifier: Apache-2.0
#include "tls/cert_file.h"

#include <fmt/format.h>
#include <openssl/decoder.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/pkcs7.h>
#include <openssl/provider.h>
#include <openssl/x509v3.h>

#include <cstring>
#include <optional>

#include "core/input_file.h"
#include "tls/openssl_error.h"

namespace mtls::tls {
namespace {

BioPtr memory_bio(std::string_view data) {
  return BioPtr(BIO_new_mem_buf(data.data(), static_cast<int>(data.size())));
}

bool is_pem(std::string_view data) { return data.find("-----BEGIN ") != std::string_view::npos; }

struct OpensslFree {
  void operator()(void* p) const { OPENSSL_free(p); }
};
using OpensslBytes = std::unique_ptr<unsigned char, OpensslFree>;
using Pkcs7Ptr = std::unique_ptr<PKCS7, Deleter<PKCS7_free>>;

void take_pkcs7_certificates(PKCS7* p7, std::vector<X509Ptr>& out) {
  STACK_OF(X509)* certs = nullptr;
  if (PKCS7_type_is_signed(p7) && p7->d.sign) certs = p7->d.sign->cert;
  else if (PKCS7_type_is_signedAndEnveloped(p7) && p7->d.signed_and_enveloped) certs = p7->d.signed_and_enveloped->cert;
  for (int i = 0; certs && i < sk_X509_num(certs) && out.size() < max_certificates_per_file; ++i) {
    X509* c = sk_X509_value(certs, i);
    X509_up_ref(c);
    out.emplace_back(c);
  }
}

// Secrets passed to OpenSSL through its password callback; asked once, wiped on destruction.
struct PasswordContext {
  const PasswordProvider* provider = nullptr;
  std::optional<Secret> secret;
  std::string error;
  bool asked = false;
};

int password_callback(char* buffer, int size, int /*rwflag*/, void* user) {
  auto* context = static_cast<PasswordContext*>(user);
  if (!context->secret) {
    if (context->asked) return -1;
    context->asked = true;
    if (!context->provider || !*context->provider) {
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
  std::memcpy(buffer, pw.data(), pw.size());
  return static_cast<int>(pw.size());
}

/// Whether the PKCS#12 encrypts a bag with a cipher only OpenSSL 3's legacy provider has (RC2,
/// RC4, single DES: what Windows before Server 2019 and OpenSSL 1.x use for the certificate
/// bag). 3DES is in the default provider. Judged from the file, not from what happens to be
/// loaded in this process.
bool uses_legacy_cipher(PKCS12* p12) {
  STACK_OF(PKCS7)* safes = PKCS12_unpack_authsafes(p12);
  bool legacy = false;
  for (int i = 0; safes && i < sk_PKCS7_num(safes); ++i) {
    PKCS7* p7 = sk_PKCS7_value(safes, i);
    if (OBJ_obj2nid(p7->type) != NID_pkcs7_encrypted || !p7->d.encrypted || !p7->d.encrypted->enc_data) continue;
    switch (OBJ_obj2nid(p7->d.encrypted->enc_data->algorithm->algorithm)) {
      case NID_pbe_WithSHA1And40BitRC2_CBC:
      case NID_pbe_WithSHA1And128BitRC2_CBC:
      case NID_pbe_WithSHA1And40BitRC4:
      case NID_pbe_WithSHA1And128BitRC4:
      case NID_pbeWithMD5AndDES_CBC:
      case NID_pbeWithSHA1AndDES_CBC:
      case NID_pbeWithMD5AndRC2_CBC:
      case NID_pbeWithSHA1AndRC2_CBC:
        legacy = true;
        break;
      default:
        break;
    }
  }
  sk_PKCS7_pop_free(safes, PKCS7_free);
  ERR_clear_error();
  return legacy;
}

Expected<LoadedCertificates> parse_pkcs12(std::string_view data, std::string_view source, const PasswordProvider* password) {
  BioPtr bio = memory_bio(data);
  Pkcs12Ptr p12(d2i_PKCS12_bio(bio.get(), nullptr));
  if (!p12) return unexpected(file_error(source, "not a PKCS#12 file"));
  std::optional<Secret> secret;
  // An unprotected PKCS#12 (no MAC, or a MAC over the empty password) needs no prompt.
  const bool has_mac = PKCS12_mac_present(p12.get()) == 1;
  if (has_mac && PKCS12_verify_mac(p12.get(), "", 0) != 1 && PKCS12_verify_mac(p12.get(), nullptr, 0) != 1) {
    if (!password || !*password) {
      return unexpected(file_error(source, "the PKCS#12 file is protected and no password source was given (--password-file, --password-env)"));
    }
    auto s = (*password)();
    if (!s) return unexpected(file_error(source, s.error().to_string()));
    secret = std::move(*s);
    const std::string_view pw = secret->reveal();
    const std::string pw_z(pw);  // NUL-terminated copy, wiped below
    const int ok = PKCS12_verify_mac(p12.get(), pw_z.c_str(), static_cast<int>(pw_z.size()));
    explicit_bzero(const_cast<char*>(pw_z.data()), pw_z.size());
    if (ok != 1) {
      ERR_clear_error();
      return unexpected(file_error(source, "wrong password for the PKCS#12 file"));
    }
  }
  ERR_clear_error();
  std::string pw = secret ? std::string(secret->reveal()) : std::string();
  EVP_PKEY* key = nullptr;
  X509* cert = nullptr;
  STACK_OF(X509)* ca = nullptr;
  LoadedCertificates out;
  out.format = CertificateFormat::pkcs12;
  int ok = PKCS12_parse(p12.get(), pw.c_str(), &key, &cert, &ca);
  if (ok != 1) {
    // Legacy PKCS#12 (RC2-40 or 3DES bags, as older Windows and OpenSSL 1.x export them) needs
    // OpenSSL 3's legacy provider (openssl.org/docs/man3.0/man7/migration_guide.html).
    ERR_clear_error();
    static OSSL_PROVIDER* legacy = OSSL_PROVIDER_load(nullptr, "legacy");
    static OSSL_PROVIDER* base = OSSL_PROVIDER_load(nullptr, "default");
    (void)base;
    if (legacy) ok = PKCS12_parse(p12.get(), pw.c_str(), &key, &cert, &ca);
  }
  out.pkcs12_legacy = ok == 1 && uses_legacy_cipher(p12.get());
  explicit_bzero(pw.data(), pw.size());
  if (ok != 1) return unexpected(file_error(source, fmt::format("cannot read the PKCS#12 file ({})", take_openssl_error())));
  out.key.reset(key);
  if (cert) out.certificates.emplace_back(cert);
  if (ca) {
    for (int i = 0; i < sk_X509_num(ca); ++i) out.certificates.emplace_back(sk_X509_value(ca, i));
    sk_X509_free(ca);
  }
  // Without a certificate-with-key pair, PKCS12_parse returns the bag's certificates in `ca`;
  // put the leaf first so callers find it.
  if (!cert) put_leaf_first(out.certificates);
  return out;
}

Expected<LoadedCertificates> parse_pem(std::string_view data, std::string_view source, const PasswordProvider* password, bool read_key) {
  LoadedCertificates out;
  out.format = CertificateFormat::pem;
  BioPtr bio = memory_bio(data);
  PasswordContext context;
  context.provider = password;
  int blocks = 0;
  for (;;) {
    char* name_raw = nullptr;
    char* header_raw = nullptr;
    unsigned char* body_raw = nullptr;
    long length = 0;
    if (PEM_read_bio(bio.get(), &name_raw, &header_raw, &body_raw, &length) != 1) break;
    ++blocks;
    std::unique_ptr<char, OpensslFree> name(name_raw);
    std::unique_ptr<char, OpensslFree> header(header_raw);
    OpensslBytes body(body_raw);
    const std::string_view kind(name.get());
    const unsigned char* p = body.get();
    if (kind == "CERTIFICATE" || kind == "X509 CERTIFICATE") {
      X509* c = d2i_X509(nullptr, &p, length);
      if (!c) return unexpected(file_error(source, fmt::format("PEM block {} ({}) is not a valid certificate", blocks, kind)));
      out.certificates.emplace_back(c);
    } else if (kind == "TRUSTED CERTIFICATE") {
      X509* c = d2i_X509_AUX(nullptr, &p, length);
      if (!c) return unexpected(file_error(source, fmt::format("PEM block {} ({}) is not a valid certificate", blocks, kind)));
      out.certificates.emplace_back(c);
    } else if (kind == "PKCS7" || kind == "CERTIFICATE CHAIN") {
      Pkcs7Ptr p7(d2i_PKCS7(nullptr, &p, length));
      if (!p7) return unexpected(file_error(source, fmt::format("PEM block {} ({}) is not a valid PKCS#7 structure", blocks, kind)));
      take_pkcs7_certificates(p7.get(), out.certificates);
      out.format = CertificateFormat::pkcs7;
    } else if (kind.find("PRIVATE KEY") != std::string_view::npos) {
      if (read_key && !out.key) {
        // Re-read this one block through the PEM key reader (handles legacy encrypted headers).
        auto key = parse_private_key(data, source, password ? *password : PasswordProvider{});
        if (!key) return unexpected(key.error());
        out.key = std::move(*key);
      }
    }
    explicit_bzero(body.get(), static_cast<std::size_t>(length));  // may be a key
    if (out.certificates.size() > max_certificates_per_file) {
      return unexpected(file_error(source, fmt::format("more than {} certificates", max_certificates_per_file)));
    }
  }
  ERR_clear_error();  // the loop ends on "no start line"
  return out;
}

}  // namespace

std::string_view to_string(CertificateFormat format) {
  switch (format) {
    case CertificateFormat::pem: return "PEM";
    case CertificateFormat::der: return "DER";
    case CertificateFormat::pkcs7: return "PKCS#7";
    case CertificateFormat::pkcs12: return "PKCS#12";
  }
  return "PEM";
}

Expected<std::string> read_input_file(const std::string& path) {
  return ::mtls::read_input_file(path, max_input_file_size);
}

Expected<LoadedCertificates> parse_certificates(std::string_view data, std::string_view source,
                                                const PasswordProvider* password, bool read_pem_key) {
  if (data.size() > max_input_file_size) return unexpected(file_error(source, "larger than 16 MiB"));
  if (is_pem(data)) {
    auto pem = parse_pem(data, source, password, read_pem_key);
    if (!pem) return pem;
    if (pem->certificates.empty()) return unexpected(file_error(source, "holds no certificate", "no CERTIFICATE block in the PEM text"));
    return pem;
  }
  LoadedCertificates out;
  {
    const auto* p = reinterpret_cast<const unsigned char*>(data.data());
    if (X509* c = d2i_X509(nullptr, &p, static_cast<long>(data.size()))) {
      out.format = CertificateFormat::der;
      out.certificates.emplace_back(c);
      ERR_clear_error();
      return out;
    }
  }
  {
    const auto* p = reinterpret_cast<const unsigned char*>(data.data());
    if (Pkcs7Ptr p7{d2i_PKCS7(nullptr, &p, static_cast<long>(data.size()))}) {
      out.format = CertificateFormat::pkcs7;
      take_pkcs7_certificates(p7.get(), out.certificates);
      ERR_clear_error();
      if (out.certificates.empty()) return unexpected(file_error(source, "holds no certificate", "an empty PKCS#7 bag"));
      return out;
    }
  }
  {
    const auto* p = reinterpret_cast<const unsigned char*>(data.data());
    if (Pkcs12Ptr p12{d2i_PKCS12(nullptr, &p, static_cast<long>(data.size()))}) {
      ERR_clear_error();
      return parse_pkcs12(data, source, password);
    }
  }
  ERR_clear_error();
  return unexpected(file_error(source, "not a certificate file (PEM, DER, PKCS#7 or PKCS#12)"));
}

Expected<EvpPkeyPtr> parse_private_key(std::string_view data, std::string_view source, const PasswordProvider& password) {
  if (data.size() > max_input_file_size) return unexpected(file_error(source, "larger than 16 MiB"));
  PasswordContext context;
  context.provider = &password;
  EVP_PKEY* key = nullptr;
  if (is_pem(data)) {
    BioPtr bio = memory_bio(data);
    key = PEM_read_bio_PrivateKey(bio.get(), nullptr, password_callback, &context);
  } else {
    // DER: PKCS#1, PKCS#8 and encrypted PKCS#8 (EncryptedPrivateKeyInfo); OpenSSL's decoders
    // try each structure.
    OSSL_DECODER_CTX* dctx = OSSL_DECODER_CTX_new_for_pkey(&key, "DER", nullptr, nullptr, EVP_PKEY_KEYPAIR, nullptr, nullptr);
    if (dctx) {
      OSSL_DECODER_CTX_set_pem_password_cb(dctx, password_callback, &context);
      const auto* p = reinterpret_cast<const unsigned char*>(data.data());
      std::size_t len = data.size();
      if (OSSL_DECODER_from_data(dctx, &p, &len) != 1) key = nullptr;
      OSSL_DECODER_CTX_free(dctx);
    }
  }
  if (!key) {
    const std::string reason = take_openssl_error();
    if (!context.error.empty()) return unexpected(file_error(source, context.error));
    if (context.secret) return unexpected(file_error(source, "cannot decrypt the private key (wrong password?)"));
    return unexpected(file_error(source, fmt::format("no private key could be read ({})", reason.empty() ? "unknown format" : reason)));
  }
  ERR_clear_error();
  return EvpPkeyPtr(key);
}

Expected<std::vector<X509CrlPtr>> parse_crls(std::string_view data, std::string_view source) {
  std::vector<X509CrlPtr> out;
  BioPtr bio = memory_bio(data);
  if (is_pem(data)) {
    while (X509_CRL* crl = PEM_read_bio_X509_CRL(bio.get(), nullptr, nullptr, nullptr)) {
      out.emplace_back(crl);
      if (out.size() > 1000) return unexpected(file_error(source, "more than 1000 CRLs"));
    }
  } else if (X509_CRL* crl = d2i_X509_CRL_bio(bio.get(), nullptr)) {
    out.emplace_back(crl);
  }
  ERR_clear_error();
  if (out.empty()) return unexpected(file_error(source, "holds no CRL (PEM or DER)"));
  return out;
}

void put_leaf_first(std::vector<X509Ptr>& certificates) {
  for (std::size_t i = 0; i < certificates.size(); ++i) {
    bool issued_another = false;
    for (std::size_t k = 0; k < certificates.size() && !issued_another; ++k) {
      if (k != i && X509_check_issued(certificates[i].get(), certificates[k].get()) == X509_V_OK) issued_another = true;
    }
    if (!issued_another) {
      if (i != 0) std::swap(certificates[0], certificates[i]);
      return;
    }
  }
}

}  // namespace mtls::tls
