// SPDX-License-Identifier: Apache-2.0
// Real TLS servers for integration tests: nginx, Apache httpd and `openssl s_server`
// started on a free loopback port with configs in a temporary folder, and always stopped (RAII:
// the destructor kills the process group by PID).
#pragma once

#include <string>
#include <vector>

namespace mtls::testing {

/// A fresh temporary folder, removed with everything in it on destruction.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  [[nodiscard]] const std::string& path() const { return path_; }

 private:
  std::string path_;
};

/// A loopback TCP port nobody listens on right now.
int free_loopback_port();

/// Whether a program is on PATH; when not, scripts/install-deps.sh is run once and PATH checked again
/// (tests skip, saying so, when a peer still cannot be had).
bool have_program(const std::string& name);

/// A server process in its own process group.
class PeerServer {
 public:
  /// Start `argv` in `dir` and wait (≤ 10 s) until 127.0.0.1:`port` accepts connections.
  /// Throws std::runtime_error with the server's log when it does not come up.
  PeerServer(std::vector<std::string> argv, const std::string& dir, int port, std::string log_file = {});
  ~PeerServer();
  PeerServer(const PeerServer&) = delete;
  PeerServer& operator=(const PeerServer&) = delete;

  [[nodiscard]] int port() const { return port_; }
  [[nodiscard]] std::string url(const std::string& path = "/") const;
  [[nodiscard]] std::string log() const;  ///< the server's output and error log, for failure messages

  /// Stop now (the destructor does the same if not called).
  void stop();

 private:
  int pid_ = -1;
  int port_ = 0;
  std::string output_;
  std::string log_file_;
};

struct NginxOptions {
  std::string verify_client = "on";   ///< on | optional | optional_no_ca | off
  std::string client_certificate;     ///< ssl_client_certificate (the list sent); empty = none
  std::string trusted_certificate;    ///< ssl_trusted_certificate (verifies, not listed)
  bool http2 = false;
};

/// nginx -p DIR -c DIR/nginx.conf -g 'daemon off;' with a server block for localhost.
PeerServer start_nginx(const std::string& dir, const std::string& cert, const std::string& key, const NginxOptions& o);

struct ApacheOptions {
  std::string protocol = "TLSv1.2";    ///< SSLProtocol: TLSv1.2 or TLSv1.3
  std::string vhost_verify;            ///< SSLVerifyClient at the virtual-host level; empty = none
  std::string location_verify;         ///< SSLVerifyClient inside <Location /secure>; empty = none
  std::string ca_file;                 ///< SSLCACertificateFile
  bool http2 = false;                  ///< mod_http2 with Protocols h2 http/1.1
};

/// apache2 -f DIR/httpd.conf -DFOREGROUND, serving DIR/htdocs (with /secure/index.html).
PeerServer start_apache(const std::string& dir, const std::string& cert, const std::string& key, const ApacheOptions& o);

/// openssl s_server -www with extra arguments (-verify N, -Verify N, -CAfile ...).
PeerServer start_s_server(const std::string& dir, const std::string& cert, const std::string& key,
                          const std::vector<std::string>& extra);

}  // namespace mtls::testing
