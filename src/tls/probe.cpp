// SPDX-License-Identifier: Apache-2.0
// The probe engine: one OpenSSL connection per attempt, every handshake message and alert
// recorded through SSL_set_msg_callback (TLS 1.3 encrypted messages included), non-blocking
// sockets with poll() deadlines, a real HTTP request, and bounded reads.
#include "tls/probe.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <fmt/format.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <mutex>

#include "knowledge/tls_parameters.h"
#include "tls/client_identity.h"
#include "tls/openssl_error.h"
#include "tls/probe_channel.h"
#include "tls/cert_facts.h"
#include "tls/probe_http.h"
#include "tls/probe_trust.h"
#include "tls/server_facts.h"
#include "knowledge/server_software.h"

namespace mtls::tls {
namespace {

using Clock = std::chrono::steady_clock;

/// TLS 1.2's CertificateRequest may carry up to 2^16-1 bytes of CA names plus 2^16-2 of signature
/// algorithms (RFC 5246 §7.4.4): let OpenSSL accept a request up to the protocol limit, not its
/// 100 KiB default for certificate lists, so a large list is seen in full.
constexpr long kMaxCertList = 132 * 1024;
constexpr int kMaxRenegotiations = 2;
/// A server that keeps asking (a HelloRequest or a TLS 1.3 post-handshake CertificateRequest in a
/// loop) is left after this many requests on one connection instead of being answered until the
/// deadline.
constexpr int kMaxCertRequests = 4;
constexpr int kMaxHelloRequests = kMaxRenegotiations + 2;
/// What the probe reads, after the server has refused or dropped the request, to find the alert
/// it sent before closing (it is usually already in the socket buffer).
constexpr std::size_t kMaxDrain = 64 * 1024;
constexpr std::size_t kMaxServerChain = 10;

std::string_view handshake_name(unsigned type) {
  switch (type) {
    case 0: return "HelloRequest";
    case 1: return "ClientHello";
    case 2: return "ServerHello";
    case 4: return "NewSessionTicket";
    case 5: return "EndOfEarlyData";
    case 8: return "EncryptedExtensions";
    case 11: return "Certificate";
    case 12: return "ServerKeyExchange";
    case 13: return "CertificateRequest";
    case 14: return "ServerHelloDone";
    case 15: return "CertificateVerify";
    case 16: return "ClientKeyExchange";
    case 20: return "Finished";
    case 22: return "CertificateStatus";
    case 24: return "KeyUpdate";
    default: return "handshake message";
  }
}

/// RFC 8446 §6 names ("unknown_ca"), from OpenSSL's long descriptions ("unknown CA").
std::string alert_name(int code) {
  if (code == 116) return "certificate_required";  // not named by OpenSSL 3.0's table
  if (code == 120) return "no_application_protocol";
  if (code == 109) return "missing_extension";
  const char* name = SSL_alert_desc_string_long(code);
  std::string out = name ? name : "unknown";
  for (char& c : out) c = c == ' ' ? '_' : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

/// What one attempt does.
struct Plan {
  std::string purpose;
  bool identity = false;
  bool pha = false;
  std::string alpn;      ///< comma list
  bool sni = true;       ///< send the SNI name (when there is one)
  int max_version = 0;   ///< 0 = library default
  int min_version = 0;
  bool browser = false;  ///< refuse renegotiation over h2, as browsers do (RFC 7540 §9.2.1)
};

struct Target {
  UrlParts url;
  std::string dial_host;
  int dial_port = 443;
  std::string sni;  ///< empty = none
  std::string host_header;
};

/// Per-connection recorder reached from OpenSSL callbacks through SSL app data.
struct Recorder {
  ProbeAttempt* out = nullptr;
  Clock::time_point start;
  bool handshake_done = false;
  int hello_requests = 0;  ///< every HelloRequest received, during the handshake too
};

double ms_since(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

void add_message(Recorder& r, bool sent, std::string name, std::size_t length) {
  if (r.out->messages.size() >= kMaxProbeMessages) {
    r.out->messages_truncated = true;
    return;
  }
  r.out->messages.push_back(ProbeMessage{sent, std::move(name), length, ms_since(r.start)});
}

/// Count the certificates in a Certificate message we send (RFC 5246 §7.4.2, RFC 8446 §4.4.2).
int count_certificates(const unsigned char* p, std::size_t len, bool tls13) {
  if (len < 4) return 0;
  std::size_t i = 4;
  if (tls13) {
    if (i >= len) return 0;
    i += 1 + p[i];
  }
  if (i + 3 > len) return 0;
  const std::size_t list = (std::size_t{p[i]} << 16) | (std::size_t{p[i + 1]} << 8) | p[i + 2];
  i += 3;
  const std::size_t end = std::min(len, i + list);
  int count = 0;
  while (i + 3 <= end && count < 100) {
    const std::size_t cert = (std::size_t{p[i]} << 16) | (std::size_t{p[i + 1]} << 8) | p[i + 2];
    i += 3 + cert;
    if (tls13) {
      if (i + 2 > end) break;
      i += 2 + ((std::size_t{p[i]} << 8) | p[i + 1]);
    }
    ++count;
  }
  return count;
}

void on_message(int write_p, int /*version*/, int content_type, const void* buf, std::size_t len, SSL* ssl, void* arg) {
  // OpenSSL passes the connection; read_plaintext_alert passes the recorder itself.
  auto* r = ssl ? static_cast<Recorder*>(SSL_get_app_data(ssl)) : static_cast<Recorder*>(arg);
  if (!r || !buf) return;
  const auto* p = static_cast<const unsigned char*>(buf);
  const bool sent = write_p == 1;
  if (content_type == SSL3_RT_HANDSHAKE && len >= 1) {
    const unsigned type = p[0];
    add_message(*r, sent, std::string(handshake_name(type)), len >= 4 ? len - 4 : 0);
    if (!sent && type == 13) {
      ++r->out->cert_requests;
      CertRequestTiming timing = CertRequestTiming::handshake;
      if (r->handshake_done) {
        timing = SSL_version(ssl) == TLS1_3_VERSION ? CertRequestTiming::post_handshake : CertRequestTiming::renegotiation;
      }
      // The first request decides when the server asked; a later one (second renegotiation)
      // does not make an early request late.
      if (r->out->cert_request == CertRequestTiming::none) r->out->cert_request = timing;
    }
    if (!sent && type == 0) ++r->hello_requests;
    if (!sent && type == 0 && r->handshake_done) {
      ++r->out->renegotiations;
      // Refuse a third renegotiation: a hostile server could loop forever (issue limit: ≤ 2).
      if (r->out->renegotiations >= kMaxRenegotiations) SSL_set_options(ssl, SSL_OP_NO_RENEGOTIATION);
    }
    if (sent && type == 11) {
      const int n = count_certificates(p, len, SSL_version(ssl) == TLS1_3_VERSION);
      if (n > 0) {
        r->out->client_cert_sent = true;
        r->out->client_chain_sent = n;
      } else {
        r->out->empty_certificate_sent = true;
      }
    }
  } else if (content_type == SSL3_RT_ALERT && len >= 2) {
    const int level = p[0];
    const int code = p[1];
    const std::string name = alert_name(code);
    add_message(*r, sent, fmt::format("alert {} ({})", name, code), len);
    if (code == 0) return;  // close_notify ends a connection normally
    const bool fatal = level == 2;
    // Keep the most telling alert: a fatal one over a warning, the first of each kind.
    if (!r->out->alert || (!r->out->alert->fatal && fatal)) {
      r->out->alert = ProbeAlert{code, name, fatal, sent};
      r->out->alert_text = fmt::format("{} ({}) {}", name, code, sent ? "sent" : "received");
    }
  } else if (content_type == SSL3_RT_CHANGE_CIPHER_SPEC) {
    add_message(*r, sent, "ChangeCipherSpec", len);
  }
}

/// Called whenever the server asks for a certificate (OpenSSL tls_prepare_client_certificate),
/// with or without one configured: the moment the CertificateRequest's contents are known.
int on_certificate_request(SSL* ssl, void* /*arg*/) {
  auto* r = static_cast<Recorder*>(SSL_get_app_data(ssl));
  if (!r) return 1;
  ProbeAttempt& a = *r->out;
  a.ca_names.clear();
  a.ca_list.clear();
  a.ca_names_bytes = 0;
  if (const STACK_OF(X509_NAME)* names = SSL_get0_peer_CA_list(ssl)) {
    for (int i = 0; i < sk_X509_NAME_num(names); ++i) {
      const X509_NAME* name = sk_X509_NAME_value(names, i);
      DistinguishedName dn = distinguished_name(name);
      a.ca_names_bytes += dn.der_hex.size() / 2 + 2;  // each DistinguishedName<1..2^16-1>
      a.ca_names.push_back(dn.text);
      a.ca_list.push_back(std::move(dn));
    }
  }
  a.certificate_types.clear();
  const unsigned char* types = nullptr;
  const std::size_t ntypes = SSL_get0_certificate_types(ssl, &types);
  for (std::size_t i = 0; i < ntypes && types; ++i) {
    a.certificate_types.push_back(knowledge::certificate_type_name(types[i]));
  }
  a.signature_algorithms.clear();
  const int nsig = SSL_get_sigalgs(ssl, -1, nullptr, nullptr, nullptr, nullptr, nullptr);
  for (int i = 0; i < nsig && i < 128; ++i) {
    unsigned char rsig = 0;
    unsigned char rhash = 0;
    SSL_get_sigalgs(ssl, i, nullptr, nullptr, nullptr, &rsig, &rhash);
    const int scheme = (rhash << 8) | rsig;
    a.signature_algorithms.push_back(knowledge::signature_scheme_name(static_cast<std::uint16_t>(scheme)));
  }
  return 1;
}

/// A socket closed on scope exit.
struct Socket {
  int fd = -1;
  Socket() = default;
  Socket(const Socket&) = delete;
  Socket& operator=(const Socket&) = delete;
  ~Socket() {
    if (fd >= 0) ::close(fd);
  }
};

int remaining_ms(Clock::time_point deadline) {
  const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
  return left <= 0 ? 0 : static_cast<int>(std::min<long long>(left, 1'000'000));
}

/// Wait until the socket is ready for what OpenSSL wants; false when the deadline passed.
bool wait_for(int fd, short events, Clock::time_point deadline) {
  while (true) {
    const int left = remaining_ms(deadline);
    if (left == 0) return false;
    pollfd pfd{fd, events, 0};
    const int r = ::poll(&pfd, 1, left);
    if (r > 0) return true;
    if (r == 0) return false;
    if (errno != EINTR) return false;
  }
}

std::string timeout_text(std::chrono::milliseconds timeout) {
  const std::string amount = timeout.count() % 1000 == 0 ? fmt::format("{} s", timeout.count() / 1000)
                                                         : fmt::format("{} ms", timeout.count());
  return fmt::format("the probe's --timeout of {} ran out", amount);
}

/// TCP connect to host:port before the deadline; fills connect_error on failure.
int tcp_connect(const std::string& host, int port, Clock::time_point deadline, std::chrono::milliseconds timeout,
                ProbeAttempt& a, std::string* address) {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* found = nullptr;
  const std::string port_text = std::to_string(port);
  // getaddrinfo has no deadline of its own; the resolver's timeouts (resolv.conf) bound it.
  const int gai = ::getaddrinfo(host.c_str(), port_text.c_str(), &hints, &found);
  if (gai != 0) {
    a.connect_error = fmt::format("DNS: cannot resolve {}: {}", host, ::gai_strerror(gai));
    return -1;
  }
  std::unique_ptr<addrinfo, void (*)(addrinfo*)> list(found, ::freeaddrinfo);
  std::string last_error = "no address";
  for (addrinfo* ai = found; ai; ai = ai->ai_next) {
    char text[INET6_ADDRSTRLEN] = {};
    const void* raw = ai->ai_family == AF_INET ? static_cast<const void*>(&reinterpret_cast<sockaddr_in*>(ai->ai_addr)->sin_addr)
                                               : static_cast<const void*>(&reinterpret_cast<sockaddr_in6*>(ai->ai_addr)->sin6_addr);
    ::inet_ntop(ai->ai_family, raw, text, sizeof text);
    const std::string where = ai->ai_family == AF_INET6 ? fmt::format("[{}]:{}", text, port) : fmt::format("{}:{}", text, port);
    const int fd = ::socket(ai->ai_family, ai->ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC, ai->ai_protocol);
    if (fd < 0) {
      last_error = std::strerror(errno);
      continue;
    }
    int rc = ::connect(fd, ai->ai_addr, ai->ai_addrlen);
    if (rc != 0 && errno == EINPROGRESS) {
      if (!wait_for(fd, POLLOUT, deadline)) {
        ::close(fd);
        *address = where;
        a.connect_error = fmt::format("TCP connect to {} timed out ({})", where, timeout_text(timeout));
        a.timed_out = true;
        return -1;
      }
      int err = 0;
      socklen_t len = sizeof err;
      ::getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len);
      rc = err == 0 ? 0 : -1;
      errno = err;
    }
    if (rc == 0) {
      const int one = 1;
      ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
      *address = where;
      return fd;
    }
    last_error = fmt::format("TCP connect to {}: {}", where, errno == ECONNREFUSED ? "connection refused" : std::strerror(errno));
    *address = where;
    ::close(fd);
  }
  a.connect_error = last_error;
  return -1;
}

/// OpenSSL's reason for a failed handshake, with what it means for the server's side in plain
/// words first where the reason alone does not say it.
std::string handshake_error_text(const std::string& reason) {
  const auto has = [&](std::string_view what) { return reason.find(what) != std::string::npos; };
  if (has("wrong version number") || has("packet length too long") || has("unknown protocol")) {
    return "the server's answer is not TLS (OpenSSL: " + reason + ")";
  }
  if (has("excessive message size")) {
    return fmt::format("a handshake message from the server is larger than the probe accepts ({} KiB, the protocol's "
                       "limit for a CertificateRequest) (OpenSSL: {})",
                       kMaxCertList / 1024, reason);
  }
  if (has("record overflow") || has("record_overflow")) return "the server sent a TLS record larger than 16 KiB (OpenSSL: " + reason + ")";
  if (has("unexpected eof")) {
    return "the server closed the connection before the handshake finished, without an alert (OpenSSL: " + reason + ")";
  }
  return reason;
}

/// After the handshake failed on a write (the server reset the connection while the client was
/// sending), the server's alert may still wait unread in the socket buffer. Before the server's
/// Finished a TLS 1.2 alert is a plaintext record (RFC 5246 §6.2.1): read it without OpenSSL,
/// whose connection is broken by then. TLS 1.3 alerts after the ServerHello are encrypted and
/// stay unread.
void read_plaintext_alert(int fd, Recorder& r) {
  unsigned char buffer[16384];
  const ssize_t n = ::recv(fd, buffer, sizeof buffer, MSG_DONTWAIT);
  std::size_t i = 0;
  while (n > 0 && i + 5 <= static_cast<std::size_t>(n)) {
    const unsigned type = buffer[i];
    const std::size_t length = (std::size_t{buffer[i + 3]} << 8) | buffer[i + 4];
    if (type == SSL3_RT_ALERT && length == 2 && i + 7 <= static_cast<std::size_t>(n)) {
      on_message(0, 0, SSL3_RT_ALERT, buffer + i + 5, 2, nullptr, &r);
      return;
    }
    i += 5 + length;
  }
}

/// The TLS connection as a deadline-bound byte channel (for HTTP/1.1 and nghttp2).
class SslChannel final : public ByteChannel {
 public:
  SslChannel(SSL* ssl, int fd, Clock::time_point deadline, ProbeAttempt& a) : ssl_(ssl), fd_(fd), deadline_(deadline), a_(a) {}

  bool write_all(std::string_view bytes) override {
    while (!bytes.empty()) {
      ERR_clear_error();
      const int n = SSL_write(ssl_, bytes.data(), static_cast<int>(std::min<std::size_t>(bytes.size(), 16384)));
      if (n > 0) {
        bytes.remove_prefix(static_cast<std::size_t>(n));
        continue;
      }
      if (!handle_error(n)) return false;
    }
    return true;
  }

  long read_some(char* buffer, std::size_t size) override {
    while (true) {
      if (!stop_asking()) return -1;
      ERR_clear_error();
      const int n = SSL_read(ssl_, buffer, static_cast<int>(std::min<std::size_t>(size, 16384)));
      if (n > 0) return n;
      const int err = SSL_get_error(ssl_, n);
      if (err == SSL_ERROR_ZERO_RETURN) return 0;
      if (!handle_error(n)) return closed_ ? 0 : -1;
    }
  }

  /// After a failed write or a reset, read what the server already sent: the alert that says why
  /// it dropped the connection usually arrived before the reset and is still in the socket buffer
  /// (a TCP reset does not discard received data on Linux; RFC 9293 §3.10.7.4 leaves it open).
  /// Nothing waits past the deadline; a deadline that passes here is not the attempt's timeout.
  void drain() {
    if (a_.timed_out) return;
    const Clock::time_point saved = deadline_;
    deadline_ = std::min(deadline_, Clock::now() + std::chrono::milliseconds(500));
    char buffer[16384];
    std::size_t total = 0;
    while (total < kMaxDrain) {
      const long n = read_some(buffer, sizeof buffer);
      if (n <= 0) break;
      total += static_cast<std::size_t>(n);
    }
    deadline_ = saved;
    a_.timed_out = false;
  }

 private:
  /// False (and the reason recorded) once the server has asked too often on this connection.
  bool stop_asking() {
    if (a_.cert_requests > kMaxCertRequests) {
      if (a_.http_error.empty()) {
        a_.http_error = fmt::format("the server sent {} CertificateRequests on one connection without answering the "
                                    "request; the probe stopped there",
                                    a_.cert_requests);
      }
      return false;
    }
    if (a_.renegotiations > kMaxHelloRequests) {
      if (a_.http_error.empty()) {
        a_.http_error = fmt::format("the server sent {} HelloRequests on one connection (renegotiation refused after "
                                    "{}); the probe stopped there",
                                    a_.renegotiations, kMaxRenegotiations);
      }
      return false;
    }
    return true;
  }

  /// True to retry (after waiting); false when the connection is finished or failed.
  bool handle_error(int n) {
    const int saved_errno = errno;
    const int err = SSL_get_error(ssl_, n);
    if (err == SSL_ERROR_WANT_READ || err == SSL_ERROR_WANT_WRITE) {
      if (wait_for(fd_, err == SSL_ERROR_WANT_READ ? POLLIN : POLLOUT, deadline_)) return true;
      a_.timed_out = true;
      return false;
    }
    if (err == SSL_ERROR_SYSCALL) {
      if (saved_errno == ECONNRESET || saved_errno == EPIPE) {
        a_.tcp_reset = a_.tcp_reset || saved_errno == ECONNRESET;
        if (saved_errno == EPIPE && a_.tls_error.empty()) a_.tls_error = "the server closed the connection";
      } else if (saved_errno == 0) {
        closed_ = true;  // EOF without close_notify
      } else if (a_.tls_error.empty()) {
        a_.tls_error = std::strerror(saved_errno);
      }
      return false;
    }
    const std::string reason = take_openssl_error();
    if (a_.tls_error.empty() && !reason.empty()) a_.tls_error = reason;
    return false;
  }

  SSL* ssl_;
  int fd_;
  Clock::time_point deadline_;
  ProbeAttempt& a_;
  bool closed_ = false;
};

std::string alpn_wire(const std::string& list) {
  std::string wire;
  std::size_t start = 0;
  while (start <= list.size()) {
    const std::size_t comma = std::min(list.find(',', start), list.size());
    const std::string item = list.substr(start, comma - start);
    if (!item.empty() && item.size() < 256) {
      wire += static_cast<char>(item.size());
      wire += item;
    }
    start = comma + 1;
  }
  return wire;
}

/// One client context: the settings every attempt of a probe shares. Created once per probe and
/// identity choice (SSL_CTX_new costs about a millisecond of provider lookups in OpenSSL 3);
/// what differs per attempt (versions, ALPN, SNI, PHA, host check) is set on the SSL.
struct ProbeContext {
  SslCtxPtr ctx;
  std::string error;        ///< the context is unusable (no ctx), or the identity could not be used
  std::string trust_error;  ///< `--ca` could not be read: the server's chain is reported unverified
};

struct Shared {
  const ProbeOptions* options = nullptr;
  /// One budget for the whole probe (--timeout): a server that never answers costs the timeout
  /// once, not once per attempt.
  Clock::time_point deadline;
  Target target;
  const ClientIdentity* identity = nullptr;
  std::vector<CertificateFacts> server_chain;
  std::string address;
  ProbeContext contexts[2];  ///< [0] without the identity, [1] with it
  bool context_made[2] = {false, false};
};

ProbeContext make_context(const ProbeOptions& o, const ClientIdentity* identity) {
  ProbeContext out;
  out.ctx.reset(SSL_CTX_new(TLS_client_method()));
  if (!out.ctx) {
    out.error = "OpenSSL: " + take_openssl_error();
    return out;
  }
  SSL_CTX* ctx = out.ctx.get();
  SSL_CTX_set_max_cert_list(ctx, kMaxCertList);
  // Send exactly the chain the user gave: building it from the trust store would hide a client
  // that sends only its leaf (C6).
  SSL_CTX_set_mode(ctx, SSL_MODE_NO_AUTO_CHAIN);
  // The server's chain is verified for the report only; a failure never stops the probe.
  SSL_CTX_set_verify(ctx, SSL_VERIFY_NONE, nullptr);
  const ProbeTrust& trust = probe_trust(o.ca_file);
  if (trust.store) SSL_CTX_set1_cert_store(ctx, trust.store.get());
  out.trust_error = trust.error;
  SSL_CTX_set_cert_cb(ctx, on_certificate_request, nullptr);
  if (identity) {
    const ClientIdentity& id = *identity;
    bool ok = id.certificate && id.key && SSL_CTX_use_certificate(ctx, id.certificate.get()) == 1 &&
              SSL_CTX_use_PrivateKey(ctx, id.key.get()) == 1;
    for (const X509Ptr& c : id.chain) ok = ok && SSL_CTX_add1_chain_cert(ctx, c.get()) == 1;
    if (!ok) {
      out.error = id.key ? "the client identity could not be used: " + take_openssl_error()
                         : "the client identity has no private key, so no certificate can be presented";
      ERR_clear_error();
      // A context without the identity: the attempt still shows what the server does.
      ProbeContext plain = make_context(o, nullptr);
      out.ctx = std::move(plain.ctx);
    }
  }
  return out;
}

const ProbeContext& probe_context(Shared& s, bool with_identity) {
  const int i = with_identity ? 1 : 0;
  if (!s.context_made[i]) {
    s.contexts[i] = make_context(*s.options, with_identity ? s.identity : nullptr);
    s.context_made[i] = true;
  }
  return s.contexts[i];
}

void http1(SslChannel& channel, const Shared& s, ProbeAttempt& a, Clock::time_point start) {
  const std::string request = http1_request(s.options->method, s.target.host_header, s.target.url.path, s.options->headers);
  a.request_line = fmt::format("{} {} HTTP/1.1", s.options->method, s.target.url.path);
  if (!channel.write_all(request)) {
    a.http_error = a.tcp_reset ? "the server reset the connection before the request could be written"
                               : "the request could not be written";
    channel.drain();
    return;
  }
  a.request_sent = true;
  std::string bytes;
  char buffer[16384];
  bool closed = false;
  constexpr std::size_t limit = kMaxResponseHead + kMaxResponseBody + 8192;
  while (true) {
    const long n = channel.read_some(buffer, sizeof buffer);
    if (n <= 0) {
      closed = true;
      break;
    }
    if (a.response_ms == 0) a.response_ms = ms_since(start);
    bytes.append(buffer, static_cast<std::size_t>(std::min<long>(n, static_cast<long>(limit - std::min(bytes.size(), limit)))));
    const ResponseState st = response_state(bytes, false);
    if (st != ResponseState::incomplete || bytes.size() >= limit) break;
  }
  if (a.timed_out && a.http_error.empty()) {
    a.http_error = fmt::format("no complete HTTP answer ({} after {} bytes)", timeout_text(s.options->timeout),
                               bytes.size());
  }
  if (bytes.empty()) {
    if (closed && a.http_error.empty()) {
      a.http_error = a.tcp_reset ? "the server reset the connection without an HTTP answer"
                                 : "the server closed the connection without an HTTP answer";
    }
    if (closed) channel.drain();
    return;
  }
  auto response = parse_http_response(bytes);
  if (!response) {
    a.http_error = response.error().message;
    return;
  }
  a.http_version = response->version;
  a.http_status = response->status;
  a.http_reason = response->reason;
  a.body_bytes = response->body.size();
  a.body_truncated = response->body_truncated;
  a.server_header = header_value(*response, "Server").value_or("");
  a.iis_substatus = iis_substatus_from_body(response->body);
  a.server_reason = nginx_reason_from_body(response->body);
  if (a.server_reason.empty()) a.server_reason = certificate_error_from_body(response->body);
  keep_software_facts(a, response->headers, response->body);
}

void http2(SslChannel& channel, const Shared& s, ProbeAttempt& a, Clock::time_point start) {
  a.request_line = fmt::format("h2 {} {}", s.options->method, s.target.url.path);
  a.request_sent = true;
  H2Exchange ex = h2_exchange(channel, s.options->method, s.target.host_header, s.target.url.path, s.options->headers);
  a.response_ms = ms_since(start);
  a.http_version = "HTTP/2";
  a.http_status = ex.status;
  a.server_header = ex.server;
  a.body_bytes = ex.body.size();
  a.body_truncated = ex.body_truncated;
  a.h2_error = ex.error_code;
  if (!ex.status) {
    a.http_error = a.timed_out ? fmt::format("no HTTP/2 answer ({})", timeout_text(s.options->timeout)) : ex.error;
    channel.drain();
  }
  a.iis_substatus = iis_substatus_from_body(ex.body);
  a.server_reason = nginx_reason_from_body(ex.body);
  if (a.server_reason.empty()) a.server_reason = certificate_error_from_body(ex.body);
  keep_software_facts(a, {}, ex.body);  // h2: the Server header is ex.server, already kept
}

/// Run one attempt; everything that happens is recorded in `a`.
void run_attempt(const Plan& plan, Shared& s, ProbeAttempt& a) {
  const ProbeOptions& o = *s.options;
  const auto start = Clock::now();
  const auto deadline = s.deadline;
  a.purpose = plan.purpose;
  a.offered_alpn = plan.alpn;
  a.offered_pha = plan.pha;
  Recorder recorder{&a, start, false};

  Socket sock;
  sock.fd = tcp_connect(s.target.dial_host, s.target.dial_port, deadline, o.timeout, a, &s.address);
  a.connect_ms = ms_since(start);
  if (sock.fd < 0) {
    a.total_ms = ms_since(start);
    return;
  }
  a.connected = true;

  const ProbeContext& context = probe_context(s, plan.identity && s.identity);
  if (!context.ctx) {
    a.tls_error = context.error;
    return;
  }
  if (!context.trust_error.empty()) a.server_verify_error = context.trust_error;
  if (!context.error.empty()) {
    a.tls_error = context.error;  // the identity could not be used: the attempt runs without it
  } else {
    a.with_identity = plan.identity && s.identity;
  }
  a.tls_version_limit = plan.max_version == TLS1_2_VERSION ? "TLSv1.2" : plan.min_version == TLS1_3_VERSION ? "TLSv1.3" : "";
  SslPtr ssl(SSL_new(context.ctx.get()));
  if (!ssl) {
    a.tls_error = "OpenSSL: " + take_openssl_error();
    return;
  }
  SSL_set_app_data(ssl.get(), &recorder);
  if (plan.min_version) SSL_set_min_proto_version(ssl.get(), plan.min_version);
  if (plan.max_version) SSL_set_max_proto_version(ssl.get(), plan.max_version);
  SSL_set_msg_callback(ssl.get(), on_message);
  if (plan.pha) SSL_set_post_handshake_auth(ssl.get(), 1);
  if (!plan.alpn.empty()) {
    const std::string wire = alpn_wire(plan.alpn);
    SSL_set_alpn_protos(ssl.get(), reinterpret_cast<const unsigned char*>(wire.data()), static_cast<unsigned>(wire.size()));
  }
  if (plan.sni && !s.target.sni.empty()) {
    SSL_set_tlsext_host_name(ssl.get(), s.target.sni.c_str());
    a.sni = s.target.sni;
  }
  if (s.target.url.host_is_ip) {
    X509_VERIFY_PARAM_set1_ip_asc(SSL_get0_param(ssl.get()), s.target.url.host.c_str());
  } else {
    SSL_set1_host(ssl.get(), s.target.url.host.c_str());
  }
  SSL_set_fd(ssl.get(), sock.fd);

  SslChannel channel(ssl.get(), sock.fd, deadline, a);
  while (true) {
    ERR_clear_error();
    const int rc = SSL_connect(ssl.get());
    if (rc == 1) break;
    const int saved_errno = errno;
    const int err = SSL_get_error(ssl.get(), rc);
    if (err == SSL_ERROR_WANT_READ || err == SSL_ERROR_WANT_WRITE) {
      // OpenSSL ignores a HelloRequest during a handshake (RFC 5246 §7.4.1.1), so a server
      // sending nothing else would hold the attempt until the deadline.
      if (recorder.hello_requests > kMaxHelloRequests) {
        a.tls_error = fmt::format("the server sent {} HelloRequests instead of going on with the handshake; the probe "
                                  "stopped there",
                                  recorder.hello_requests);
      } else if (wait_for(sock.fd, err == SSL_ERROR_WANT_READ ? POLLIN : POLLOUT, deadline)) {
        continue;
      } else {
        a.timed_out = true;
        a.tls_error = fmt::format("the TLS handshake did not finish: {}", timeout_text(o.timeout));
      }
    } else if (err == SSL_ERROR_SYSCALL) {
      a.tcp_reset = saved_errno == ECONNRESET || saved_errno == EPIPE;
      a.tls_error = a.tcp_reset ? "the server reset the connection during the handshake"
                                : "the server closed the connection during the handshake";
      if (!a.alert) read_plaintext_alert(sock.fd, recorder);
    } else {
      a.tls_error = handshake_error_text(take_openssl_error());
    }
    a.handshake_ms = ms_since(start);
    a.total_ms = ms_since(start);
    return;
  }
  recorder.handshake_done = true;
  a.handshake_completed = true;
  a.handshake_ms = ms_since(start);
  a.tls_version = SSL_get_version(ssl.get());
  if (const char* cipher = SSL_get_cipher_name(ssl.get())) a.cipher = cipher;
  const unsigned char* proto = nullptr;
  unsigned proto_len = 0;
  SSL_get0_alpn_selected(ssl.get(), &proto, &proto_len);
  if (proto) a.alpn.assign(reinterpret_cast<const char*>(proto), proto_len);
  const long verify = SSL_get_verify_result(ssl.get());
  if (verify != X509_V_OK && a.server_verify_error.empty()) {
    a.server_verify_error = X509_verify_cert_error_string(verify);
  }
  if (s.server_chain.empty()) {
    if (STACK_OF(X509)* chain = SSL_get_peer_cert_chain(ssl.get())) {
      for (int i = 0; i < sk_X509_num(chain) && static_cast<std::size_t>(i) < kMaxServerChain; ++i) {
        s.server_chain.push_back(certificate_facts(sk_X509_value(chain, i), CertificateRole::server,
                                                         at_attempt(static_cast<std::uint64_t>(a.number), "server Certificate", "")));
      }
    }
  }
  // Browsers refuse renegotiation on an HTTP/2 connection (RFC 7540 §9.2.1); the browser-like
  // attempt does too, so it sees what a browser sees.
  if (plan.browser && a.alpn == "h2") SSL_set_options(ssl.get(), SSL_OP_NO_RENEGOTIATION);

  // Always write the request and read the answer: with TLS 1.3 the server's refusal of a missing
  // or bad certificate arrives after the client's handshake is complete (sslyze #472).
  if (a.alpn == "h2") {
    http2(channel, s, a, start);
  } else {
    http1(channel, s, a, start);
  }
  a.total_ms = ms_since(start);
}

std::string describe_browser(const ProbeAttempt& a) {
  if (a.skipped) return {};
  if (!a.connected) return fmt::format("A browser could not connect: {}.", a.connect_error);
  std::string out = fmt::format("A browser (ALPN {}, no post-handshake authentication, no renegotiation over h2) ",
                                a.offered_alpn.empty() ? "none" : a.offered_alpn);
  if (!a.handshake_completed) {
    // An alert the probe sent is its own OpenSSL's reaction, not what a browser meets.
    const bool server_alert = a.alert && !a.alert->sent;
    return out + fmt::format("fails the TLS handshake{}{}.", server_alert ? ": alert " + a.alert_text : "",
                             server_alert ? "" : (a.tls_error.empty() ? "" : ": " + a.tls_error));
  }
  out += fmt::format("gets {} over {}", a.tls_version, a.alpn.empty() ? "HTTP/1.1 (no ALPN)" : a.alpn);
  switch (a.cert_request) {
    case CertRequestTiming::handshake: out += ", is asked for its certificate during the handshake"; break;
    case CertRequestTiming::renegotiation: out += ", is asked for its certificate by renegotiation after the request"; break;
    case CertRequestTiming::post_handshake: out += ", is asked by post-handshake authentication it did not offer"; break;
    case CertRequestTiming::none: out += ", is never asked for a certificate"; break;
  }
  if (a.http_status) {
    out += fmt::format(" and the answer is HTTP {}{}", *a.http_status,
                       !a.iis_substatus.empty() ? " (" + a.iis_substatus + ")"
                                                : !a.server_reason.empty() ? " (\"" + a.server_reason + "\")" : "");
  } else if (a.alert && !a.alert->sent) {
    out += fmt::format(" and the connection ends with alert {}", a.alert_text);
  } else if (a.h2_error) {
    out += fmt::format(" and the stream is reset with HTTP/2 error {}{}", *a.h2_error,
                       *a.h2_error == 13 ? " (HTTP_1_1_REQUIRED)" : "");
  } else if (a.tcp_reset) {
    out += " and the connection is reset";
  } else if (!a.http_error.empty()) {
    out += " and " + a.http_error;
  }
  return out + ".";
}

void skip(ProbeAttempt& a, std::string purpose, std::string reason) {
  a.purpose = std::move(purpose);
  a.skipped = true;
  a.skip_reason = std::move(reason);
}

}  // namespace

Expected<Done> validate_probe_options(const ProbeOptions& o) {
  auto url = parse_https_url(o.url);
  if (!url) return unexpected(url.error());
  if (!o.connect.empty()) {
    auto hp = parse_host_port(o.connect);
    if (!hp) return unexpected(hp.error().message, "--connect");
  }
  if (!o.tls_version.empty() && o.tls_version != "1.2" && o.tls_version != "1.3") {
    return unexpected("--tls must be 1.2 or 1.3");
  }
  if (o.timeout.count() <= 0 || o.timeout > std::chrono::minutes(10)) return unexpected("--timeout must be between 0 and 600 seconds");
  if (o.method.empty() || o.method.find_first_of(" \r\n") != std::string::npos) return unexpected("bad --method");
  for (const std::string& h : o.headers) {
    if (h.find(':') == std::string::npos || h.find_first_of("\r\n") != std::string::npos) {
      return unexpected(fmt::format("--header '{}' is not 'Name: value'", h));
    }
  }
  if (!o.sni.empty() && o.no_sni) return unexpected("give --sni or --no-sni, not both");
  return Done{};
}

Expected<ProbeResult> run_probe(const ProbeOptions& o) {
  if (auto ok = validate_probe_options(o); !ok) return unexpected(ok.error());
  // A server closing mid-write must not kill the process: OpenSSL's socket BIO uses write(2).
  static std::once_flag sigpipe;
  std::call_once(sigpipe, [] { std::signal(SIGPIPE, SIG_IGN); });

  Shared s;
  s.options = &o;
  s.target.url = *parse_https_url(o.url);
  s.target.dial_host = s.target.url.host;
  s.target.dial_port = s.target.url.port;
  if (!o.connect.empty()) {
    auto hp = *parse_host_port(o.connect);
    s.target.dial_host = hp.first;
    s.target.dial_port = hp.second;
  }
  if (!o.no_sni) s.target.sni = !o.sni.empty() ? o.sni : (s.target.url.host_is_ip ? "" : s.target.url.host);
  const bool v6 = s.target.url.host.find(':') != std::string::npos;
  const std::string host = v6 ? "[" + s.target.url.host + "]" : s.target.url.host;
  s.target.host_header = s.target.url.port == 443 ? host : fmt::format("{}:{}", host, s.target.url.port);

  ProbeResult result;
  ClientIdentity identity;
  if (!o.identity.empty()) {
    auto loaded = load_client_identity(o.identity, o.password ? o.password : PasswordProvider([] {
      return Expected<Secret>(unexpected("a password is needed; use --password-file or --password-env"));
    }));
    if (!loaded) return unexpected(loaded.error());
    identity = std::move(*loaded);
    s.identity = &identity;
    if (identity.certificate) {
      result.identity.push_back(certificate_facts(identity.certificate.get(), CertificateRole::client,
                                                        at_input("certificate", o.identity.pfx_file.empty() ? o.identity.cert_file : o.identity.pfx_file, "")));
    }
    for (const X509Ptr& c : identity.chain) {
      result.identity.push_back(certificate_facts(c.get(), X509_check_issued(c.get(), c.get()) == X509_V_OK ? CertificateRole::root : CertificateRole::intermediate,
                                                        at_input("certificate", o.identity.chain_file.empty() ? o.identity.pfx_file.empty() ? o.identity.cert_file : o.identity.pfx_file : o.identity.chain_file, "")));
    }
  }

  int min_version = 0;
  int max_version = 0;
  if (o.tls_version == "1.2") min_version = max_version = TLS1_2_VERSION;
  if (o.tls_version == "1.3") min_version = max_version = TLS1_3_VERSION;
  const bool have_identity = s.identity != nullptr;

  ProbeEvidence& p = result.probe;
  p.target = o.url;
  p.host = s.target.url.host;
  p.port = s.target.url.port;
  p.path = s.target.url.path;
  p.identity_given = have_identity;
  p.attempts.resize(4);
  for (std::size_t i = 0; i < p.attempts.size(); ++i) p.attempts[i].number = static_cast<int>(i + 1);

  // 1. What a browser does: no certificate, h2 preferred, no post_handshake_auth, a real request.
  Plan browser{"as a browser would: no client certificate, ALPN " + o.alpn + ", no post-handshake authentication",
               false, false, o.alpn, true, max_version, min_version, true};
  // The budget starts with the first connection (loading the identity is not the server's time).
  s.deadline = Clock::now() + o.timeout;
  run_attempt(browser, s, p.attempts[0]);
  const ProbeAttempt& first = p.attempts[0];
  // The budget is shared: once it is spent (a server that never answers spends it in attempt 1),
  // the later attempts are listed as not run rather than each failing at once.
  const auto out_of_time = [&] { return remaining_ms(s.deadline) < 50; };
  const std::string no_time = "no time left: " + timeout_text(o.timeout);

  // 2. With the identity over HTTP/1.1, following renegotiation and offering PHA: shows a request
  //    that comes only after the HTTP request, and what the server makes of the certificate.
  const std::string second_purpose =
      have_identity ? "with the client certificate, HTTP/1.1, offering post-handshake authentication and following renegotiation"
                    : "no client identity given: HTTP/1.1, offering post-handshake authentication and following renegotiation, "
                      "to see when the server asks";
  if (!first.connected) {
    skip(p.attempts[1], second_purpose, "the server could not be reached");
  } else if (out_of_time()) {
    skip(p.attempts[1], second_purpose, no_time);
  } else {
    run_attempt(Plan{second_purpose, true, true, "http/1.1", true, max_version, min_version, false}, s, p.attempts[1]);
  }
  const ProbeAttempt& second = p.attempts[1];

  // 3. TLS 1.2 only: a server that asks by post-handshake auth under TLS 1.3 usually asks by
  //    renegotiation under TLS 1.2 (Apache per-directory SSLVerifyClient, IIS without
  //    clientcertnegotiation): what TLS 1.2 clients meet.
  const std::string third_purpose = "TLS 1.2 only, HTTP/1.1, following renegotiation";
  if (!first.connected) {
    skip(p.attempts[2], third_purpose, "the server could not be reached");
  } else if (!o.tls_version.empty()) {
    skip(p.attempts[2], third_purpose, "--tls " + o.tls_version + " fixes the version");
  } else if (second.tls_version != "TLSv1.3") {
    skip(p.attempts[2], third_purpose, second.handshake_completed ? "attempt 2 already used TLS 1.2" : "attempt 2 did not complete a TLS 1.3 handshake");
  } else if (second.cert_request == CertRequestTiming::handshake) {
    skip(p.attempts[2], third_purpose, "the server already asks during the TLS 1.3 handshake");
  } else if (out_of_time()) {
    skip(p.attempts[2], third_purpose, no_time);
  } else {
    run_attempt(Plan{third_purpose, true, false, "http/1.1", true, TLS1_2_VERSION, 0, false}, s, p.attempts[2]);
  }

  // 4. Without SNI: on IIS, a hostname:port (SNI) binding and the IP:port binding are separate
  //    http.sys bindings with their own CTL store and negotiation flag (C10).
  const std::string fourth_purpose = "as attempt 2 but without SNI (reaches the IP:port binding on IIS)";
  if (!first.connected) {
    skip(p.attempts[3], fourth_purpose, "the server could not be reached");
  } else if (s.target.sni.empty()) {
    skip(p.attempts[3], fourth_purpose, o.no_sni ? "--no-sni: no attempt sends SNI" : "the target is an IP address: no SNI is sent");
  } else if (out_of_time()) {
    skip(p.attempts[3], fourth_purpose, no_time);
  } else {
    Plan plan{fourth_purpose, true, true, "http/1.1", false, max_version, min_version, false};
    run_attempt(plan, s, p.attempts[3]);
  }

  p.attempts[3].sni_comparison = true;
  p.address = s.address;
  p.server_chain = std::move(s.server_chain);
  p.browser_experience = describe_browser(first);
  auto software = knowledge::recognise_server(p);
  p.server_software = software.software;
  p.server_software_basis = std::move(software.basis);
  return result;
}

}  // namespace mtls::tls
