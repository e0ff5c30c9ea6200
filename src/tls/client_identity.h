// SPDX-License-Identifier: Apache-2.0
// A loaded client identity with its OpenSSL objects; src/tls internal (the probe presents it).
#pragma once

#include <vector>

#include "core/expected.h"
#include "tls/identity.h"
#include "tls/openssl_ptr.h"

namespace mtls::tls {

struct ClientIdentity {
  X509Ptr certificate;          ///< the leaf
  std::vector<X509Ptr> chain;   ///< intermediates to send, in order
  EvpPkeyPtr key;               ///< may be null: an identity without its private key
};

/// Load an identity. Errors name the file and what was wrong ("client.key: wrong password");
/// they never contain key material or the password.
Expected<ClientIdentity> load_client_identity(const IdentitySpec& spec, const PasswordProvider& password);

}  // namespace mtls::tls
