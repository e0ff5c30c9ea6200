// SPDX-License-Identifier: Apache-2.0
#include "support/probe_pki.h"

#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509v3.h>

#include <cstdio>
#include <fstream>
#include <memory>
#include <stdexcept>

namespace mtls::testing {
namespace {

struct Issued {
  std::unique_ptr<X509, decltype(&X509_free)> cert{nullptr, X509_free};
  std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key{nullptr, EVP_PKEY_free};
};

void add_ext(X509* cert, X509* issuer, int nid, const char* value) {
  X509V3_CTX ctx;
  X509V3_set_ctx_nodb(&ctx);
  X509V3_set_ctx(&ctx, issuer, cert, nullptr, nullptr, 0);
  X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value);
  if (!ext) throw std::runtime_error("test PKI: bad extension");
  X509_add_ext(cert, ext, -1);
  X509_EXTENSION_free(ext);
}

Issued issue(const char* cn, const Issued* issuer, bool ca, const char* eku, const char* san, long from_days, long to_days,
             long serial) {
  Issued out;
  out.key.reset(EVP_EC_gen("P-256"));
  out.cert.reset(X509_new());
  if (!out.key || !out.cert) throw std::runtime_error("test PKI: OpenSSL allocation");
  X509* c = out.cert.get();
  X509_set_version(c, 2);
  ASN1_INTEGER_set(X509_get_serialNumber(c), serial);
  X509_gmtime_adj(X509_getm_notBefore(c), from_days * 86400);
  X509_gmtime_adj(X509_getm_notAfter(c), to_days * 86400);
  X509_NAME* name = X509_get_subject_name(c);
  X509_NAME_add_entry_by_txt(name, "O", MBSTRING_ASC, reinterpret_cast<const unsigned char*>("mtls-doctor tests"), -1, -1, 0);
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, reinterpret_cast<const unsigned char*>(cn), -1, -1, 0);
  X509_set_issuer_name(c, issuer ? X509_get_subject_name(issuer->cert.get()) : name);
  X509_set_pubkey(c, out.key.get());
  X509* signer = issuer ? issuer->cert.get() : c;
  add_ext(c, signer, NID_subject_key_identifier, "hash");
  if (issuer) add_ext(c, signer, NID_authority_key_identifier, "keyid");
  if (ca) {
    add_ext(c, signer, NID_basic_constraints, "critical,CA:TRUE");
    add_ext(c, signer, NID_key_usage, "critical,keyCertSign,cRLSign");
  } else {
    add_ext(c, signer, NID_key_usage, "critical,digitalSignature");
    if (eku) add_ext(c, signer, NID_ext_key_usage, eku);
    if (san) add_ext(c, signer, NID_subject_alt_name, san);
  }
  if (X509_sign(c, issuer ? issuer->key.get() : out.key.get(), EVP_sha256()) == 0) throw std::runtime_error("test PKI: sign");
  return out;
}

void write(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  if (!out) throw std::runtime_error("test PKI: cannot write " + path);
}

std::string pem(X509* cert) {
  std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new(BIO_s_mem()), BIO_free);
  PEM_write_bio_X509(bio.get(), cert);
  char* data = nullptr;
  const long n = BIO_get_mem_data(bio.get(), &data);
  return std::string(data, static_cast<std::size_t>(n));
}

std::string pem(EVP_PKEY* key) {
  std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new(BIO_s_mem()), BIO_free);
  PEM_write_bio_PrivateKey(bio.get(), key, nullptr, nullptr, 0, nullptr, nullptr);
  char* data = nullptr;
  const long n = BIO_get_mem_data(bio.get(), &data);
  return std::string(data, static_cast<std::size_t>(n));
}

}  // namespace

ProbePki make_probe_pki(const std::string& dir) {
  ProbePki p;
  p.dir = dir;
  const Issued root = issue("Probe Test Root", nullptr, true, nullptr, nullptr, -1, 30, 1);
  const Issued inter = issue("Probe Test Intermediate", &root, true, nullptr, nullptr, -1, 30, 2);
  const Issued other = issue("Unrelated Test CA", nullptr, true, nullptr, nullptr, -1, 30, 3);
  const Issued server = issue("localhost", &inter, false, "serverAuth", "DNS:localhost,IP:127.0.0.1", -1, 30, 4);
  const Issued client = issue("Probe Test Client", &inter, false, "clientAuth", nullptr, -1, 30, 5);
  const Issued expired = issue("Probe Expired Client", &inter, false, "clientAuth", nullptr, -30, -1, 6);
  const Issued wrong = issue("Probe Server-EKU Client", &inter, false, "serverAuth", nullptr, -1, 30, 7);
  auto put = [&](const std::string& name, const std::string& text) {
    write(dir + "/" + name, text);
    return dir + "/" + name;
  };
  p.root = put("root.pem", pem(root.cert.get()));
  p.intermediate = put("intermediate.pem", pem(inter.cert.get()));
  p.other_ca = put("other-ca.pem", pem(other.cert.get()));
  p.chain = put("chain.pem", pem(inter.cert.get()) + pem(root.cert.get()));
  p.server_cert = put("server.pem", pem(server.cert.get()) + pem(inter.cert.get()));
  p.server_key = put("server.key", pem(server.key.get()));
  p.client_cert = put("client.pem", pem(client.cert.get()));
  p.client_key = put("client.key", pem(client.key.get()));
  p.expired_cert = put("expired.pem", pem(expired.cert.get()));
  p.expired_key = put("expired.key", pem(expired.key.get()));
  p.server_eku_cert = put("server-eku.pem", pem(wrong.cert.get()));
  p.server_eku_key = put("server-eku.key", pem(wrong.key.get()));
  return p;
}

}  // namespace mtls::testing
