// SPDX-License-Identifier: Apache-2.0
#include "tls/trust_store.h"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>
#include <system_error>

#include "core/input_file.h"
#include "tls/cert_facts.h"
#include "tls/cert_file.h"

namespace mtls::tls {
namespace {

Expected<Done> load_file(const std::string& path, const std::string& shown, const PasswordProvider* password, LoadedStore& out) {
  auto data = read_input_file(path);
  if (!data) return unexpected(data.error());
  auto loaded = parse_certificates(*data, shown, password, false);
  if (!loaded) return unexpected(loaded.error());
  std::size_t index = 0;
  const bool many = loaded->certificates.size() > 1;
  for (X509Ptr& c : loaded->certificates) {
    ++index;
    EvidenceRef origin = at_input("store", many ? fmt::format("{}#{}", shown, index) : shown,
                                  std::string(to_string(loaded->format)));
    origin.file = shown;
    out.certificates.push_back({std::move(c), std::move(origin)});
    if (out.certificates.size() > max_store_certificates) {
      return unexpected(file_error(out.source, fmt::format("more than {} certificates", max_store_certificates)));
    }
  }
  return Done{};
}

}  // namespace

Expected<LoadedStore> load_store(const std::string& path, const PasswordProvider* password) {
  LoadedStore out;
  out.source = path;
  std::error_code ec;
  const auto status = std::filesystem::status(path, ec);
  if (ec) return unexpected(file_error(path, "cannot read", ec.message()));
  if (!std::filesystem::is_directory(status)) {
    auto done = load_file(path, path, password, out);
    if (!done) return unexpected(done.error());
    return out;
  }
  // A directory: every regular file (or symlink to one), in name order, each real file once —
  // an OpenSSL hashed directory links HASH.0 to the certificate file beside it.
  std::vector<std::filesystem::path> entries;
  for (auto it = std::filesystem::directory_iterator(path, ec); !ec && it != std::filesystem::directory_iterator(); it.increment(ec)) {
    entries.push_back(it->path());
    if (entries.size() > max_store_files) {
      return unexpected(file_error(path, "too many files", fmt::format("more than {} in one store folder", max_store_files)));
    }
  }
  if (ec) return unexpected(file_error(path, "cannot read", ec.message()));
  std::sort(entries.begin(), entries.end());
  // Read real files before symlinks so a certificate is named by its own file, not its hash link.
  std::stable_partition(entries.begin(), entries.end(), [](const auto& p) { return !std::filesystem::is_symlink(p); });
  std::set<std::filesystem::path> seen;
  for (const auto& entry : entries) {
    std::error_code e2;
    if (!std::filesystem::is_regular_file(entry, e2)) continue;
    const auto real = std::filesystem::canonical(entry, e2);
    if (e2 || !seen.insert(real).second) continue;
    const std::string shown = entry.string();
    auto done = load_file(shown, shown, password, out);
    if (!done) out.skipped.push_back(done.error().to_string());
  }
  if (out.certificates.empty()) {
    return unexpected(file_error(path, "holds no certificate",
                                 out.skipped.empty() ? std::string("an empty folder")
                                                     : fmt::format("{} file(s) not read; the first: {}", out.skipped.size(),
                                                                   out.skipped.front())));
  }
  return out;
}

std::size_t ca_names_bytes(const std::vector<std::size_t>& der_sizes) {
  std::size_t total = 0;
  for (std::size_t n : der_sizes) total += 2 + n;
  return total;
}

StoreFacts store_facts(const LoadedStore& store, StoreRole role) {
  StoreFacts facts;
  facts.source = store.source;
  facts.role = role;
  facts.skipped = store.skipped;
  std::map<std::string, std::size_t> first_by_sha256;
  std::set<std::string> names;
  std::vector<std::size_t> sizes;
  for (const StoreCertificate& sc : store.certificates) {
    CertificateFacts f = certificate_facts(sc.certificate.get(), CertificateRole::intermediate, sc.origin);
    f.role = f.self_signed ? CertificateRole::root : CertificateRole::intermediate;
    const std::size_t index = facts.certificates.size();
    auto [it, inserted] = first_by_sha256.emplace(f.sha256, index);
    if (!inserted) facts.duplicates.emplace_back(it->second, index);
    // The CA names list holds each distinct subject once (OpenSSL SSL_load_client_CA_file
    // and Schannel's trusted issuer list both drop repeats).
    if (names.insert(f.subject_name.der_hex).second) sizes.push_back(f.subject_name.der_hex.size() / 2);
    facts.certificates.push_back(std::move(f));
  }
  facts.ca_names_count = sizes.size();
  facts.ca_names_bytes = ca_names_bytes(sizes);
  return facts;
}

}  // namespace mtls::tls
