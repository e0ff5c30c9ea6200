// SPDX-License-Identifier: Apache-2.0
#include "tls/lab_pki.h"

#include <fmt/format.h>
#include <openssl/pem.h>
#include <openssl/x509v3.h>
#include <sys/stat.h>

#include <cstdio>
#include <filesystem>
#include <vector>

#include "tls/openssl_error.h"
#include "tls/openssl_ptr.h"

namespace mtls::tls {
namespace {

struct Issued {
  X509Ptr certificate;
  EvpPkeyPtr key;
};

EvpPkeyPtr new_key() { return EvpPkeyPtr(EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256")); }

bool add_extension(X509* cert, X509* issuer, int nid, const char* value) {
  X509V3_CTX ctx;
  X509V3_set_ctx_nodb(&ctx);
  X509V3_set_ctx(&ctx, issuer, cert, nullptr, nullptr, 0);
  X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value);
  if (!ext) return false;
  const bool ok = X509_add_ext(cert, ext, -1) == 1;
  X509_EXTENSION_free(ext);
  return ok;
}

/// A certificate for `subject_cn` signed by `issuer` (or self-signed when issuer is null).
Expected<Issued> issue(const std::string& subject_cn, const Issued* issuer, bool ca, const char* eku,
                       const char* san, long serial, std::chrono::sys_seconds now) {
  Issued out{X509Ptr(X509_new()), new_key()};
  if (!out.certificate || !out.key) return unexpected("cannot create a key: " + take_openssl_error());
  X509* cert = out.certificate.get();
  X509_set_version(cert, 2);
  ASN1_INTEGER_set(X509_get_serialNumber(cert), serial);
  const time_t start = static_cast<time_t>(now.time_since_epoch().count()) - 86400;
  ASN1_TIME_set(X509_getm_notBefore(cert), start);
  ASN1_TIME_set(X509_getm_notAfter(cert), start + 31L * 86400);
  X509_NAME* name = X509_get_subject_name(cert);
  X509_NAME_add_entry_by_txt(name, "O", MBSTRING_UTF8, reinterpret_cast<const unsigned char*>("mtls-doctor lab"), -1, -1, 0);
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8, reinterpret_cast<const unsigned char*>(subject_cn.c_str()), -1, -1, 0);
  X509* issuer_cert = issuer ? issuer->certificate.get() : cert;
  EVP_PKEY* issuer_key = issuer ? issuer->key.get() : out.key.get();
  X509_set_issuer_name(cert, X509_get_subject_name(issuer_cert));
  X509_set_pubkey(cert, out.key.get());
  bool ok = add_extension(cert, issuer_cert, NID_basic_constraints, ca ? "critical,CA:TRUE" : "critical,CA:FALSE") &&
            add_extension(cert, issuer_cert, NID_key_usage,
                          ca ? "critical,keyCertSign,cRLSign" : "critical,digitalSignature") &&
            add_extension(cert, issuer_cert, NID_subject_key_identifier, "hash");
  if (ok && issuer) ok = add_extension(cert, issuer_cert, NID_authority_key_identifier, "keyid:always");
  if (ok && eku) ok = add_extension(cert, issuer_cert, NID_ext_key_usage, eku);
  if (ok && san) ok = add_extension(cert, issuer_cert, NID_subject_alt_name, san);
  if (!ok || X509_sign(cert, issuer_key, EVP_sha256()) == 0) {
    return unexpected("cannot sign a lab certificate: " + take_openssl_error());
  }
  return out;
}

Expected<Done> write_pem(const std::string& path, const std::vector<const X509*>& certs, EVP_PKEY* key) {
  // Keys are written 0600 from the start: never a window where others can read them.
  const mode_t old_mask = ::umask(key ? 077 : 022);
  FILE* f = std::fopen(path.c_str(), "w");
  ::umask(old_mask);
  if (!f) return unexpected(fmt::format("cannot write '{}'", path));
  bool ok = true;
  for (const X509* c : certs) ok = ok && PEM_write_X509(f, c) == 1;
  if (key) ok = ok && PEM_write_PrivateKey(f, key, nullptr, nullptr, 0, nullptr, nullptr) == 1;
  ok = (std::fclose(f) == 0) && ok;
  if (!ok) return unexpected(fmt::format("cannot write '{}'", path));
  return Done{};
}

}  // namespace

Expected<LabPkiFiles> write_lab_pki(const std::string& dir, std::chrono::sys_seconds now) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) return unexpected(fmt::format("cannot create '{}': {}", dir, ec.message()));
  auto client_ca = issue("Lab Client CA", nullptr, true, nullptr, nullptr, 1, now);
  auto server_ca = issue("Lab Server CA", nullptr, true, nullptr, nullptr, 2, now);
  auto other_ca = issue("Lab Other CA", nullptr, true, nullptr, nullptr, 3, now);
  if (!client_ca || !server_ca || !other_ca) return unexpected("cannot create the lab CAs: " + take_openssl_error());
  auto client = issue("lab-client", &*client_ca, false, "clientAuth", "email:client@lab.invalid", 10, now);
  auto server = issue("localhost", &*server_ca, false, "serverAuth", "DNS:localhost,IP:127.0.0.1,IP:::1", 11, now);
  if (!client) return unexpected(client.error());
  if (!server) return unexpected(server.error());

  const std::filesystem::path d(dir);
  LabPkiFiles files{(d / "client-ca.pem").string(), (d / "client.pem").string(), (d / "client.key").string(),
                    (d / "server.pem").string(),    (d / "server.key").string(), (d / "server-ca.pem").string(),
                    (d / "other-ca.pem").string()};
  for (auto [path, cert] : {std::pair{files.client_ca, client_ca->certificate.get()},
                            std::pair{files.client_cert, client->certificate.get()},
                            std::pair{files.server_ca, server_ca->certificate.get()},
                            std::pair{files.other_ca, other_ca->certificate.get()}}) {
    if (auto w = write_pem(path, {cert}, nullptr); !w) return unexpected(w.error());
  }
  if (auto w = write_pem(files.server_cert, {server->certificate.get(), server_ca->certificate.get()}, nullptr); !w)
    return unexpected(w.error());
  if (auto w = write_pem(files.client_key, {}, client->key.get()); !w) return unexpected(w.error());
  if (auto w = write_pem(files.server_key, {}, server->key.get()); !w) return unexpected(w.error());
  return files;
}

}  // namespace mtls::tls
