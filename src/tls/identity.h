// SPDX-License-Identifier: Apache-2.0
// The client identity a user names on the command line (--cert FILE [--key FILE]
// [--chain FILE] or --pfx FILE), without OpenSSL types, so src/cli can describe it.
#pragma once

#include <functional>
#include <string>

#include "core/expected.h"
#include "core/secret.h"

namespace mtls::tls {

struct IdentitySpec {
  std::string cert_file;   ///< PEM or DER; PEM may also hold the chain and the key
  std::string key_file;    ///< PEM or DER, PKCS#1 or PKCS#8, encrypted or not
  std::string chain_file;  ///< intermediates the client sends
  std::string pfx_file;    ///< PKCS#12 (.pfx/.p12)

  [[nodiscard]] bool empty() const { return cert_file.empty() && pfx_file.empty(); }
};

/// Called at most once, and only when an encrypted key or a PKCS#12 file needs a password
/// (--password-file, --password-env or a no-echo prompt; never a command-line value).
using PasswordProvider = std::function<Expected<Secret>()>;

}  // namespace mtls::tls
