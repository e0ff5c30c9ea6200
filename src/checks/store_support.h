// SPDX-License-Identifier: Apache-2.0
// Where a trust store given to `store` came from, so a remedy speaks that platform's tools: a
// directory or PEM bundle is an OpenSSL store (Linux: update-ca-certificates on Debian and Ubuntu,
// p11-kit's trust and update-ca-trust on Fedora and RHEL; nginx and Apache read such files); a
// DER, PKCS#7 (.p7b, .sst) or PKCS#12 file is what certutil and the certificate MMC export.
#pragma once

#include <algorithm>
#include <cctype>
#include <string>

#include "core/evidence/certificates.h"

namespace mtls::checks::store_support {

enum class StorePlatform { openssl_directory, openssl_bundle, windows_export };

inline StorePlatform platform_of(const StoreFacts& store) {
  // The collection knows a store exported from a Windows machine store (a bundle's stores/Root/
  // folder of .cer files), whatever shape the files have on this machine.
  if (!store.windows_store.empty()) return StorePlatform::windows_export;
  // A directory store names each certificate by its own file inside it.
  for (const CertificateFacts& c : store.certificates) {
    if (!c.origin.file.empty() && c.origin.file != store.source)
      return StorePlatform::openssl_directory;
  }
  std::string ext;
  const auto dot = store.source.rfind('.');
  if (dot != std::string::npos && store.source.find('/', dot) == std::string::npos)
    ext = store.source.substr(dot + 1);
  std::transform(ext.begin(), ext.end(), ext.begin(),
                 [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
  for (const char* windows : {"sst", "p7b", "p7c", "pfx", "p12", "cer", "der"}) {
    if (ext == windows) return StorePlatform::windows_export;
  }
  return StorePlatform::openssl_bundle;
}

}  // namespace mtls::checks::store_support
