// SPDX-License-Identifier: Apache-2.0
// A small HTTPS server that asks for (or refuses) client certificates the ways real servers do:
// in the handshake, by TLS 1.2 renegotiation after the request (IIS without Negotiate Client
// Certificate, Apache per-<Location>), by TLS 1.3 post-handshake authentication, or never. It is
// the reproduction server behind `mtls-doctor lab`; OpenSSL stays inside src/tls.
#pragma once

#include <atomic>
#include <chrono>
#include <functional>
#include <string>

#include "core/expected.h"

namespace mtls::tls {

enum class ClientAuthWhen { never, handshake, renegotiation, post_handshake };

struct LabServerConfig {
  std::string address = "127.0.0.1";  ///< loopback only
  int port = 0;                       ///< 0 = any free port
  std::string cert_file;              ///< server certificate chain (PEM)
  std::string key_file;
  std::string trust_file;             ///< CAs that verify client certificates (PEM)
  std::string ca_list_file;           ///< CAs named in the CertificateRequest; empty = an empty list
  ClientAuthWhen when = ClientAuthWhen::handshake;
  bool tls13 = true;                  ///< false: TLS 1.2 only (renegotiation needs it)
  std::chrono::seconds io_timeout{10};
  int max_connections = 0;            ///< stop after this many (0 = until `stop` is set)
};

/// Serve until `stop` becomes true or max_connections were served. `on_listening(port)` is called
/// once the socket listens. Connections are handled one at a time with deadlines on every read and
/// write; a misbehaving client costs at most io_timeout.
Expected<Done> run_lab_server(const LabServerConfig& config, const std::function<void(int)>& on_listening,
                              const std::atomic<bool>& stop);

}  // namespace mtls::tls
