// SPDX-License-Identifier: Apache-2.0
#include "support/test_pki.h"

#include <openssl/ec.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/pkcs12.h>
#include <openssl/pkcs7.h>
#include <openssl/provider.h>
#include <openssl/rand.h>
#include <openssl/rsa.h>
#include <openssl/x509v3.h>

#include <atomic>
#include <cstdio>
#include <fstream>
#include <stdexcept>
#include <unistd.h>

namespace mtls::test {
namespace {

[[noreturn]] void die(const std::string& what) {
  char buffer[256];
  ERR_error_string_n(ERR_get_error(), buffer, sizeof buffer);
  throw std::runtime_error("test PKI: " + what + ": " + buffer);
}

void check(int ok, const char* what) {
  if (ok <= 0) die(what);
}

void add_ext(X509* cert, X509* issuer, int nid, const std::string& value) {
  X509V3_CTX ctx;
  X509V3_set_ctx_nodb(&ctx);
  X509V3_set_ctx(&ctx, issuer, cert, nullptr, nullptr, 0);
  X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value.c_str());
  if (!ext) die("extension " + value);
  X509_add_ext(cert, ext, -1);
  X509_EXTENSION_free(ext);
}

std::string join(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : ",") + s;
  return out;
}

std::atomic<std::int64_t> next_serial{1000};

}  // namespace

tls::EvpPkeyPtr make_key(KeyType type) {
  EVP_PKEY* key = nullptr;
  switch (type) {
    case KeyType::rsa2048: key = EVP_RSA_gen(2048); break;
    case KeyType::rsa1024: key = EVP_RSA_gen(1024); break;
    case KeyType::ec_p256: key = EVP_EC_gen("P-256"); break;
    case KeyType::ed25519: key = EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519"); break;
  }
  if (!key) die("key generation");
  return tls::EvpPkeyPtr(key);
}

Issued issue_with_key(const Issued* issuer, CertSpec spec, tls::EvpPkeyPtr key) {
  tls::X509Ptr cert(X509_new());
  check(X509_set_version(cert.get(), 2), "version");
  ASN1_INTEGER_set_int64(X509_get_serialNumber(cert.get()), spec.serial ? spec.serial : next_serial++);
  X509_NAME* name = X509_get_subject_name(cert.get());
  if (!spec.o.empty()) X509_NAME_add_entry_by_txt(name, "O", MBSTRING_UTF8, reinterpret_cast<const unsigned char*>(spec.o.c_str()), -1, -1, 0);
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8, reinterpret_cast<const unsigned char*>(spec.cn.c_str()), -1, -1, 0);
  X509_set_issuer_name(cert.get(), issuer ? X509_get_subject_name(issuer->cert.get()) : name);
  time_t base = static_cast<time_t>(test_clock);
  X509_time_adj_ex(X509_getm_notBefore(cert.get()), 0, static_cast<long>(spec.not_before), &base);
  X509_time_adj_ex(X509_getm_notAfter(cert.get()), 0, static_cast<long>(spec.not_after), &base);
  check(X509_set_pubkey(cert.get(), key.get()), "pubkey");
  X509* issuer_cert = issuer ? issuer->cert.get() : cert.get();
  if (spec.basic_constraints) add_ext(cert.get(), issuer_cert, NID_basic_constraints, spec.ca ? "critical,CA:TRUE" : "critical,CA:FALSE");
  if (!spec.no_key_usage) {
    std::vector<std::string> ku = spec.key_usage ? *spec.key_usage
                                  : spec.ca ? std::vector<std::string>{"keyCertSign", "cRLSign"}
                                            : std::vector<std::string>{"digitalSignature"};
    if (!ku.empty()) add_ext(cert.get(), issuer_cert, NID_key_usage, "critical," + join(ku));
  }
  if (spec.eku && !spec.eku->empty()) add_ext(cert.get(), issuer_cert, NID_ext_key_usage, join(*spec.eku));
  add_ext(cert.get(), issuer_cert, NID_subject_key_identifier, "hash");
  if (issuer) add_ext(cert.get(), issuer_cert, NID_authority_key_identifier, "keyid:always");
  if (!spec.aia_ca_issuers.empty()) {
    std::vector<std::string> parts;
    for (const auto& u : spec.aia_ca_issuers) parts.push_back("caIssuers;URI:" + u);
    add_ext(cert.get(), issuer_cert, NID_info_access, join(parts));
  }
  std::vector<std::string> san;
  for (const auto& d : spec.dns) san.push_back("DNS:" + d);
  for (const auto& a : spec.ip) san.push_back("IP:" + a);
  if (!spec.email.empty()) san.push_back("email:" + spec.email);
  if (!spec.upn.empty()) san.push_back("otherName:1.3.6.1.4.1.311.20.2.3;UTF8:" + spec.upn);
  if (!san.empty()) add_ext(cert.get(), issuer_cert, NID_subject_alt_name, join(san));
  EVP_PKEY* signer = issuer ? issuer->key.get() : key.get();
  const int base_id = EVP_PKEY_get_base_id(signer);
  const EVP_MD* md = base_id == EVP_PKEY_ED25519 ? nullptr : spec.digest == Digest::sha1 ? EVP_sha1() : EVP_sha256();
  check(X509_sign(cert.get(), signer, md), "sign");
  return Issued{std::move(cert), std::move(key)};
}

Issued make_root(CertSpec spec) {
  tls::EvpPkeyPtr key = make_key(spec.key);
  return issue_with_key(nullptr, std::move(spec), std::move(key));
}

Issued issue(const Issued& issuer, CertSpec spec) {
  tls::EvpPkeyPtr key = make_key(spec.key);
  return issue_with_key(&issuer, std::move(spec), std::move(key));
}

tls::X509CrlPtr make_crl(const Issued& issuer, const std::vector<const X509*>& revoked, std::int64_t next_update) {
  tls::X509CrlPtr crl(X509_CRL_new());
  X509_CRL_set_version(crl.get(), 1);
  X509_CRL_set_issuer_name(crl.get(), X509_get_subject_name(issuer.cert.get()));
  time_t base = static_cast<time_t>(test_clock);
  ASN1_TIME* last = X509_time_adj_ex(nullptr, 0, -3600, &base);
  ASN1_TIME* next = X509_time_adj_ex(nullptr, 0, static_cast<long>(next_update), &base);
  X509_CRL_set1_lastUpdate(crl.get(), last);
  X509_CRL_set1_nextUpdate(crl.get(), next);
  for (const X509* c : revoked) {
    X509_REVOKED* r = X509_REVOKED_new();
    X509_REVOKED_set_serialNumber(r, const_cast<ASN1_INTEGER*>(X509_get0_serialNumber(c)));
    X509_REVOKED_set_revocationDate(r, last);
    ASN1_ENUMERATED* reason = ASN1_ENUMERATED_new();
    ASN1_ENUMERATED_set(reason, 1);  // keyCompromise
    X509_REVOKED_add1_ext_i2d(r, NID_crl_reason, reason, 0, 0);
    ASN1_ENUMERATED_free(reason);
    X509_CRL_add0_revoked(crl.get(), r);
  }
  ASN1_TIME_free(last);
  ASN1_TIME_free(next);
  X509_CRL_sort(crl.get());
  const EVP_MD* md = EVP_PKEY_get_base_id(issuer.key.get()) == EVP_PKEY_ED25519 ? nullptr : EVP_sha256();
  check(X509_CRL_sign(crl.get(), issuer.key.get(), md), "CRL sign");
  return crl;
}

namespace {
tls::BioPtr file_bio(const std::filesystem::path& path) {
  tls::BioPtr bio(BIO_new_file(path.c_str(), "wb"));
  if (!bio) die("open " + path.string());
  return bio;
}
}  // namespace

void write_pem(const std::filesystem::path& path, const std::vector<const X509*>& certs) {
  tls::BioPtr bio = file_bio(path);
  for (const X509* c : certs) check(PEM_write_bio_X509(bio.get(), c), "PEM write");
}

void write_der(const std::filesystem::path& path, const X509* cert) {
  tls::BioPtr bio = file_bio(path);
  check(i2d_X509_bio(bio.get(), cert), "DER write");
}

void write_p7b(const std::filesystem::path& path, const std::vector<const X509*>& certs, bool pem) {
  PKCS7* p7 = PKCS7_new();
  PKCS7_set_type(p7, NID_pkcs7_signed);
  PKCS7_content_new(p7, NID_pkcs7_data);
  for (const X509* c : certs) PKCS7_add_certificate(p7, const_cast<X509*>(c));
  tls::BioPtr bio = file_bio(path);
  check(pem ? PEM_write_bio_PKCS7(bio.get(), p7) : i2d_PKCS7_bio(bio.get(), p7), "PKCS#7 write");
  PKCS7_free(p7);
}

void write_pkcs12(const std::filesystem::path& path, const X509* cert, const EVP_PKEY* key, const std::vector<const X509*>& chain,
                  const std::string& password, Pkcs12Cipher cipher) {
  STACK_OF(X509)* ca = sk_X509_new_null();
  for (const X509* c : chain) sk_X509_push(ca, const_cast<X509*>(c));
  int nid_key = 0, nid_cert = 0;
  if (cipher != Pkcs12Cipher::modern) {
    // Legacy ciphers live in OpenSSL 3's legacy provider, as in old Windows exports.
    static OSSL_PROVIDER* legacy = OSSL_PROVIDER_load(nullptr, "legacy");
    static OSSL_PROVIDER* base = OSSL_PROVIDER_load(nullptr, "default");
    if (!legacy || !base) die("legacy provider");
    nid_key = NID_pbe_WithSHA1And3_Key_TripleDES_CBC;
    nid_cert = cipher == Pkcs12Cipher::rc2_40 ? NID_pbe_WithSHA1And40BitRC2_CBC : NID_pbe_WithSHA1And3_Key_TripleDES_CBC;
  }
  PKCS12* p12 = PKCS12_create(password.c_str(), "test", const_cast<EVP_PKEY*>(key), const_cast<X509*>(cert), ca, nid_key, nid_cert, 0, 0, 0);
  sk_X509_free(ca);
  if (!p12) die("PKCS12_create");
  tls::BioPtr bio = file_bio(path);
  check(i2d_PKCS12_bio(bio.get(), p12), "PKCS#12 write");
  PKCS12_free(p12);
}

void write_key(const std::filesystem::path& path, const EVP_PKEY* key, KeyFormat format, const std::string& password) {
  tls::BioPtr bio = file_bio(path);
  auto* k = const_cast<EVP_PKEY*>(key);
  const EVP_CIPHER* cipher = password.empty() ? nullptr : EVP_aes_256_cbc();
  auto* pw = password.empty() ? nullptr : const_cast<char*>(password.c_str());
  const int len = static_cast<int>(password.size());
  switch (format) {
    case KeyFormat::pem_pkcs8: check(PEM_write_bio_PKCS8PrivateKey(bio.get(), k, cipher, pw, len, nullptr, nullptr), "key write"); break;
    case KeyFormat::pem_traditional:
      check(PEM_write_bio_PrivateKey_traditional(bio.get(), k, cipher, reinterpret_cast<unsigned char*>(pw), len, nullptr, nullptr), "key write");
      break;
    case KeyFormat::der_pkcs8: check(i2d_PKCS8PrivateKey_bio(bio.get(), k, cipher, pw, len, nullptr, nullptr), "key write"); break;
    case KeyFormat::der_traditional: check(i2d_PrivateKey_bio(bio.get(), k), "key write"); break;
  }
}

void write_crl(const std::filesystem::path& path, const X509_CRL* crl) {
  tls::BioPtr bio = file_bio(path);
  check(PEM_write_bio_X509_CRL(bio.get(), const_cast<X509_CRL*>(crl)), "CRL write");
}

void write_text(const std::filesystem::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
}

TempDir::TempDir() {
  std::string pattern = (std::filesystem::temp_directory_path() / "mtls-test-XXXXXX").string();
  if (!::mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp");
  path_ = pattern;
}

TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

}  // namespace mtls::test
