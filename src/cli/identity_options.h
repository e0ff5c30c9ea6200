// SPDX-License-Identifier: Apache-2.0
// The client identity options every command that presents or inspects a client certificate takes:
// --cert/--key/--chain or --pfx, and the password sources. A password is never accepted as a
// command-line value: it would sit in shell history and `ps` output.
#pragma once

#include <string>

#include "tls/identity.h"

namespace CLI {
class App;
}

namespace mtls::cli {

struct IdentityOptions {
  tls::IdentitySpec spec;
  std::string password_file;
  std::string password_env;
  std::string refused_password;  ///< set if the user tried --password VALUE
};

void add_identity_options(CLI::App& app, IdentityOptions& options);

/// Empty when the options are usable; otherwise the one-line reason (e.g. --password given).
std::string identity_options_error(const IdentityOptions& options);

/// Reads the password when first needed: from --password-file, --password-env, or a no-echo
/// prompt when standard input is a terminal. Never from the command line.
tls::PasswordProvider password_provider(const IdentityOptions& options);

/// What the prompt says: the file the password opens (the PKCS#12 file, else the key, else the
/// PEM that holds the key with the certificate), "Password for 'client.pfx': ".
std::string password_prompt(const tls::IdentitySpec& spec);

}  // namespace mtls::cli
