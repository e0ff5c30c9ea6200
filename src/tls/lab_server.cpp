// SPDX-License-Identifier: Apache-2.0
#include "tls/lab_server.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <fmt/format.h>
#include <netinet/in.h>
#include <nghttp2/nghttp2.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <poll.h>
#include <strings.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <memory>

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
  if (err == SSL_ERROR_WANT_READ)
    events = POLLIN;
  else if (err == SSL_ERROR_WANT_WRITE)
    events = POLLOUT;
  else
    return false;
  const auto left =
      std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
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
  return fmt::format(
      "HTTP/1.1 {} {}\r\nContent-Type: text/html\r\nContent-Length: {}\r\nConnection: "
      "close\r\n\r\n{}",
      status, reason, body.size(), body);
}

/// What the lab answered and what IIS would log for it.
struct Answer {
  int status = 0;
  int substatus = 0;
  std::uint32_t win32 = 0;
  std::string text;  ///< the HTTP/1.1 response; empty = the connection is dropped
};

// HRESULTs IIS logs in sc-win32-status beside 403.16 and 403.17 (WinError.h).
constexpr std::uint32_t kCertEExpired = 0x800B0101;        // CERT_E_EXPIRED
constexpr std::uint32_t kCertEUntrustedRoot = 0x800B0109;  // CERT_E_UNTRUSTEDROOT
constexpr std::uint32_t kErrorAccessDenied = 5;
constexpr std::uint32_t kErrorNetnameDeleted = 64;

/// IIS 10's detailed error page (what it shows to local requests, errorMode DetailedLocalOnly):
/// the "HTTP Error 403.7 - Forbidden" heading is where clients and mtls-doctor read the substatus.
Answer iis_error(int substatus, std::uint32_t win32, std::string_view summary) {
  const std::string code = fmt::format("403.{}", substatus);
  const std::string body = fmt::format(
      "<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 Strict//EN\" "
      "\"http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd\">\n"
      "<html xmlns=\"http://www.w3.org/1999/xhtml\">\n<head>\n"
      "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=iso-8859-1\"/>\n"
      "<title>IIS 10.0 Detailed Error - {0} - Forbidden</title>\n</head>\n<body>\n"
      "<div id=\"content\">\n<div class=\"content-container\">\n"
      "  <h3>HTTP Error {0} - Forbidden</h3>\n  <h4>{1}</h4>\n</div>\n"
      "<div class=\"content-container\">\n <fieldset><h4>Detailed Error Information:</h4>\n"
      "  <table border=\"0\" cellpadding=\"0\" cellspacing=\"0\">\n"
      "   <tr class=\"alt\"><th>Module</th><td>&nbsp;&nbsp;&nbsp;IIS Web Core</td></tr>\n"
      "   <tr><th>Notification</th><td>&nbsp;&nbsp;&nbsp;BeginRequest</td></tr>\n"
      "   <tr class=\"alt\"><th>Handler</th><td>&nbsp;&nbsp;&nbsp;StaticFile</td></tr>\n"
      "   <tr><th>Error Code</th><td>&nbsp;&nbsp;&nbsp;0x{2:08x}</td></tr>\n"
      "  </table>\n </fieldset>\n</div>\n</div>\n</body>\n</html>\n",
      code, summary, win32 < 0x10000 ? 0x80070000u | win32 : win32);
  return {403, substatus, win32, response(403, "Forbidden", body)};
}

Answer client_cert_required(std::uint32_t win32) {
  return iis_error(7, win32,
                   "The page requires a client certificate as part of the authentication process.");
}

Answer ok_page(X509* peer) {
  char subject[256] = "";
  X509_NAME_oneline(X509_get_subject_name(peer), subject, sizeof subject);
  return {200, 0, 0,
          response(200, "OK",
                   fmt::format(
                       "<html><body><p>Hello {}: client certificate accepted.</p></body></html>\n",
                       subject))};
}

/// Per connection: which binding answered and the first verification error of the client chain.
struct ConnState {
  const LabServerConfig* config = nullptr;
  STACK_OF(X509_NAME) * sni_names = nullptr;
  bool sni_binding = false;
  int verify_error = X509_V_OK;
};

int state_index() {
  static const int index = SSL_get_ex_new_index(0, nullptr, nullptr, nullptr, nullptr);
  return index;
}

ConnState* state_of(SSL* ssl) {
  return static_cast<ConnState*>(SSL_get_ex_data(ssl, state_index()));
}

/// IIS never fails the handshake for a bad client certificate: http.sys hands the certificate and
/// Schannel's verdict to IIS, which answers 403.16 or 403.17. Record the first error, go on.
int accept_and_record(int ok, X509_STORE_CTX* store) {
  SSL* ssl =
      static_cast<SSL*>(X509_STORE_CTX_get_ex_data(store, SSL_get_ex_data_X509_STORE_CTX_idx()));
  ConnState* st = ssl ? state_of(ssl) : nullptr;
  if (!ok && st && st->verify_error == X509_V_OK)
    st->verify_error = X509_STORE_CTX_get_error(store);
  return 1;
}

/// A hostname:port binding answers the clients that send its name in SNI (RFC 6066 §3); the
/// others reach the IP:port binding with its own CA list.
int on_servername(SSL* ssl, int*, void*) {
  ConnState* st = state_of(ssl);
  const char* name = SSL_get_servername(ssl, TLSEXT_NAMETYPE_host_name);
  if (!st || !name || st->config->sni_host.empty() ||
      ::strcasecmp(name, st->config->sni_host.c_str()) != 0) {
    return SSL_TLSEXT_ERR_OK;
  }
  st->sni_binding = true;
  if (STACK_OF(X509_NAME)* names = SSL_dup_CA_list(st->sni_names))
    SSL_set_client_CA_list(ssl, names);
  return SSL_TLSEXT_ERR_OK;
}

int on_alpn(SSL*, const unsigned char** out, unsigned char* outlen, const unsigned char* in,
            unsigned int inlen, void*) {
  static const unsigned char ours[] = "\x02h2\x08http/1.1";
  unsigned char* selected = nullptr;
  if (SSL_select_next_proto(&selected, outlen, ours, sizeof ours - 1, in, inlen) !=
      OPENSSL_NPN_NEGOTIATED) {
    return SSL_TLSEXT_ERR_NOACK;
  }
  *out = selected;
  return SSL_TLSEXT_ERR_OK;
}

/// The request line and User-Agent of an HTTP/1.1 request head, for the log.
void describe_http1(const std::string& head, LabRequest& r) {
  const std::string line = head.substr(0, head.find("\r\n"));
  const std::size_t sp1 = line.find(' ');
  const std::size_t sp2 = sp1 == std::string::npos ? std::string::npos : line.find(' ', sp1 + 1);
  r.method = line.substr(0, sp1);
  const std::string target = sp1 == std::string::npos ? "/" : line.substr(sp1 + 1, sp2 - sp1 - 1);
  const std::size_t q = target.find('?');
  r.uri_stem = target.substr(0, q);
  if (q != std::string::npos) r.uri_query = target.substr(q + 1);
  std::size_t at = 0;
  while ((at = head.find("\r\n", at)) != std::string::npos) {
    at += 2;
    const std::size_t colon = head.find(':', at);
    const std::size_t eol = head.find("\r\n", at);
    if (colon == std::string::npos || colon > eol) continue;
    if (::strncasecmp(head.c_str() + at, "User-Agent", colon - at) == 0 && colon - at == 10) {
      r.user_agent = head.substr(colon + 1, eol - colon - 1);
      while (!r.user_agent.empty() && r.user_agent.front() == ' ') r.user_agent.erase(0, 1);
    }
  }
}

struct H2Request {
  int32_t stream = 0;
  bool complete = false;
  LabRequest* log = nullptr;
};

int h2_on_header(nghttp2_session*, const nghttp2_frame* frame, const uint8_t* name, size_t namelen,
                 const uint8_t* value, size_t valuelen, uint8_t, void* user) {
  if (frame->hd.type != NGHTTP2_HEADERS) return 0;
  auto* r = static_cast<H2Request*>(user);
  const std::string_view n(reinterpret_cast<const char*>(name), namelen);
  const std::string v(reinterpret_cast<const char*>(value), valuelen);
  if (n == ":method") r->log->method = v;
  if (n == ":path") {
    const std::size_t q = v.find('?');
    r->log->uri_stem = v.substr(0, q);
    if (q != std::string::npos) r->log->uri_query = v.substr(q + 1);
  }
  if (n == "user-agent") r->log->user_agent = v;
  return 0;
}

int h2_on_frame(nghttp2_session*, const nghttp2_frame* frame, void* user) {
  auto* r = static_cast<H2Request*>(user);
  if (frame->hd.type == NGHTTP2_HEADERS && (frame->hd.flags & NGHTTP2_FLAG_END_HEADERS) &&
      !r->complete) {
    r->stream = frame->hd.stream_id;
    r->complete = true;
  }
  return 0;
}

/// An HTTP/2 connection of a server that asks for the certificate only after the request: it
/// cannot renegotiate (RFC 7540 §9.2.1), so, as http.sys does, it resets the request's stream with
/// HTTP_1_1_REQUIRED and the client may retry over HTTP/1.1. Returns whether a request came.
bool h2_refuse(SSL* ssl, Clock::time_point deadline, LabRequest& log) {
  nghttp2_session_callbacks* raw = nullptr;
  if (nghttp2_session_callbacks_new(&raw) != 0) return false;
  std::unique_ptr<nghttp2_session_callbacks, void (*)(nghttp2_session_callbacks*)> callbacks(
      raw, nghttp2_session_callbacks_del);
  nghttp2_session_callbacks_set_on_header_callback(callbacks.get(), h2_on_header);
  nghttp2_session_callbacks_set_on_frame_recv_callback(callbacks.get(), h2_on_frame);
  H2Request request{0, false, &log};
  nghttp2_session* raw_session = nullptr;
  if (nghttp2_session_server_new(&raw_session, callbacks.get(), &request) != 0) return false;
  std::unique_ptr<nghttp2_session, void (*)(nghttp2_session*)> session(raw_session,
                                                                       nghttp2_session_del);
  nghttp2_submit_settings(session.get(), NGHTTP2_FLAG_NONE, nullptr, 0);
  bool reset_sent = false;
  char buffer[4096];
  while (Clock::now() < deadline) {
    const uint8_t* data = nullptr;
    ssize_t n = 0;
    while ((n = nghttp2_session_mem_send(session.get(), &data)) > 0) {
      if (!write_all(ssl,
                     std::string(reinterpret_cast<const char*>(data), static_cast<std::size_t>(n)),
                     deadline)) {
        return request.complete;
      }
    }
    if (reset_sent) return true;
    if (request.complete) {
      nghttp2_submit_rst_stream(session.get(), NGHTTP2_FLAG_NONE, request.stream,
                                NGHTTP2_HTTP_1_1_REQUIRED);
      reset_sent = true;
      continue;
    }
    const int got = SSL_read(ssl, buffer, sizeof buffer);
    if (got <= 0) {
      if (!wait_for(ssl, got, deadline)) return false;
      continue;
    }
    if (nghttp2_session_mem_recv(session.get(), reinterpret_cast<const uint8_t*>(buffer),
                                 static_cast<std::size_t>(got)) < 0) {
      return false;
    }
  }
  return false;
}

/// What IIS answers once the TLS part is over: 403.7 without a certificate, 403.16/403.17 for
/// one Schannel refused, 403.7 with ERROR_ACCESS_DENIED when the trust mode needs a CTL store the
/// binding lacks, 200 otherwise.
Answer decide(SSL* ssl, const ConnState& st, const LabServerConfig& config) {
  X509* peer = SSL_get0_peer_certificate(ssl);
  if (!peer) return client_cert_required(0);
  const int error =
      config.iis_answers ? st.verify_error : static_cast<int>(SSL_get_verify_result(ssl));
  if (error == X509_V_ERR_CERT_HAS_EXPIRED || error == X509_V_ERR_CERT_NOT_YET_VALID) {
    return iis_error(17, kCertEExpired, "The client certificate has expired or is not yet valid.");
  }
  if (error != X509_V_OK) {
    if (!config.iis_answers) return client_cert_required(0);
    return iis_error(16, kCertEUntrustedRoot,
                     "Your client certificate is either not trusted or is invalid.");
  }
  const LabBinding& binding = st.sni_binding ? config.sni_binding : config.ip_binding;
  if (binding.ctl_access_denied) return client_cert_required(kErrorAccessDenied);
  return ok_page(peer);
}

std::string peer_ip(int fd) {
  sockaddr_in addr{};
  socklen_t len = sizeof addr;
  char text[INET_ADDRSTRLEN] = "-";
  if (::getpeername(fd, reinterpret_cast<sockaddr*>(&addr), &len) == 0) {
    ::inet_ntop(AF_INET, &addr.sin_addr, text, sizeof text);
  }
  return text;
}

struct Names {
  STACK_OF(X509_NAME) * names = nullptr;
  Names() = default;
  Names(const Names&) = delete;
  Names& operator=(const Names&) = delete;
  ~Names() {
    if (names) sk_X509_NAME_pop_free(names, X509_NAME_free);
  }
};

struct Context {
  SslCtxPtr ctx;
  Names sni_names;
};

void serve_one(const Context& context, int client_fd, const LabServerConfig& config, int port) {
  const auto start = Clock::now();
  const auto deadline = start + config.io_timeout;
  SslPtr ssl(SSL_new(context.ctx.get()));
  if (!ssl) return;
  ConnState st{&config, context.sni_names.names, false, X509_V_OK};
  SSL_set_ex_data(ssl.get(), state_index(), &st);
  SSL_set_fd(ssl.get(), client_fd);
  if (!drive(ssl.get(), deadline, [&] { return SSL_accept(ssl.get()); })) return;
  LabRequest log;
  log.client_ip = peer_ip(client_fd);
  log.server_ip = config.address;
  log.server_port = port;
  auto report = [&](const Answer& a) {
    log.status = a.status;
    log.substatus = a.substatus;
    log.win32_status = a.win32;
    log.time_taken_ms =
        std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start).count();
    if (config.on_request) config.on_request(log);
  };

  const unsigned char* proto = nullptr;
  unsigned proto_len = 0;
  SSL_get0_alpn_selected(ssl.get(), &proto, &proto_len);
  if (proto_len == 2 && std::memcmp(proto, "h2", 2) == 0) {
    const bool needs_late_request = config.when == ClientAuthWhen::renegotiation ||
                                    config.when == ClientAuthWhen::post_handshake;
    if (needs_late_request && h2_refuse(ssl.get(), deadline, log)) {
      // IIS saw the request and lost it while waiting for a certificate: 500 with
      // ERROR_NETNAME_DELETED, the line that precedes the client's retry.
      report({500, 0, kErrorNetnameDeleted, {}});
    }
    SSL_shutdown(ssl.get());
    ERR_clear_error();
    return;
  }

  std::string request;
  if (!read_request(ssl.get(), deadline, request)) return;
  describe_http1(request, log);

  // After the request, as IIS does: ask, verify what comes, and answer 403.7 when nothing came
  // (no FAIL_IF_NO_PEER_CERT, which would end the connection with an alert instead).
  const int verify = SSL_VERIFY_PEER;
  auto* verify_cb = config.iis_answers ? accept_and_record : nullptr;
  switch (config.when) {
    case ClientAuthWhen::never:
    case ClientAuthWhen::handshake:
      break;
    case ClientAuthWhen::renegotiation:
      // What IIS does without Negotiate Client Certificate: HelloRequest after the request, then
      // a new handshake whose CertificateRequest carries the CA list (RFC 5246 §7.4.1.1).
      if (SSL_version(ssl.get()) == TLS1_2_VERSION) {
        SSL_set_verify(ssl.get(), verify, verify_cb);
        if (SSL_renegotiate(ssl.get()) == 1 &&
            drive(ssl.get(), deadline, [&] { return SSL_do_handshake(ssl.get()); })) {
          pump(ssl.get(), deadline, [&] { return SSL_renegotiate_pending(ssl.get()) == 0; });
        }
        if (config.iis_answers && SSL_renegotiate_pending(ssl.get()) != 0) {
          // The client refused or dropped the renegotiation: IIS logs 500 with win32 64
          // (ERROR_NETNAME_DELETED) and has no connection left to answer on.
          report({500, 0, kErrorNetnameDeleted, {}});
          ERR_clear_error();
          return;
        }
      }
      break;
    case ClientAuthWhen::post_handshake:
      // TLS 1.3 post-handshake authentication (RFC 8446 §4.6.2): only if the client offered it.
      SSL_set_verify(ssl.get(), verify, verify_cb);
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
  const Answer answer = decide(ssl.get(), st, config);
  write_all(ssl.get(), answer.text, deadline);
  report(answer);
  SSL_shutdown(ssl.get());
  ERR_clear_error();
}

Expected<Done> add_names(STACK_OF(X509_NAME) * names, const std::vector<std::string>& files) {
  for (const std::string& file : files) {
    if (SSL_add_file_cert_subjects_to_stack(names, file.c_str()) != 1) {
      return unexpected(fmt::format("cannot load '{}': {}", file, take_openssl_error()));
    }
  }
  return Done{};
}

Expected<Done> make_context(const LabServerConfig& config, Context& out) {
  out.ctx.reset(SSL_CTX_new(TLS_server_method()));
  SSL_CTX* ctx = out.ctx.get();
  if (!ctx) return unexpected("cannot create a TLS context: " + take_openssl_error());
  SSL_CTX_set_min_proto_version(ctx, TLS1_2_VERSION);
  SSL_CTX_set_max_proto_version(ctx, config.tls13 ? TLS1_3_VERSION : TLS1_2_VERSION);
  // A server that verifies clients and caches sessions needs a session id context, or OpenSSL
  // refuses the (re)handshake with "session id context uninitialized".
  static const unsigned char context_id[] = "mtls-doctor-lab";
  SSL_CTX_set_session_id_context(ctx, context_id, sizeof context_id - 1);
  // Renegotiation must stay possible in TLS 1.2 for the IIS-like scenario, and must be a full
  // handshake (an abbreviated one carries no CertificateRequest).
  SSL_CTX_clear_options(ctx, SSL_OP_NO_RENEGOTIATION);
  SSL_CTX_set_options(ctx, SSL_OP_NO_SESSION_RESUMPTION_ON_RENEGOTIATION | SSL_OP_NO_TICKET);
  if (SSL_CTX_use_certificate_chain_file(ctx, config.cert_file.c_str()) != 1 ||
      SSL_CTX_use_PrivateKey_file(ctx, config.key_file.c_str(), SSL_FILETYPE_PEM) != 1) {
    return unexpected(fmt::format("cannot load the lab server certificate '{}': {}",
                                  config.cert_file, take_openssl_error()));
  }
  if (!config.trust_file.empty() &&
      SSL_CTX_load_verify_locations(ctx, config.trust_file.c_str(), nullptr) != 1) {
    return unexpected(fmt::format("cannot load '{}': {}", config.trust_file, take_openssl_error()));
  }
  // The CA names list of each binding (RFC 5246 §7.4.4 allows an empty one).
  STACK_OF(X509_NAME)* names = sk_X509_NAME_new_null();
  out.sni_names.names = sk_X509_NAME_new_null();
  if (!names || !out.sni_names.names)
    return unexpected("cannot create a CA list: " + take_openssl_error());
  SSL_CTX_set_client_CA_list(ctx, names);
  if (auto ok = add_names(names, config.ip_binding.ca_list_files); !ok) return ok;
  if (auto ok = add_names(out.sni_names.names, config.sni_binding.ca_list_files); !ok) return ok;
  SSL_CTX_set_tlsext_servername_callback(ctx, on_servername);
  if (config.http2) SSL_CTX_set_alpn_select_cb(ctx, on_alpn, nullptr);
  if (config.when == ClientAuthWhen::handshake) {
    if (config.iis_answers) {
      SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER, accept_and_record);
    } else {
      SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER | SSL_VERIFY_FAIL_IF_NO_PEER_CERT, nullptr);
    }
  }
  return Done{};
}

}  // namespace

Expected<Done> run_lab_server(const LabServerConfig& config,
                              const std::function<void(int)>& on_listening,
                              const std::atomic<bool>& stop) {
  Context context;
  if (auto made = make_context(config, context); !made) return unexpected(made.error());

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
  if (::bind(listener.get(), reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
      ::listen(listener.get(), 16) != 0) {
    return unexpected(fmt::format("cannot listen on {}:{}: {}", config.address, config.port,
                                  std::strerror(errno)));
  }
  socklen_t len = sizeof addr;
  ::getsockname(listener.get(), reinterpret_cast<sockaddr*>(&addr), &len);
  const int port = ntohs(addr.sin_port);
  on_listening(port);

  int served = 0;
  while (!stop.load() && (config.max_connections == 0 || served < config.max_connections)) {
    pollfd p{listener.get(), POLLIN, 0};
    if (::poll(&p, 1, 200) != 1) continue;  // wake up to notice `stop`
    Fd client(::accept4(listener.get(), nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC));
    if (client.get() < 0) continue;
    serve_one(context, client.get(), config, port);
    ++served;
  }
  return Done{};
}

}  // namespace mtls::tls
