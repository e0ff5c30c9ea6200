// SPDX-License-Identifier: Apache-2.0
#include "tls/lab_pki.h"

#include <fmt/format.h>
#include <openssl/bn.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/x509v3.h>
#include <sys/stat.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <optional>
#include <filesystem>
#include <vector>

#include "core/input_file.h"
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

/// A fresh serial: 63 random bits, so a certificate made again never repeats an old one's serial
/// under the same issuer (RFC 5280 §4.1.2.2: unique per CA).
bool set_random_serial(X509* cert) {
  BIGNUM* bn = BN_new();
  bool ok = bn && BN_rand(bn, 63, BN_RAND_TOP_ANY, BN_RAND_BOTTOM_ANY) == 1 &&
            BN_to_ASN1_INTEGER(bn, X509_get_serialNumber(cert)) != nullptr;
  BN_free(bn);
  return ok;
}

struct Validity {
  time_t not_before;
  time_t not_after;
};

Validity usual_validity(std::chrono::sys_seconds now) {
  const time_t start = static_cast<time_t>(now.time_since_epoch().count()) - 86400;
  return {start, start + 31L * 86400};
}

/// A certificate for `subject_cn` signed by `issuer` (or self-signed when issuer is null).
Expected<Issued> issue(const std::string& subject_cn, const Issued* issuer, bool ca,
                       const char* eku, const char* san, Validity validity) {
  Issued out{X509Ptr(X509_new()), new_key()};
  if (!out.certificate || !out.key)
    return unexpected("cannot create a key: " + take_openssl_error());
  X509* cert = out.certificate.get();
  X509_set_version(cert, 2);
  if (!set_random_serial(cert))
    return unexpected("cannot make a serial number: " + take_openssl_error());
  ASN1_TIME_set(X509_getm_notBefore(cert), validity.not_before);
  ASN1_TIME_set(X509_getm_notAfter(cert), validity.not_after);
  X509_NAME* name = X509_get_subject_name(cert);
  X509_NAME_add_entry_by_txt(name, "O", MBSTRING_UTF8,
                             reinterpret_cast<const unsigned char*>("mtls-doctor lab"), -1, -1, 0);
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8,
                             reinterpret_cast<const unsigned char*>(subject_cn.c_str()), -1, -1, 0);
  X509* issuer_cert = issuer ? issuer->certificate.get() : cert;
  EVP_PKEY* issuer_key = issuer ? issuer->key.get() : out.key.get();
  X509_set_issuer_name(cert, X509_get_subject_name(issuer_cert));
  X509_set_pubkey(cert, out.key.get());
  bool ok = add_extension(cert, issuer_cert, NID_basic_constraints,
                          ca ? "critical,CA:TRUE" : "critical,CA:FALSE") &&
            add_extension(cert, issuer_cert, NID_key_usage,
                          ca ? "critical,keyCertSign,cRLSign" : "critical,digitalSignature") &&
            add_extension(cert, issuer_cert, NID_subject_key_identifier, "hash");
  if (ok && issuer)
    ok = add_extension(cert, issuer_cert, NID_authority_key_identifier, "keyid:always");
  if (ok && eku) ok = add_extension(cert, issuer_cert, NID_ext_key_usage, eku);
  if (ok && san) ok = add_extension(cert, issuer_cert, NID_subject_alt_name, san);
  if (!ok || X509_sign(cert, issuer_key, EVP_sha256()) == 0) {
    return unexpected("cannot sign a lab certificate: " + take_openssl_error());
  }
  return out;
}

Expected<Done> write_pem(const std::string& path, const std::vector<const X509*>& certs,
                         EVP_PKEY* key) {
  // Keys are written 0600 from the start: never a window where others can read them.
  // A kept file keeps its mode when rewritten, so a key file is removed first.
  if (key) std::remove(path.c_str());
  const mode_t old_mask = ::umask(key ? 077 : 022);
  FILE* f = std::fopen(path.c_str(), "w");
  ::umask(old_mask);
  if (!f) return unexpected(file_error(path, "cannot write", std::strerror(errno)));
  bool ok = true;
  for (const X509* c : certs) ok = ok && PEM_write_X509(f, c) == 1;
  if (key) ok = ok && PEM_write_PrivateKey(f, key, nullptr, nullptr, 0, nullptr, nullptr) == 1;
  ok = (std::fclose(f) == 0) && ok;
  if (!ok) return unexpected(file_error(path, "cannot write", std::strerror(errno)));
  return Done{};
}

/// Whether `path` may be read back (and later replaced): missing is fine, a regular file is; a
/// folder, a FIFO (fopen would wait for a writer forever) or a device in its place is an error.
Expected<Done> plain_or_missing(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0 && errno == ENOENT) return Done{};
  if (auto ok = check_input_file(path, {}, true); !ok) return unexpected(ok.error());
  return Done{};
}

/// A certificate and its key read back from the folder, or nothing when either is missing or
/// unreadable (then both are made again).
std::optional<Issued> load(const std::string& cert_path, const std::string& key_path) {
  FILE* cf = std::fopen(cert_path.c_str(), "r");
  if (!cf) return std::nullopt;
  X509Ptr cert(PEM_read_X509(cf, nullptr, nullptr, nullptr));
  std::fclose(cf);
  FILE* kf = std::fopen(key_path.c_str(), "r");
  if (!kf) return std::nullopt;
  EvpPkeyPtr key(PEM_read_PrivateKey(kf, nullptr, nullptr, nullptr));
  std::fclose(kf);
  ERR_clear_error();
  if (!cert || !key || X509_check_private_key(cert.get(), key.get()) != 1) {
    ERR_clear_error();
    return std::nullopt;
  }
  return Issued{std::move(cert), std::move(key)};
}

enum class Wanted { current, expired };

/// Whether a kept certificate still serves: issued by `issuer` (its signature verifies with the
/// issuer's key), and valid at `now` (or already expired, for the expired identity).
bool usable(const Issued& item, const Issued* issuer, std::chrono::sys_seconds now, Wanted wanted) {
  X509* cert = item.certificate.get();
  X509* issuer_cert = issuer ? issuer->certificate.get() : cert;
  EVP_PKEY* issuer_key = issuer ? issuer->key.get() : item.key.get();
  const bool signed_by =
      X509_check_issued(issuer_cert, cert) == X509_V_OK && X509_verify(cert, issuer_key) == 1;
  ERR_clear_error();
  if (!signed_by) return false;
  time_t t = static_cast<time_t>(now.time_since_epoch().count());
  const bool started = X509_cmp_time(X509_get0_notBefore(cert), &t) < 0;
  const bool ended = X509_cmp_time(X509_get0_notAfter(cert), &t) < 0;
  return wanted == Wanted::current ? started && !ended : ended;
}

std::string sha1_hex(X509* cert) {
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  if (X509_digest(cert, EVP_sha1(), md, &len) != 1) return {};
  std::string out;
  for (unsigned int i = 0; i < len; ++i) out += fmt::format("{:02x}", md[i]);
  return out;
}

struct Slot {
  std::string cert_path;
  std::string key_path;
  std::optional<Issued> item;
  bool made = false;
};

}  // namespace

Expected<LabPkiFiles> write_lab_pki(const std::string& dir, std::chrono::sys_seconds now) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) return unexpected(file_error(dir, "cannot create the folder", ec.message()));
  const std::filesystem::path d(dir);
  for (const char* name : {"client-ca", "server-ca", "other-ca", "client", "server", "client-expired"}) {
    for (const char* extension : {".pem", ".key"}) {
      if (auto ok = plain_or_missing((d / (std::string(name) + extension)).string()); !ok) return unexpected(ok.error());
    }
  }
  if (auto ok = plain_or_missing((d / "root-store.pem").string()); !ok) return unexpected(ok.error());
  auto slot = [&](const char* name) {
    Slot s{(d / (std::string(name) + ".pem")).string(),
           (d / (std::string(name) + ".key")).string(),
           {},
           false};
    s.item = load(s.cert_path, s.key_path);
    return s;
  };
  Slot client_ca = slot("client-ca");
  Slot server_ca = slot("server-ca");
  Slot other_ca = slot("other-ca");
  Slot client = slot("client");
  Slot server = slot("server");
  Slot expired = slot("client-expired");

  // Keep what still serves, make the rest: a new CA makes everything it issued new too.
  auto ensure = [&](Slot& s, const Slot* issuer, Wanted wanted, const std::string& cn,
                    const char* eku, const char* san) -> Expected<Done> {
    const Issued* by = issuer ? &*issuer->item : nullptr;
    if (s.item && usable(*s.item, by, now, wanted)) return Done{};
    Validity v = usual_validity(now);
    if (wanted == Wanted::expired) {
      const time_t t = static_cast<time_t>(now.time_since_epoch().count());
      v = {t - 60L * 86400, t - 30L * 86400};
    }
    auto made = issue(cn, by, issuer == nullptr, eku, san, v);
    if (!made) return unexpected(made.error());
    s.item = std::move(*made);
    s.made = true;
    return Done{};
  };
  for (auto [s, cn] :
       {std::pair{&client_ca, "Lab Client CA"}, std::pair{&server_ca, "Lab Server CA"},
        std::pair{&other_ca, "Lab Other CA"}}) {
    if (auto ok = ensure(*s, nullptr, Wanted::current, cn, nullptr, nullptr); !ok)
      return unexpected(ok.error());
  }
  if (auto ok = ensure(client, &client_ca, Wanted::current, "lab-client", "clientAuth",
                       "email:client@lab.invalid");
      !ok)
    return unexpected(ok.error());
  if (auto ok = ensure(expired, &client_ca, Wanted::expired, "lab-client-expired", "clientAuth",
                       "email:expired@lab.invalid");
      !ok)
    return unexpected(ok.error());
  if (auto ok = ensure(server, &server_ca, Wanted::current, "localhost", "serverAuth",
                       "DNS:localhost,IP:127.0.0.1,IP:::1");
      !ok)
    return unexpected(ok.error());

  LabPkiFiles files{client_ca.cert_path,
                    client.cert_path,
                    client.key_path,
                    server.cert_path,
                    server.key_path,
                    server_ca.cert_path,
                    other_ca.cert_path,
                    expired.cert_path,
                    expired.key_path,
                    (d / "root-store.pem").string(),
                    sha1_hex(server.item->certificate.get()),
                    {}};
  auto write = [&](const std::string& path, const std::vector<const X509*>& certs,
                   EVP_PKEY* key) -> Expected<Done> {
    if (auto w = write_pem(path, certs, key); !w) return w;
    files.made.push_back(path);
    return Done{};
  };
  for (Slot* s : {&client_ca, &server_ca, &other_ca, &client, &expired, &server}) {
    if (!s->made) continue;
    std::vector<const X509*> certs{s->item->certificate.get()};
    // The server sends its CA after its leaf, as a server configured with a full chain does.
    if (s == &server) certs.push_back(server_ca.item->certificate.get());
    if (auto w = write(s->cert_path, certs, nullptr); !w) return unexpected(w.error());
    if (auto w = write(s->key_path, {}, s->item->key.get()); !w) return unexpected(w.error());
  }
  if (client_ca.made || server_ca.made || other_ca.made ||
      !std::filesystem::exists(files.root_store)) {
    if (auto w = write(files.root_store,
                       {client_ca.item->certificate.get(), server_ca.item->certificate.get(),
                        other_ca.item->certificate.get()},
                       nullptr);
        !w)
      return unexpected(w.error());
  }
  return files;
}

}  // namespace mtls::tls
