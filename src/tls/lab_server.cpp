// SPDX-License-Identifier: Apache-2.0
#include "tls/lab_server.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <fmt/format.h>
#include <netinet/in.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "tls/openssl_error.h"
#include "tls/openssl_ptr.h"

namespace mtls::tls {
namespace {

using Clock = std::chrono::steady_clock;

class Fd {
 public:
  explicit Fd(int fd = -1) : fd_(fd) {}
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  ~Fd() {
    if (fd_ >= 0) ::close(fd_);
  }
  [[nodiscard]] int get() const { return fd_; }

 private:
  int fd_;
};

/// Wait until OpenSSL can make progress on a non-blocking socket, or the deadline passes.
bool wait_for(SSL* ssl, int ret, Clock::time_point deadline) {
  const int err = SSL_get_error(ssl, ret);
  short events = 0;
  if (err == SSL_ERROR_WANT_READ) events = POLLIN;
  else if (err == SSL_ERROR_WANT_WRITE) events = POLLOUT;
  else return false;
  const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
  if (left <= 0) return false;
  pollfd p{SSL_get_fd(ssl), events, 0};
  return ::poll(&p, 1, static_cast<int>(left)) == 1;
}

/// Drive `step` (SSL_accept, SSL_do_handshake...) to completion before the deadline.
template <typename Step>
bool drive(SSL* ssl, Clock::time_point deadline, Step step) {
  for (;;) {
    const int ret = step();
    if (ret == 1) return true;
    if (!wait_for(ssl, ret, deadline)) return false;
  }
}

/// Read the request head (up to 16 KiB; the lab answers every request the same way).
bool read_request(SSL* ssl, Clock::time_point deadline, std::string& request) {
  char buffer[4096];
  while (request.find("\r\n\r\n") == std::string::npos && request.size() < 16384) {
    const int n = SSL_read(ssl, buffer, sizeof buffer);
    if (n > 0) {
      request.append(buffer, static_cast<std::size_t>(n));
    } else if (!wait_for(ssl, n, deadline)) {
      return false;
    }
  }
  return true;
}

/// Process what the client sends without waiting for application data: the records of a
/// renegotiation or of a post-handshake Certificate flight. Stops when `done()` holds.
template <typename Done>
void pump(SSL* ssl, Clock::time_point deadline, Done done) {
  char scratch[512];
  while (!done()) {
    const int n = SSL_read(ssl, scratch, sizeof scratch);
    if (n > 0) continue;  // pipelined data is ignored: the lab answers one request per connection
    // The read that completes the handshake then waits for application data that never comes.
    if (done() || !wait_for(ssl, n, deadline)) return;
  }
}

bool write_all(SSL* ssl, const std::string& data, Clock::time_point deadline) {
  std::size_t off = 0;
  while (off < data.size()) {
    const int n = SSL_write(ssl, data.data() + off, static_cast<int>(data.size() - off));
    if (n > 0) {
      off += static_cast<std::size_t>(n);
    } else if (!wait_for(ssl, n, deadline)) {
      return false;
    }
  }
  return true;
}

std::string response(int status, std::string_view reason, std::string_view body) {
  return fmt::format("HTTP/1.1 {} {}\r\nContent-Type: text/html\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{}",
                     status, reason, body.size(), body);
}

/// The page IIS sends with 403.7, so clients and mtls-doctor see the familiar substatus.
std::string forbidden_client_cert_required() {
  return response(403, "Forbidden",
                  "<html><head><title>403 - Forbidden: Client certificate required</title></head><body>"
                  "<h2>403.7 - Forbidden: Client certificate required.</h2>"
                  "<p>The page requires a client certificate as part of the authentication process.</p>"
                  "</body></html>\n");
}

std::string ok_page(X509* peer) {
  char subject[256] = "";
  X509_NAME_oneline(X509_get_subject_name(peer), subject, sizeof subject);
  return response(200, "OK", fmt::format("<html><body><p>Hello {}: client certificate accepted.</p></body></html>\n", subject));
}

void serve_one(SSL_CTX* ctx, int client_fd, const LabServerConfig& config) {
  const auto deadline = Clock::now() + config.io_timeout;
  SslPtr ssl(SSL_new(ctx));
  if (!ssl) return;
  SSL_set_fd(ssl.get(), client_fd);
  if (!drive(ssl.get(), deadline, [&] { return SSL_accept(ssl.get()); })) return;
  std::string request;
  if (!read_request(ssl.get(), deadline, request)) return;

  // After the request, as IIS does: ask, verify what comes, and answer 403.7 when nothing came
  // (no FAIL_IF_NO_PEER_CERT, which would end the connection with an alert instead).
  const int verify = SSL_VERIFY_PEER;
  switch (config.when) {
    case ClientAuthWhen::never:
    case ClientAuthWhen::handshake: break;
    case ClientAuthWhen::renegotiation:
      // What IIS does without Negotiate Client Certificate: HelloRequest after the request, then
      // a new handshake whose CertificateRequest carries the CA list (RFC 5246 §7.4.1.1).
      if (SSL_version(ssl.get()) == TLS1_2_VERSION) {
        SSL_set_verify(ssl.get(), verify, nullptr);
        if (SSL_renegotiate(ssl.get()) == 1 &&
            drive(ssl.get(), deadline, [&] { return SSL_do_handshake(ssl.get()); })) {
          pump(ssl.get(), deadline, [&] { return SSL_renegotiate_pending(ssl.get()) == 0; });
        }
      }
      break;
    case ClientAuthWhen::post_handshake:
      // TLS 1.3 post-handshake authentication (RFC 8446 §4.6.2): only if the client offered it.
      SSL_set_verify(ssl.get(), verify, nullptr);
      if (SSL_verify_client_post_handshake(ssl.get()) == 1 &&
          drive(ssl.get(), deadline, [&] { return SSL_do_handshake(ssl.get()); })) {
        pump(ssl.get(), deadline, [&] {
          X509* peer = SSL_get0_peer_certificate(ssl.get());
          return peer != nullptr;
        });
      }
      ERR_clear_error();
      break;
  }
  X509* peer = SSL_get0_peer_certificate(ssl.get());
  const bool accepted = peer && SSL_get_verify_result(ssl.get()) == X509_V_OK;
  write_all(ssl.get(), accepted ? ok_page(peer) : forbidden_client_cert_required(), deadline);
  SSL_shutdown(ssl.get());
  ERR_clear_error();
}

Expected<SslCtxPtr> make_context(const LabServerConfig& config) {
  SslCtxPtr ctx(SSL_CTX_new(TLS_server_method()));
  if (!ctx) return unexpected("cannot create a TLS context: " + take_openssl_error());
  SSL_CTX_set_min_proto_version(ctx.get(), TLS1_2_VERSION);
  SSL_CTX_set_max_proto_version(ctx.get(), config.tls13 ? TLS1_3_VERSION : TLS1_2_VERSION);
  // A server that verifies clients and caches sessions needs a session id context, or OpenSSL
  // refuses the (re)handshake with "session id context uninitialized".
  static const unsigned char context_id[] = "mtls-doctor-lab";
  SSL_CTX_set_session_id_context(ctx.get(), context_id, sizeof context_id - 1);
  // Renegotiation must stay possible in TLS 1.2 for the IIS-like scenario, and must be a full
  // handshake (an abbreviated one carries no CertificateRequest).
  SSL_CTX_clear_options(ctx.get(), SSL_OP_NO_RENEGOTIATION);
  SSL_CTX_set_options(ctx.get(), SSL_OP_NO_SESSION_RESUMPTION_ON_RENEGOTIATION | SSL_OP_NO_TICKET);
  if (SSL_CTX_use_certificate_chain_file(ctx.get(), config.cert_file.c_str()) != 1 ||
      SSL_CTX_use_PrivateKey_file(ctx.get(), config.key_file.c_str(), SSL_FILETYPE_PEM) != 1) {
    return unexpected(fmt::format("cannot load the lab server certificate '{}': {}", config.cert_file, take_openssl_error()));
  }
  if (!config.trust_file.empty() && SSL_CTX_load_verify_locations(ctx.get(), config.trust_file.c_str(), nullptr) != 1) {
    return unexpected(fmt::format("cannot load '{}': {}", config.trust_file, take_openssl_error()));
  }
  // The CA names list: from ca_list_file, or empty (RFC 5246 §7.4.4 allows an empty list).
  STACK_OF(X509_NAME)* names = config.ca_list_file.empty() ? sk_X509_NAME_new_null()
                                                           : SSL_load_client_CA_file(config.ca_list_file.c_str());
  if (!names) return unexpected(fmt::format("cannot load '{}': {}", config.ca_list_file, take_openssl_error()));
  SSL_CTX_set_client_CA_list(ctx.get(), names);
  if (config.when == ClientAuthWhen::handshake) {
    SSL_CTX_set_verify(ctx.get(), SSL_VERIFY_PEER | SSL_VERIFY_FAIL_IF_NO_PEER_CERT, nullptr);
  }
  return ctx;
}

}  // namespace

Expected<Done> run_lab_server(const LabServerConfig& config, const std::function<void(int)>& on_listening,
                              const std::atomic<bool>& stop) {
  auto ctx = make_context(config);
  if (!ctx) return unexpected(ctx.error());

  Fd listener(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0));
  if (listener.get() < 0) return unexpected(fmt::format("socket: {}", std::strerror(errno)));
  const int one = 1;
  ::setsockopt(listener.get(), SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<std::uint16_t>(config.port));
  if (::inet_pton(AF_INET, config.address.c_str(), &addr.sin_addr) != 1 ||
      (ntohl(addr.sin_addr.s_addr) >> 24) != 127) {
    return unexpected(fmt::format("the lab listens on loopback only, not '{}'", config.address));
  }
  if (::bind(listener.get(), reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 || ::listen(listener.get(), 16) != 0) {
    return unexpected(fmt::format("cannot listen on {}:{}: {}", config.address, config.port, std::strerror(errno)));
  }
  socklen_t len = sizeof addr;
  ::getsockname(listener.get(), reinterpret_cast<sockaddr*>(&addr), &len);
  on_listening(ntohs(addr.sin_port));

  int served = 0;
  while (!stop.load() && (config.max_connections == 0 || served < config.max_connections)) {
    pollfd p{listener.get(), POLLIN, 0};
    if (::poll(&p, 1, 200) != 1) continue;  // wake up to notice `stop`
    Fd client(::accept4(listener.get(), nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC));
    if (client.get() < 0) continue;
    serve_one(ctx->get(), client.get(), config);
    ++served;
  }
  return Done{};
}

}  // namespace mtls::tls
