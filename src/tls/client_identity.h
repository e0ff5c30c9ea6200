// SPDX-License-Identifier: Apache-2.0
// A loaded client identity with its OpenSSL objects; src/tls internal (the probe presents it).
#pragma once

#include <string>
#include <vector>

#include "core/expected.h"
#include "tls/identity.h"
#include "tls/openssl_ptr.h"

namespace mtls::tls {

struct ClientIdentity {
  X509Ptr certificate;          ///< the leaf
  std::vector<X509Ptr> chain;   ///< intermediates to send, in order
  EvpPkeyPtr key;               ///< may be null: an identity without its private key
  std::string key_file;         ///< the file the key was read from (or looked for in)
  bool pkcs12_legacy = false;   ///< the PKCS#12 needed OpenSSL's legacy provider (RC2/3DES)
};

/// Load an identity. --cert may be PEM (one or many certificates, optionally with the key), DER,
/// PKCS#7 or PKCS#12; --key PEM or DER, PKCS#1 or PKCS#8, encrypted or not; --pfx PKCS#12 (a
/// PKCS#12 holding only a certificate gives an identity without key; one holding only a key is
/// an error). Errors name the file and what was wrong ("client.key: wrong password");
/// they never contain key material or the password.
Expected<ClientIdentity> load_client_identity(const IdentitySpec& spec, const PasswordProvider& password);

}  // namespace mtls::tls
