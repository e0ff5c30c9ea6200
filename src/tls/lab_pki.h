// SPDX-License-Identifier: Apache-2.0
// The lab's own small PKI, made at test or lab time (never shipped keys): a client CA, a client
// certificate it issued (clientAuth), an expired client certificate from the same CA, a server
// certificate for 127.0.0.1/localhost, and an unrelated CA for the scenarios whose server trusts
// someone else. A folder that already holds a usable PKI is kept: only what is missing, expired,
// unreadable or no longer issued by its CA is made again.
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "core/expected.h"

namespace mtls::tls {

struct LabPkiFiles {
  std::string client_ca;    ///< PEM: the CA that issued the client certificate
  std::string client_cert;  ///< PEM: the client certificate
  std::string client_key;   ///< PEM: its private key (unencrypted, mode 0600)
  std::string server_cert;  ///< PEM: server certificate followed by the server CA
  std::string server_key;   ///< PEM
  std::string server_ca;    ///< PEM: the CA that issued the server certificate (for --ca)
  std::string other_ca;     ///< PEM: a CA that issued nothing the client holds
  std::string
      expired_client_cert;  ///< PEM: a client certificate of the client CA, expired 30 days ago
  std::string expired_client_key;  ///< PEM: its private key (mode 0600)
  std::string
      root_store;  ///< PEM: every lab CA, what a Windows Trusted Root store of the lab holds
  std::string server_sha1;  ///< the server certificate's SHA-1 thumbprint (lowercase hex), as netsh
                            ///< shows it
  std::vector<std::string> made;  ///< the files written by this call (the others were kept)
};

/// Make or keep the PKI in `dir` (created if missing). New certificates are valid from `now` - 1
/// day for 30 days (the expired client one from `now` - 60 days to `now` - 30 days).
Expected<LabPkiFiles> write_lab_pki(const std::string& dir, std::chrono::sys_seconds now);

}  // namespace mtls::tls
