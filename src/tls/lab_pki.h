// SPDX-License-Identifier: Apache-2.0
// The lab's own small PKI, made fresh at every start (never shipped keys): a client CA, a client
// certificate it issued (clientAuth), a server certificate for 127.0.0.1/localhost, and an
// unrelated CA for the scenarios whose server trusts someone else.
#pragma once

#include <chrono>
#include <string>

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
};

/// Generate the PKI into `dir` (created if missing), valid from `now` - 1 day for 30 days.
Expected<LabPkiFiles> write_lab_pki(const std::string& dir, std::chrono::sys_seconds now);

}  // namespace mtls::tls
