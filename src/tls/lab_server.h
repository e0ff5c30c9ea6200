// SPDX-License-Identifier: Apache-2.0
// A small HTTPS server that asks for (or refuses) client certificates the ways real servers do:
// in the handshake, by TLS 1.2 renegotiation after the request (IIS without Negotiate Client
// Certificate, Apache per-<Location>), by TLS 1.3 post-handshake authentication, or never; with
// a second binding for clients that send SNI (IIS hostname:port beside IP:port), HTTP/2 that
// answers a late certificate request with HTTP_1_1_REQUIRED (as http.sys does), and IIS's own
// 403.x answers. It is the reproduction server behind `mtls-doctor lab`; OpenSSL and nghttp2
// stay inside src/tls.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "core/expected.h"

namespace mtls::tls {

enum class ClientAuthWhen { never, handshake, renegotiation, post_handshake };

/// What one binding (IP:port, or hostname:port for clients that send its name) does.
struct LabBinding {
  std::vector<std::string>
      ca_list_files;  ///< CAs named in the CertificateRequest; none = an empty list
  /// Answer 403.7 with win32 status 5 (ERROR_ACCESS_DENIED) even to a verified certificate:
  /// what IIS does when ClientAuthTrustMode needs a CTL store the binding does not name.
  bool ctl_access_denied = false;
};

/// One request the lab answered, with what IIS would log for it (W3C sc-status, sc-substatus,
/// sc-win32-status).
struct LabRequest {
  std::string method;
  std::string uri_stem;
  std::string uri_query;
  std::string user_agent;
  std::string client_ip;
  std::string server_ip;
  int server_port = 0;
  int status = 0;
  int substatus = 0;
  std::uint32_t win32_status = 0;
  long time_taken_ms = 0;
};

struct LabServerConfig {
  std::string address = "127.0.0.1";  ///< loopback only
  int port = 0;                       ///< 0 = any free port
  std::string cert_file;              ///< server certificate chain (PEM)
  std::string key_file;
  std::string trust_file;  ///< CAs that verify client certificates (PEM)
  LabBinding ip_binding;   ///< clients without SNI (or with another name)
  std::string sni_host;    ///< clients sending this name get sni_binding; empty = one binding
  LabBinding sni_binding;
  ClientAuthWhen when = ClientAuthWhen::handshake;
  bool tls13 = true;   ///< false: TLS 1.2 only (renegotiation needs it)
  bool http2 = false;  ///< select h2 by ALPN when the client offers it
  /// Answer like IIS: a missing, untrusted or expired certificate never fails the handshake; the
  /// request gets 403.7, 403.16 or 403.17. Otherwise the handshake refuses with an alert.
  bool iis_answers = false;
  std::chrono::seconds io_timeout{10};
  int max_connections = 0;  ///< stop after this many (0 = until `stop` is set)
  std::function<void(const LabRequest&)>
      on_request;  ///< called once per request answered or aborted
};

/// Serve until `stop` becomes true or max_connections were served. `on_listening(port)` is called
/// once the socket listens. Connections are handled one at a time with deadlines on every read and
/// write; a misbehaving client costs at most io_timeout.
Expected<Done> run_lab_server(const LabServerConfig& config,
                              const std::function<void(int)>& on_listening,
                              const std::atomic<bool>& stop);

}  // namespace mtls::tls
