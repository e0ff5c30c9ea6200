// SPDX-License-Identifier: Apache-2.0
#include "tls/probe_trust.h"

#include <fmt/format.h>
#include <openssl/err.h>
#include <openssl/x509_vfy.h>

#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <system_error>
#include <tuple>

#include "tls/openssl_error.h"

namespace mtls::tls {
namespace {

/// What identifies one loaded version of a source: a `--ca` file rewritten between two probes of
/// one process (tests do) is read again.
using SourceKey = std::tuple<std::string, std::uintmax_t, std::filesystem::file_time_type>;

SourceKey key_of(const std::string& ca_file) {
  if (ca_file.empty()) return {};
  std::error_code ec;
  const auto size = std::filesystem::file_size(ca_file, ec);
  const auto mtime = std::filesystem::last_write_time(ca_file, ec);
  return {ca_file, ec ? 0 : size, ec ? std::filesystem::file_time_type{} : mtime};
}

struct Cache {
  std::mutex mutex;
  std::map<SourceKey, std::unique_ptr<ProbeTrust>> loaded;
};

Cache& cache() {
  static Cache c;
  return c;
}

}  // namespace

const ProbeTrust& probe_trust(const std::string& ca_file) {
  const SourceKey key = key_of(ca_file);
  Cache& c = cache();
  std::lock_guard lock(c.mutex);
  if (auto it = c.loaded.find(key); it != c.loaded.end()) return *it->second;
  auto trust = std::make_unique<ProbeTrust>();
  X509_STORE* store = (trust->store = X509StorePtr(X509_STORE_new())).get();
  if (!store) {
    trust->error = "OpenSSL: " + take_openssl_error();
  } else if (ca_file.empty()) {
    // What SSL_CTX_set_default_verify_paths loads: OPENSSL_DIR's cert.pem and certs/ (or
    // SSL_CERT_FILE / SSL_CERT_DIR). Missing defaults are not an error there either.
    X509_STORE_set_default_paths(store);
    ERR_clear_error();
  } else if (X509_STORE_load_file(store, ca_file.c_str()) != 1) {
    trust->error = fmt::format("cannot read --ca {}: {}", ca_file, take_openssl_error());
  }
  return *c.loaded.emplace(key, std::move(trust)).first->second;
}

}  // namespace mtls::tls
