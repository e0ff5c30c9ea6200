// SPDX-License-Identifier: Apache-2.0
#include "capture/tls_handshake_parser.h"

#include <fmt/format.h>

#include <array>

#include "knowledge/tls_handshake.h"

namespace mtls::capture {
namespace {

/// Bounds-checked reading of TLS presentation-language vectors (RFC 8446 §3.4).
class Cursor {
 public:
  explicit Cursor(std::string_view b) : b_(b) {}
  [[nodiscard]] bool ok() const { return ok_; }
  [[nodiscard]] bool empty() const { return b_.empty(); }
  [[nodiscard]] std::size_t size() const { return b_.size(); }
  std::uint32_t uint(int bytes) {
    if (!ok_ || b_.size() < static_cast<std::size_t>(bytes)) {
      ok_ = false;
      return 0;
    }
    std::uint32_t v = 0;
    for (int i = 0; i < bytes; ++i) v = v << 8 | static_cast<unsigned char>(b_[static_cast<std::size_t>(i)]);
    b_.remove_prefix(static_cast<std::size_t>(bytes));
    return v;
  }
  std::string_view take(std::size_t n) {
    if (!ok_ || b_.size() < n) {
      ok_ = false;
      return {};
    }
    std::string_view out = b_.substr(0, n);
    b_.remove_prefix(n);
    return out;
  }
  /// A vector with a `bytes`-wide length prefix.
  std::string_view vec(int bytes) { return take(uint(bytes)); }

 private:
  std::string_view b_;
  bool ok_ = true;
};

// RFC 8446 §4.1.3: a ServerHello with this random is a HelloRetryRequest.
constexpr std::array<unsigned char, 32> hrr_random{
    0xCF, 0x21, 0xAD, 0x74, 0xE5, 0x9A, 0x61, 0x11, 0xBE, 0x1D, 0x8C, 0x02, 0x1E, 0x65, 0xB8, 0x91,
    0xC2, 0xA2, 0x11, 0x16, 0x7A, 0xBB, 0x8C, 0x5E, 0x07, 0x9E, 0x09, 0xE2, 0xC8, 0xA8, 0x33, 0x9C};

constexpr std::uint16_t ext_server_name = 0;
constexpr std::uint16_t ext_signature_algorithms = 13;
constexpr std::uint16_t ext_alpn = 16;
constexpr std::uint16_t ext_certificate_authorities = 47;
constexpr std::uint16_t ext_supported_versions = 43;
constexpr std::uint16_t ext_post_handshake_auth = 49;
constexpr std::uint16_t ext_renegotiation_info = 0xFF01;

Unexpected<Error> malformed(std::string_view what) {
  return unexpected(fmt::format("malformed {}", what));
}

void read_signature_algorithms(std::string_view data, std::vector<std::uint16_t>& out) {
  Cursor c(data);
  Cursor list(c.vec(2));
  while (list.ok() && list.size() >= 2) out.push_back(static_cast<std::uint16_t>(list.uint(2)));
}

bool read_ca_names(std::string_view data, std::vector<std::string>& out) {
  Cursor list(data);
  while (list.ok() && !list.empty()) {
    std::string_view dn = list.vec(2);
    if (!list.ok()) return false;
    if (out.size() >= max_ca_names) return false;
    out.emplace_back(dn);
  }
  return list.ok();
}

}  // namespace

std::string tls_version_name(std::uint16_t version) {
  switch (version) {
    case 0x0300: return "SSLv3";
    case 0x0301: return "TLSv1.0";
    case 0x0302: return "TLSv1.1";
    case 0x0303: return "TLSv1.2";
    case 0x0304: return "TLSv1.3";
    default: return fmt::format("0x{:04X}", version);
  }
}

Expected<ClientHello> parse_client_hello(std::string_view body) {
  Cursor c(body);
  ClientHello h;
  h.legacy_version = static_cast<std::uint16_t>(c.uint(2));
  h.random = std::string(c.take(32));
  c.vec(1);  // legacy_session_id
  Cursor suites(c.vec(2));
  while (suites.ok() && suites.size() >= 2) {
    if (suites.uint(2) == 0x00FF) h.renegotiation_info = true;  // TLS_EMPTY_RENEGOTIATION_INFO_SCSV
  }
  c.vec(1);  // legacy_compression_methods
  if (!c.ok()) return malformed("ClientHello");
  if (c.empty()) return h;  // no extensions (SSLv3-era clients)
  Cursor exts(c.vec(2));
  while (exts.ok() && !exts.empty()) {
    const auto type = static_cast<std::uint16_t>(exts.uint(2));
    std::string_view data = exts.vec(2);
    if (!exts.ok()) break;
    Cursor e(data);
    switch (type) {
      case ext_server_name: {
        Cursor list(e.vec(2));
        while (list.ok() && !list.empty()) {
          const auto name_type = list.uint(1);
          std::string_view name = list.vec(2);
          if (list.ok() && name_type == 0 && h.sni.empty()) h.sni = std::string(name);
        }
        break;
      }
      case ext_alpn: {
        Cursor list(e.vec(2));
        while (list.ok() && !list.empty() && h.alpn.size() < 64) {
          std::string_view proto = list.vec(1);
          if (list.ok()) h.alpn.emplace_back(proto);
        }
        break;
      }
      case ext_supported_versions: {
        Cursor list(e.vec(1));
        while (list.ok() && list.size() >= 2) h.supported_versions.push_back(static_cast<std::uint16_t>(list.uint(2)));
        break;
      }
      case ext_post_handshake_auth: h.post_handshake_auth = true; break;
      case ext_renegotiation_info: h.renegotiation_info = true; break;
      default: break;
    }
  }
  if (!exts.ok()) return malformed("ClientHello extensions");
  return h;
}

Expected<ServerHello> parse_server_hello(std::string_view body) {
  Cursor c(body);
  ServerHello h;
  h.legacy_version = static_cast<std::uint16_t>(c.uint(2));
  h.version = h.legacy_version;
  h.random = std::string(c.take(32));
  c.vec(1);  // session id
  h.cipher_suite = static_cast<std::uint16_t>(c.uint(2));
  c.uint(1);  // compression
  if (!c.ok()) return malformed("ServerHello");
  h.hello_retry_request = h.random.size() == 32 &&
                          std::equal(hrr_random.begin(), hrr_random.end(), h.random.begin(),
                                     [](unsigned char a, char b) { return a == static_cast<unsigned char>(b); });
  if (c.empty()) return h;
  Cursor exts(c.vec(2));
  while (exts.ok() && !exts.empty()) {
    const auto type = static_cast<std::uint16_t>(exts.uint(2));
    std::string_view data = exts.vec(2);
    if (!exts.ok()) break;
    Cursor e(data);
    if (type == ext_supported_versions) {
      const auto v = static_cast<std::uint16_t>(e.uint(2));
      if (e.ok()) h.version = v;
    } else if (type == ext_alpn) {
      Cursor list(e.vec(2));
      std::string_view proto = list.vec(1);
      if (list.ok()) h.alpn = std::string(proto);
    }
  }
  if (!exts.ok()) return malformed("ServerHello extensions");
  return h;
}

Expected<CertificateList> parse_certificate(std::string_view body, bool tls13) {
  Cursor c(body);
  if (tls13) c.vec(1);  // certificate_request_context
  Cursor list(c.vec(3));
  if (!c.ok()) return malformed("Certificate");
  CertificateList out;
  while (list.ok() && !list.empty()) {
    std::string_view der = list.vec(3);
    if (tls13) list.vec(2);  // per-certificate extensions
    if (!list.ok()) return malformed("Certificate entry");
    if (out.certificates.size() >= max_chain) return unexpected(fmt::format("Certificate carries more than {} certificates", max_chain));
    out.certificates.emplace_back(der);
  }
  return out;
}

Expected<CertificateRequestInfo> parse_certificate_request(std::string_view body, bool tls13) {
  Cursor c(body);
  CertificateRequestInfo out;
  if (!tls13) {
    Cursor types(c.vec(1));
    while (types.ok() && !types.empty()) out.certificate_types.push_back(static_cast<std::uint8_t>(types.uint(1)));
    // TLS 1.0/1.1 have no supported_signature_algorithms; a CA list length then follows directly.
    // Decide by what parses: TLS 1.2 is the case that matters here (RFC 5246 §7.4.4).
    Cursor probe = c;
    Cursor algs(probe.vec(2));
    Cursor cas(probe.vec(2));
    if (probe.ok() && probe.empty()) {
      while (algs.ok() && algs.size() >= 2) out.signature_algorithms.push_back(static_cast<std::uint16_t>(algs.uint(2)));
      c = probe;
      if (!read_ca_names(cas.take(cas.size()), out.certificate_authorities)) {
        return malformed("CertificateRequest certificate_authorities");
      }
      return out;
    }
    Cursor cas_only(c.vec(2));
    if (!c.ok() || !c.empty()) return malformed("CertificateRequest");
    if (!read_ca_names(cas_only.take(cas_only.size()), out.certificate_authorities)) {
      return malformed("CertificateRequest certificate_authorities");
    }
    return out;
  }
  c.vec(1);  // certificate_request_context
  Cursor exts(c.vec(2));
  if (!c.ok()) return malformed("CertificateRequest");
  while (exts.ok() && !exts.empty()) {
    const auto type = static_cast<std::uint16_t>(exts.uint(2));
    std::string_view data = exts.vec(2);
    if (!exts.ok()) break;
    if (type == ext_signature_algorithms) read_signature_algorithms(data, out.signature_algorithms);
    if (type == ext_certificate_authorities) {
      Cursor e(data);
      std::string_view list = e.vec(2);
      if (!e.ok() || !read_ca_names(list, out.certificate_authorities)) {
        return malformed("CertificateRequest certificate_authorities");
      }
    }
  }
  if (!exts.ok()) return malformed("CertificateRequest extensions");
  return out;
}

bool looks_like_client_hello(std::string_view b) {
  if (b.size() < 6) return false;
  const auto u = [&](std::size_t i) { return static_cast<unsigned char>(b[i]); };
  return u(0) == tls_handshake && u(1) == 3 && u(2) <= 4 && u(5) == hs_client_hello;
}

void TlsRecordParser::fail(std::string message, std::uint64_t frame) {
  problem_ = Error{std::move(message), fmt::format("frame {}", frame)};
  partial_.clear();
  handshake_.clear();
}

void TlsRecordParser::feed(std::string_view bytes, std::uint64_t frame, TlsEvents& events) {
  while (!bytes.empty() && !problem_) {
    // Complete a record from partial_ + bytes without copying whole records when they arrive whole.
    if (partial_.empty() && bytes.size() >= 5) {
      const std::size_t len = static_cast<unsigned char>(bytes[3]) << 8 | static_cast<unsigned char>(bytes[4]);
      if (len > max_record) return fail(fmt::format("record length {} exceeds the TLS maximum", len), frame);
      if (bytes.size() >= 5 + len) {
        const auto type = static_cast<std::uint8_t>(bytes[0]);
        const auto major = static_cast<unsigned char>(bytes[1]);
        if (major != 3) return fail("not a TLS record (version byte)", frame);
        record(type, bytes.substr(5, len), frame, events);
        bytes.remove_prefix(5 + len);
        continue;
      }
    }
    // Slow path: accumulate.
    std::size_t need = 5;
    if (partial_.size() >= 5) {
      need = 5 + (static_cast<unsigned char>(partial_[3]) << 8 | static_cast<unsigned char>(partial_[4]));
    }
    const std::size_t take = std::min(need - partial_.size(), bytes.size());
    partial_.append(bytes.substr(0, take));
    bytes.remove_prefix(take);
    if (partial_.size() == 5) {
      const std::size_t len = static_cast<unsigned char>(partial_[3]) << 8 | static_cast<unsigned char>(partial_[4]);
      if (len > max_record) return fail(fmt::format("record length {} exceeds the TLS maximum", len), frame);
      if (static_cast<unsigned char>(partial_[1]) != 3) return fail("not a TLS record (version byte)", frame);
      need = 5 + len;
    }
    if (partial_.size() >= 5 && partial_.size() == need) {
      const std::string rec = std::move(partial_);
      partial_.clear();
      record(static_cast<std::uint8_t>(rec[0]), std::string_view(rec).substr(5), frame, events);
    }
  }
}

void TlsRecordParser::record(std::uint8_t type, std::string_view body, std::uint64_t frame, TlsEvents& events) {
  ++records_;
  if (type < tls_change_cipher_spec || type > tls_heartbeat) {
    return fail(fmt::format("not a TLS record (content type {})", type), frame);
  }
  if (type == tls_change_cipher_spec) {
    events.on_change_cipher_spec(frame);
    return;
  }
  // A 2-byte alert is in the clear even after keys changed: a protected alert carries at least a
  // MAC or AEAD tag (peers that fail before their keys are ready send plaintext alerts).
  if (type == tls_alert && body.size() == 2) {
    events.on_alert(static_cast<std::uint8_t>(body[0]), static_cast<std::uint8_t>(body[1]), frame);
    return;
  }
  if (encrypted_ || type == tls_application_data || type == tls_heartbeat) {
    events.on_encrypted_record(type, body, frame);
    return;
  }
  if (type == tls_alert) {
    return fail("alert record with a length other than 2 in the clear", frame);
  }
  // Handshake messages may span records and records may hold several messages (RFC 8446 §5.1).
  std::string_view data = body;
  std::string joined;
  if (!handshake_.empty()) {
    handshake_.append(body);
    joined = std::move(handshake_);
    handshake_.clear();
    data = joined;
  }
  while (data.size() >= 4) {
    const std::size_t len = static_cast<unsigned char>(data[1]) << 16 | static_cast<unsigned char>(data[2]) << 8 |
                            static_cast<unsigned char>(data[3]);
    if (len > max_handshake_message) {
      return fail(fmt::format("{} of {} bytes exceeds the limit of {}",
                              knowledge::handshake_message_name(static_cast<std::uint8_t>(data[0])), len, max_handshake_message),
                  frame);
    }
    if (data.size() < 4 + len) break;
    const auto msg_type = static_cast<std::uint8_t>(data[0]);
    const std::string_view msg = data.substr(4, len);
    data.remove_prefix(4 + len);
    events.on_handshake(msg_type, msg, frame);
    if (encrypted_) {
      // Keys changed inside this record (TLS 1.3 past ServerHello): the rest is not cleartext.
      if (!data.empty()) events.on_encrypted_record(type, std::string_view(), frame);
      return;
    }
  }
  handshake_.assign(data);
}

}  // namespace mtls::capture
