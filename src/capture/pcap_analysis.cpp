// SPDX-License-Identifier: Apache-2.0
#include "capture/pcap_analysis.h"

#include <algorithm>
#include <array>
#include <chrono>
#include <cstring>
#include <fmt/chrono.h>
#include <fmt/format.h>
#include <map>
#include <memory>
#include <set>
#include <unordered_map>

#include "capture/keylog.h"
#include "capture/packet_decoder.h"
#include "capture/tcp_reassembly.h"
#include "capture/tls_handshake_parser.h"
#include "knowledge/tls_alerts.h"
#include "knowledge/tls_parameters.h"
#include "tls/distinguished_name.h"
#include "tls/record_decryptor.h"

namespace mtls::capture {
namespace {

constexpr std::uint16_t tls13 = 0x0304;

std::string hex(std::string_view b) {
  static constexpr char digits[] = "0123456789abcdef";
  std::string out;
  for (unsigned char c : b) {
    out += digits[c >> 4];
    out += digits[c & 0x0F];
  }
  return out;
}

std::string rfc3339(std::int64_t ns) {
  // Capture timestamps are untrusted: outside years 1970..9999 there is nothing sensible to print
  // (and fmt would throw).
  if (ns < 0 || ns / 1'000'000'000 > 253'402'300'799) return {};
  const std::chrono::sys_time<std::chrono::microseconds> t{std::chrono::microseconds{ns / 1000}};
  return fmt::format("{:%Y-%m-%dT%H:%M:%S}Z", t);
}

/// Parsing the same DER over and over (every connection to one server) is the expensive part of a
/// big capture: remember recent results.
class DerCache {
 public:
  const CertificateFacts* certificate(std::string_view der, CertificateRole role) {
    auto it = certs_.find(std::string(der));
    if (it == certs_.end()) {
      if (certs_.size() > 4096) certs_.clear();
      auto facts = tls::certificate_facts_from_der(der, role);
      it = certs_.emplace(std::string(der), facts ? std::optional<CertificateFacts>(std::move(*facts)) : std::nullopt).first;
    }
    if (!it->second) return nullptr;
    it->second->role = role;
    return &*it->second;
  }
  const DistinguishedName* name(std::string_view der) {
    auto it = names_.find(std::string(der));
    if (it == names_.end()) {
      if (names_.size() > 65536) names_.clear();
      auto dn = tls::parse_distinguished_name(der);
      it = names_.emplace(std::string(der), dn ? std::optional<DistinguishedName>(std::move(*dn)) : std::nullopt).first;
    }
    return it->second ? &*it->second : nullptr;
  }

 private:
  std::unordered_map<std::string, std::optional<CertificateFacts>> certs_;
  std::unordered_map<std::string, std::optional<DistinguishedName>> names_;
};

struct Shared {
  std::string file;
  PcapEvidence* evidence = nullptr;
  DerCache cache;
  std::uint64_t last_request_frame = 0;
  std::size_t detailed = 0;
  std::size_t max_detailed = 0;
  const KeyLog* keylog = nullptr;  ///< --keylog: decrypt the connections it has secrets for
};

class Connection;

class DirectionEvents final : public TlsEvents {
 public:
  DirectionEvents(Connection& c, int d) : conn_(c), dir_(d) {}
  void on_handshake(std::uint8_t type, std::string_view body, std::uint64_t frame) override;
  void on_alert(std::uint8_t level, std::uint8_t description, std::uint64_t frame) override;
  void on_change_cipher_spec(std::uint64_t frame) override;
  void on_encrypted_record(std::uint8_t content_type, std::string_view body, std::uint64_t frame) override;

 private:
  Connection& conn_;
  int dir_;
};

/// What decrypted records of one direction contain (fed through a second record parser, so
/// handshake messages split across records are joined the same way as in the clear).
class DecryptedEvents final : public TlsEvents {
 public:
  DecryptedEvents(Connection& c, int d) : conn_(c), dir_(d) {}
  void on_handshake(std::uint8_t type, std::string_view body, std::uint64_t frame) override;
  void on_alert(std::uint8_t level, std::uint8_t description, std::uint64_t frame) override;
  void on_change_cipher_spec(std::uint64_t) override {}
  void on_encrypted_record(std::uint8_t, std::string_view, std::uint64_t) override {}

 private:
  Connection& conn_;
  int dir_;
};

/// --keylog: the read state of one direction.
struct DecryptDirection {
  std::optional<tls::RecordDecryptor> active;
  /// TLS 1.2: the keys of the handshake in progress; they take over at this side's next
  /// ChangeCipherSpec (RFC 5246 §7.1), the initial one or a renegotiation's.
  std::optional<tls::RecordDecryptor> pending;
  TlsRecordParser inner;
  std::uint64_t records = 0;  ///< decrypted
  std::uint64_t skipped = 0;  ///< encrypted records not decrypted (no keys, or after a failure)
  bool stopped = false;
  bool finished = false;      ///< this side's Finished was read
};

struct Decryption {
  explicit Decryption(Connection& c) : events{DecryptedEvents(c, 0), DecryptedEvents(c, 1)} {}
  const KeyLogSecrets* secrets = nullptr;
  std::uint16_t suite = 0;
  bool renegotiating = false;        ///< TLS 1.2: a HelloRequest or ClientHello was read under encryption
  std::string renegotiation_random;  ///< the renegotiation's ClientHello random
  DecryptDirection dir[2];
  DecryptedEvents events[2];
  std::string wire;  ///< a decrypted record, re-framed for the inner parser
};

struct Direction {
  TcpStream stream;
  TlsRecordParser tls;
  std::uint64_t encrypted_handshakes = 0;
  bool application_data = false;
  bool fin = false;
};

class Connection {
 public:
  Connection(Shared& shared, Endpoint client, Endpoint server)
      : shared_(shared), client_(client), server_(server), events_{DirectionEvents(*this, 0), DirectionEvents(*this, 1)} {}

  int direction_of(const Endpoint& source) const { return source == client_ ? 0 : 1; }

  void segment(const TcpSegment& s, std::uint64_t frame, std::int64_t time_ns) {
    if (out_.first_frame == 0) {
      out_.first_frame = frame;
      first_ns_ = time_ns;
    }
    out_.last_frame = frame;
    last_ns_ = time_ns;
    const int d = direction_of(s.source);
    if (s.flags & tcp_rst) {
      out_.resets.push_back(fmt::format("RST from {}, frame {}", d == 0 ? "client" : "server", frame));
    }
    if (s.flags & tcp_fin) dir_[d].fin = true;
    if (ignored_) return;
    dir_[d].stream.add(s.seq, (s.flags & tcp_syn) != 0, s.payload, s.missing, frame,
                       [&](std::string_view bytes, std::uint64_t f) { deliver(d, bytes, f); });
  }

  [[nodiscard]] bool closed() const { return dir_[0].fin && dir_[1].fin; }
  [[nodiscard]] bool is_tls() const { return tls_; }
  /// One of the first `max_connections` TLS connections to start: the only ones summarised.
  [[nodiscard]] bool detailed() const { return detailed_; }

  PcapConnection finish() {
    static constexpr const char* names[] = {"client->server", "server->client"};
    out_.file = shared_.file;
    out_.client = to_string(client_);
    out_.server = to_string(server_);
    for (int d = 0; d < 2; ++d) {
      dir_[d].stream.finish();
      if (dir_[d].stream.has_gap()) {
        out_.notes.push_back(fmt::format("{}: {}; the analysis of that direction stopped there", names[d],
                                         dir_[d].stream.gap()));
      }
      if (const auto& p = dir_[d].tls.problem()) {
        out_.notes.push_back(fmt::format("{}: {}: {}; the rest of that direction was not parsed", names[d], p->where,
                                         p->message));
      }
    }
    // Merged or re-timed captures can go backwards in time.
    out_.duration_ms = last_ns_ > first_ns_ ? (static_cast<double>(last_ns_) - static_cast<double>(first_ns_)) / 1e6 : 0.0;
    out_.start_time = rfc3339(first_ns_);
    if (out_.server_hello_frame == 0) out_.notes.emplace_back("no ServerHello seen");
    if (decrypt_) finish_decryption();
    // A CertificateRequest inside a renegotiation comes from the server: only a server that sent
    // handshake records again after its Finished can have asked. A renegotiation only the client
    // started (its new ClientHello) and the server refused (no_renegotiation warning, RFC 5246
    // §7.2.2, or just a close; nginx refuses every client-initiated renegotiation) asked nothing.
    const bool server_renegotiated = dir_[1].encrypted_handshakes >= 2;
    if (out_.cert_request == CertRequestTiming::none && out_.renegotiation_frame && out_.decrypted) {
      out_.notes.push_back(fmt::format("renegotiation at frame {} read with the key log: no CertificateRequest in it",
                                       *out_.renegotiation_frame));
    } else if (out_.cert_request == CertRequestTiming::none && out_.renegotiation_frame && !out_.handshake_encrypted) {
      if (server_renegotiated) {
        // TLS 1.2: the initial handshake asked nothing, and handshake records flowed again under
        // encryption: the classic late request by renegotiation (IIS without Negotiate Client
        // Certificate). Probable, not read: those records are encrypted.
        out_.cert_request = CertRequestTiming::renegotiation;
        out_.notes.push_back(fmt::format(
            "probable renegotiation at frame {}: encrypted handshake records after the handshake finished; "
            "a CertificateRequest inside it cannot be read without the session keys",
            *out_.renegotiation_frame));
      } else {
        out_.notes.push_back(fmt::format(
            "the client started a renegotiation at frame {} (an encrypted handshake record after its Finished) "
            "and the server sent no handshake record after its own: the server refused or ignored it, so no "
            "certificate was requested there",
            *out_.renegotiation_frame));
      }
    }
    if (out_.client_cert.empty()) {
      // TLS 1.3, or a TLS 1.2 renegotiation the server took part in (where a certificate would
      // have gone): unread unless every record was decrypted.
      const bool unread =
          (out_.handshake_encrypted || (out_.renegotiation_frame && server_renegotiated)) && !out_.decrypted;
      out_.client_cert = unread ? "encrypted" : "none";
    }
    if (out_.handshake_encrypted && out_.decrypted) {
      // handshake_finished: both Finished messages read (finish_decryption).
    } else if (out_.handshake_encrypted && decrypt_) {
      out_.notes.emplace_back(
          "TLS 1.3: not every encrypted record could be decrypted (see the notes above); what was read is "
          "reported, but the capture cannot show that the server never asked.");
      out_.handshake_finished = dir_[0].application_data && dir_[1].application_data;
    } else if (out_.handshake_encrypted) {
      out_.notes.emplace_back(
          "TLS 1.3: everything after the ServerHello is encrypted; whether the server sent a "
          "CertificateRequest (in the handshake or post-handshake) and whether the client answered with a "
          "certificate cannot be read from the capture. Alerts, resets and timing still can.");
      out_.handshake_finished = dir_[0].application_data && dir_[1].application_data;
    } else {
      out_.handshake_finished = dir_[0].encrypted_handshakes > 0 && dir_[1].encrypted_handshakes > 0;
    }
    out_.origin = at_frame(shared_.file, out_.client_hello_frame ? out_.client_hello_frame : out_.first_frame,
                           fmt::format("ClientHello {} -> {}{}", out_.client, out_.server,
                                       out_.sni.empty() ? "" : " SNI " + out_.sni));
    return std::move(out_);
  }

  // Called from DirectionEvents.
  void handshake(int d, std::uint8_t type, std::string_view body, std::uint64_t frame);
  void alert(int d, std::uint8_t level, std::uint8_t description, std::uint64_t frame);
  void change_cipher_spec(int d, std::uint64_t frame);
  void encrypted_record(int d, std::uint8_t type, std::string_view body, std::uint64_t frame);
  void decrypted_handshake(int d, std::uint8_t type, std::string_view body, std::uint64_t frame);

 private:
  // --keylog (see docs/pcap.md "Decrypting with a key log").
  void start_decryption(std::uint16_t cipher_suite, std::string_view server_random);
  void renegotiation_message(int d, std::uint8_t type, std::string_view body, std::uint64_t frame);
  bool decrypt_record(int d, std::uint8_t type, std::string_view body, std::uint64_t frame);
  void stop_decryption(int d, std::string why);
  void finish_decryption();

  void deliver(int d, std::string_view bytes, std::uint64_t frame) {
    if (!decided_) {
      // A TLS stream is one whose client speaks first with a ClientHello record.
      // Usually the first segment holds the record header and is read in place; else gather.
      std::string head;
      if (d == 0 && !(head_.empty() && bytes.size() >= 6)) {
        head_.append(bytes);
        if (head_.size() < 6) return;
        head = std::move(head_);
        head_.clear();
        bytes = head;
      }
      decided_ = true;
      tls_ = d == 0 && looks_like_client_hello(bytes);
      if (!tls_) {
        ignored_ = true;
        dir_[0].stream.stop();
        dir_[1].stream.stop();
        return;
      }
      detailed_ = shared_.detailed++ < shared_.max_detailed;
      if (!detailed_) {
        // Counted only: nothing the client sends matters any more (see handshake()).
        dir_[0].stream.stop();
        return;
      }
      feed(0, bytes, frame);
      return;
    }
    feed(d, bytes, frame);
  }

  void feed(int d, std::string_view bytes, std::uint64_t frame) {
    dir_[d].tls.feed(bytes, frame, events_[d]);
    if (dir_[d].tls.problem()) dir_[d].stream.stop();
  }

  /// A counted-only connection needs the server's first flight up to ServerHelloDone (TLS 1.2) or
  /// the ServerHello (TLS 1.3, the rest is encrypted); past that, segments only move the clock.
  void counted_enough() {
    dir_[0].stream.stop();
    dir_[1].stream.stop();
  }

  std::string alert_text(int d, std::uint8_t level, std::uint8_t description, std::uint64_t frame) const {
    const knowledge::TlsAlert* a = knowledge::find_tls_alert(description);
    const char* lvl = level == 2 ? "fatal" : level == 1 ? "warning" : "unknown level";
    return fmt::format("{} ({}), {}, from {}, frame {}", a ? a->name : std::string_view("unknown alert"), description,
                       lvl, d == 0 ? "client" : "server", frame);
  }

  Shared& shared_;
  Endpoint client_;
  Endpoint server_;
  Direction dir_[2];
  DirectionEvents events_[2];
  PcapConnection out_;
  std::string head_;
  std::int64_t first_ns_ = 0;
  std::int64_t last_ns_ = 0;
  bool decided_ = false;
  bool tls_ = false;
  bool ignored_ = false;
  bool detailed_ = false;
  bool version13_ = false;
  bool inner_ = false;  ///< the message being handled was decrypted
  std::string client_random_raw_;
  std::unique_ptr<Decryption> decrypt_;
};

void DirectionEvents::on_handshake(std::uint8_t type, std::string_view body, std::uint64_t frame) {
  conn_.handshake(dir_, type, body, frame);
}
void DirectionEvents::on_alert(std::uint8_t level, std::uint8_t description, std::uint64_t frame) {
  conn_.alert(dir_, level, description, frame);
}
void DirectionEvents::on_change_cipher_spec(std::uint64_t frame) { conn_.change_cipher_spec(dir_, frame); }
void DirectionEvents::on_encrypted_record(std::uint8_t content_type, std::string_view body, std::uint64_t frame) {
  conn_.encrypted_record(dir_, content_type, body, frame);
}
void DecryptedEvents::on_handshake(std::uint8_t type, std::string_view body, std::uint64_t frame) {
  conn_.decrypted_handshake(dir_, type, body, frame);
}
void DecryptedEvents::on_alert(std::uint8_t level, std::uint8_t description, std::uint64_t frame) {
  conn_.alert(dir_, level, description, frame);
}

void Connection::handshake(int d, std::uint8_t type, std::string_view body, std::uint64_t frame) {
  const auto bad = [&](const Error& e) {
    out_.notes.push_back(fmt::format("frame {}: {}", frame, e.message));
  };
  // Connections beyond the detail limit are only counted: what decides encryption (ServerHello)
  // and what is counted (CertificateRequest) is all they need.
  if (!detailed_ && type != hs_server_hello && type != hs_certificate_request) {
    if (d == 1 && type == hs_server_hello_done) counted_enough();
    return;
  }
  if (inner_ && (type == hs_hello_request || type == hs_client_hello || type == hs_server_hello)) {
    // Hellos under encryption start a TLS 1.2 renegotiation; they never restart the analysis (in
    // TLS 1.3 they are not valid at all).
    if (!version13_) renegotiation_message(d, type, body, frame);
    return;
  }
  if (d == 0 && type == hs_client_hello) {
    auto ch = parse_client_hello(body);
    if (!ch) return bad(ch.error());
    out_.client_hello_frame = frame;
    out_.sni = ch->sni;
    out_.alpn_offered = ch->alpn;
    out_.client_versions.clear();
    for (std::uint16_t v : ch->supported_versions) {
      // GREASE values (RFC 8701) are noise.
      if ((v & 0x0F0F) != 0x0A0A) out_.client_versions.push_back(tls_version_name(v));
    }
    out_.offered_pha = ch->post_handshake_auth;
    out_.client_random = hex(ch->random);
    if (shared_.keylog) client_random_raw_ = ch->random;  // only --keylog needs it raw
    return;
  }
  if (d == 1 && type == hs_server_hello) {
    auto sh = parse_server_hello(body);
    if (!sh) return bad(sh.error());
    out_.server_hello_frame = frame;
    out_.tls_version = tls_version_name(sh->version);
    if (!sh->alpn.empty()) out_.alpn = sh->alpn;
    if (sh->hello_retry_request) {
      out_.notes.push_back(fmt::format("HelloRetryRequest at frame {}", frame));
      return;
    }
    if (sh->version == tls13) {
      // RFC 8446 §2: everything after the ServerHello is protected, both ways.
      version13_ = true;
      out_.handshake_encrypted = true;
      dir_[0].tls.set_encrypted();
      dir_[1].tls.set_encrypted();
      if (!detailed_) counted_enough();
    }
    if (shared_.keylog && detailed_) start_decryption(sh->cipher_suite, sh->random);
    return;
  }
  if (type == hs_certificate) {
    auto list = parse_certificate(body, version13_);
    if (!list) return bad(list.error());
    if (d == 1) {
      if (!detailed_ || (inner_ && !version13_ && !out_.server_chain.empty())) return;  // a renegotiation's
      out_.server_chain.clear();
      for (std::size_t i = 0; i < list->certificates.size(); ++i) {
        const CertificateFacts* f = shared_.cache.certificate(
            list->certificates[i], i == 0 ? CertificateRole::server : CertificateRole::intermediate);
        if (f) {
          out_.server_chain.push_back(*f);
          out_.server_chain.back().origin = at_frame(shared_.file, frame, "server Certificate");
        } else {
          out_.notes.push_back(fmt::format("frame {}: server certificate {} is not valid DER", frame, i + 1));
        }
      }
      return;
    }
    out_.client_cert_frame = frame;
    out_.client_cert = list->certificates.empty() ? "empty" : "sent";
    if (!detailed_) return;
    out_.client_chain.clear();
    for (std::size_t i = 0; i < list->certificates.size(); ++i) {
      const CertificateFacts* f = shared_.cache.certificate(
          list->certificates[i], i == 0 ? CertificateRole::client : CertificateRole::intermediate);
      if (f) {
        out_.client_chain.push_back(*f);
        out_.client_chain.back().origin = at_frame(shared_.file, frame, "client Certificate");
      } else {
        out_.notes.push_back(fmt::format("frame {}: client certificate {} is not valid DER", frame, i + 1));
      }
    }
    if (!out_.client_chain.empty()) {
      out_.client_cert_subject = out_.client_chain.front().subject;
      out_.client_cert_issuer = out_.client_chain.front().issuer;
    }
    return;
  }
  if (d == 1 && type == hs_certificate_request) {
    // Counted per frame, as a display filter on handshake.type == 13 counts them (cleartext only:
    // connections beyond the detail limit are never decrypted, so a count of both would mislead).
    if (!inner_ && frame != shared_.last_request_frame) {
      ++shared_.evidence->certificate_requests;
      shared_.last_request_frame = frame;
    }
    // Read with the key log: TLS 1.3 after the server's Finished is post-handshake authentication
    // (RFC 8446 §4.6.2); TLS 1.2 inside a renegotiation is the late request (RFC 5246 §7.4.1.1).
    CertRequestTiming timing = CertRequestTiming::handshake;
    if (inner_ && version13_ && decrypt_->dir[1].finished) timing = CertRequestTiming::post_handshake;
    if (inner_ && !version13_ && decrypt_->renegotiating) timing = CertRequestTiming::renegotiation;
    // The first request decides the timing (and its CA list is the one reported).
    if (out_.cert_request_frame) return;
    out_.cert_request = timing;
    out_.cert_request_frame = frame;
    if (!detailed_) return;
    auto cr = parse_certificate_request(body, version13_);
    if (!cr) return bad(cr.error());
    out_.certificate_types.clear();
    out_.signature_algorithms.clear();
    out_.ca_names.clear();
    out_.ca_list.clear();
    for (std::uint8_t t : cr->certificate_types) out_.certificate_types.push_back(knowledge::certificate_type_name(t));
    for (std::uint16_t s : cr->signature_algorithms) out_.signature_algorithms.push_back(knowledge::signature_scheme_name(s));
    for (std::size_t i = 0; i < cr->certificate_authorities.size(); ++i) {
      const DistinguishedName* dn = shared_.cache.name(cr->certificate_authorities[i]);
      if (!dn) {
        out_.notes.push_back(fmt::format("frame {}: CA name {} in the CertificateRequest is not a valid DER name",
                                         frame, i + 1));
        continue;
      }
      out_.ca_names.push_back(dn->text);
      out_.ca_list.push_back(*dn);
    }
    return;
  }
}

void Connection::alert(int d, std::uint8_t level, std::uint8_t description, std::uint64_t frame) {
  if (detailed_ && out_.alerts.size() < 64) out_.alerts.push_back(alert_text(d, level, description, frame));
}

void Connection::change_cipher_spec(int d, std::uint64_t frame) {
  // TLS 1.3 sends a dummy ChangeCipherSpec for middlebox compatibility (RFC 8446 §D.4).
  if (!version13_) dir_[d].tls.set_encrypted();
  if (decrypt_ && !version13_) {
    // RFC 5246 §7.1: the side's next records use the keys just negotiated, sequence number 0.
    DecryptDirection& dd = decrypt_->dir[d];
    if (dd.pending) {
      dd.active = std::move(dd.pending);
      dd.pending.reset();
    } else if (dd.active && !dd.stopped) {
      stop_decryption(d, fmt::format("ChangeCipherSpec at frame {} switches to keys the key log does not hold", frame));
    }
  }
  if (!detailed_ && d == 1) counted_enough();  // an abbreviated (resumed) handshake asks nothing
}

void Connection::encrypted_record(int d, std::uint8_t type, std::string_view body, std::uint64_t frame) {
  Direction& dir = dir_[d];
  if (type == tls_application_data) dir.application_data = true;
  const bool read = decrypt_ && decrypt_record(d, type, body, frame);
  if (type == tls_alert && !read && detailed_ && out_.alerts.size() < 64) {
    out_.alerts.push_back(fmt::format("encrypted alert from {}, frame {}", d == 0 ? "client" : "server", frame));
  }
  if (type != tls_handshake || version13_) return;
  // TLS 1.2: the first protected handshake record of each side is its Finished; any later one
  // starts a new handshake (HelloRequest, ClientHello): a renegotiation (RFC 5246 §7.4.1.1).
  if (++dir.encrypted_handshakes == 2 && !out_.renegotiation_frame) out_.renegotiation_frame = frame;
}

void Connection::start_decryption(std::uint16_t cipher_suite, std::string_view server_random) {
  const KeyLog& log = *shared_.keylog;
  const KeyLogSecrets* secrets = log.find(client_random_raw_);
  if (!secrets) {
    out_.notes.push_back(fmt::format("not decrypted: the key log {} has no line for this connection's ClientHello random",
                                     log.source));
    return;
  }
  if (!tls::record_decryption_supported(cipher_suite, version13_)) {
    out_.notes.push_back(fmt::format("not decrypted: cipher suite 0x{:04X} is not supported for decryption (supported: "
                                     "TLS 1.3 suites, TLS 1.2 AES-GCM and ChaCha20-Poly1305 suites)",
                                     cipher_suite));
    return;
  }
  auto d = std::make_unique<Decryption>(*this);
  d->secrets = secrets;
  d->suite = cipher_suite;
  if (version13_) {
    // RFC 8446 §7.3: from the ServerHello on, each side writes under its handshake traffic key.
    if (secrets->client_handshake_traffic.empty() || secrets->server_handshake_traffic.empty()) {
      out_.notes.push_back(fmt::format("not decrypted: the key log {} has no CLIENT_/SERVER_HANDSHAKE_TRAFFIC_SECRET "
                                       "for this connection",
                                       log.source));
      return;
    }
    auto c = tls::RecordDecryptor::tls13(cipher_suite, secrets->client_handshake_traffic.reveal());
    auto s = tls::RecordDecryptor::tls13(cipher_suite, secrets->server_handshake_traffic.reveal());
    if (!c || !s) {
      out_.notes.push_back("not decrypted: " + (c ? s.error() : c.error()).message);
      return;
    }
    d->dir[0].active = std::move(*c);
    d->dir[1].active = std::move(*s);
  } else {
    if (secrets->master_secret.empty()) {
      out_.notes.push_back(
          fmt::format("not decrypted: the key log {} has no CLIENT_RANDOM line for this connection", log.source));
      return;
    }
    auto c = tls::RecordDecryptor::tls12(cipher_suite, secrets->master_secret.reveal(), client_random_raw_,
                                         server_random, true);
    auto s = tls::RecordDecryptor::tls12(cipher_suite, secrets->master_secret.reveal(), client_random_raw_,
                                         server_random, false);
    if (!c || !s) {
      out_.notes.push_back("not decrypted: " + (c ? s.error() : c.error()).message);
      return;
    }
    d->dir[0].pending = std::move(*c);
    d->dir[1].pending = std::move(*s);
  }
  decrypt_ = std::move(d);
}

/// TLS 1.2 renegotiation messages read under encryption: they start a new handshake whose keys
/// come from its own randoms (and the key log's line for the new ClientHello random).
void Connection::renegotiation_message(int d, std::uint8_t type, std::string_view body, std::uint64_t frame) {
  if (d == 1 && type == hs_hello_request) {
    decrypt_->renegotiating = true;
    return;
  }
  if (d == 0 && type == hs_client_hello) {
    decrypt_->renegotiating = true;
    auto ch = parse_client_hello(body);
    if (ch) decrypt_->renegotiation_random = ch->random;
    if (!out_.renegotiation_frame) out_.renegotiation_frame = frame;
    return;
  }
  if (d == 1 && type == hs_server_hello && decrypt_->renegotiating) {
    auto sh = parse_server_hello(body);
    const KeyLogSecrets* secrets = shared_.keylog->find(decrypt_->renegotiation_random);
    if (!sh || !secrets || secrets->master_secret.empty() || !tls::record_decryption_supported(sh->cipher_suite, false)) {
      out_.notes.push_back(fmt::format(
          "renegotiation at frame {}: {}; its records after ChangeCipherSpec were not decrypted", frame,
          !sh ? "malformed ServerHello"
              : (!secrets || secrets->master_secret.empty())
                    ? "the key log has no CLIENT_RANDOM line for its ClientHello random"
                    : fmt::format("cipher suite 0x{:04X} is not supported for decryption", sh->cipher_suite)));
      return;
    }
    decrypt_->suite = sh->cipher_suite;
    for (int side = 0; side < 2; ++side) {
      auto k = tls::RecordDecryptor::tls12(sh->cipher_suite, secrets->master_secret.reveal(),
                                           decrypt_->renegotiation_random, sh->random, side == 0);
      if (k) decrypt_->dir[side].pending = std::move(*k);
    }
    return;
  }
}

void Connection::stop_decryption(int d, std::string why) {
  static constexpr const char* names[] = {"client->server", "server->client"};
  DecryptDirection& dd = decrypt_->dir[d];
  if (dd.stopped) return;
  dd.stopped = true;
  dd.active.reset();
  dd.pending.reset();
  out_.notes.push_back(fmt::format("{}: {}; decryption of that direction stopped", names[d], why));
}

bool Connection::decrypt_record(int d, std::uint8_t type, std::string_view body, std::uint64_t frame) {
  DecryptDirection& dd = decrypt_->dir[d];
  if (dd.stopped || !dd.active || body.empty()) {
    ++dd.skipped;
    return false;
  }
  tls::DecryptedRecord rec;
  switch (dd.active->decrypt(type, body, rec)) {
    case tls::DecryptStatus::ok: break;
    case tls::DecryptStatus::bad_tag:
      ++dd.skipped;
      stop_decryption(d, fmt::format("the record at frame {} failed authentication with the key log's secrets: they "
                                     "are not this connection's keys (or the record was altered)",
                                     frame));
      return false;
    case tls::DecryptStatus::malformed:
      ++dd.skipped;
      stop_decryption(d, fmt::format("the record at frame {} cannot be decrypted (too short, or no content type)", frame));
      return false;
  }
  ++dd.records;
  if (rec.content_type == tls_application_data) return true;  // the HTTP itself is not our business
  // Re-frame as a cleartext record for the inner parser (TLS 1.3 plaintext is at most 2^14 + 1).
  std::string& wire = decrypt_->wire;
  wire.clear();
  wire += static_cast<char>(rec.content_type);
  wire += '\x03';
  wire += '\x03';
  wire += static_cast<char>(rec.plaintext.size() >> 8);
  wire += static_cast<char>(rec.plaintext.size() & 0xFF);
  wire += rec.plaintext;
  dd.inner.feed(wire, frame, decrypt_->events[d]);
  return true;
}

void Connection::decrypted_handshake(int d, std::uint8_t type, std::string_view body, std::uint64_t frame) {
  inner_ = true;
  handshake(d, type, body, frame);
  inner_ = false;
  DecryptDirection& dd = decrypt_->dir[d];
  if (type != hs_finished && type != hs_key_update) return;
  if (!version13_) {
    if (type == hs_finished) dd.finished = true;
    return;
  }
  if (type == hs_finished && !dd.finished) {
    // RFC 8446 §7.1: after its Finished a side writes under its application traffic secret.
    dd.finished = true;
    const Secret& next = d == 0 ? decrypt_->secrets->client_traffic_0 : decrypt_->secrets->server_traffic_0;
    if (next.empty()) {
      return stop_decryption(d, fmt::format("the key log has no {}_TRAFFIC_SECRET_0 for this connection, so the "
                                            "records after the Finished at frame {} were not read",
                                            d == 0 ? "CLIENT" : "SERVER", frame));
    }
    auto k = tls::RecordDecryptor::tls13(decrypt_->suite, next.reveal());
    if (!k) return stop_decryption(d, k.error().message);
    dd.active = std::move(*k);
    return;
  }
  if (type == hs_key_update && dd.active) {
    // RFC 8446 §4.6.3: the sender's next records use the next generation of its traffic secret.
    auto updated = dd.active->key_update();
    if (!updated) stop_decryption(d, fmt::format("KeyUpdate at frame {}: {}", frame, updated.error().message));
  }
}

void Connection::finish_decryption() {
  static constexpr const char* names[] = {"client->server", "server->client"};
  bool complete = true;
  for (int d = 0; d < 2; ++d) {
    const DecryptDirection& dd = decrypt_->dir[d];
    if (const auto& p = dd.inner.problem()) {
      out_.notes.push_back(fmt::format("{}: decrypted records: {}: {}", names[d], p->where, p->message));
      complete = false;
    }
    if (dd.stopped || dd.skipped > 0 || dir_[d].stream.has_gap() || dir_[d].tls.problem()) complete = false;
  }
  const std::uint64_t records = decrypt_->dir[0].records + decrypt_->dir[1].records;
  out_.decrypted = complete && records > 0;
  if (records > 0) {
    out_.notes.push_back(fmt::format("decrypted with the key log: {} record(s) client->server, {} server->client{}",
                                     decrypt_->dir[0].records, decrypt_->dir[1].records,
                                     out_.decrypted ? "" : " (not all: see the other notes)"));
  }
  if (version13_ && decrypt_->dir[0].finished && decrypt_->dir[1].finished) out_.handshake_finished = true;
}

/// The address as two words: hashing and ordering per frame without a byte loop or memcmp call.
std::array<std::uint64_t, 2> words(const Endpoint& e) {
  std::array<std::uint64_t, 2> w;
  std::memcpy(w.data(), e.address.data(), sizeof w);
  return w;
}

/// A direction-free flow key: the smaller endpoint first (any fixed order will do).
bool endpoint_less(const Endpoint& a, const Endpoint& b) {
  const auto wa = words(a);
  const auto wb = words(b);
  if (wa[0] != wb[0]) return wa[0] < wb[0];
  if (wa[1] != wb[1]) return wa[1] < wb[1];
  return a.port < b.port;
}

struct EndpointPairHash {
  std::size_t operator()(const std::pair<Endpoint, Endpoint>& p) const {
    const auto a = words(p.first);
    const auto b = words(p.second);
    std::uint64_t h = a[0] * 0x9E3779B97F4A7C15ull ^ a[1];
    h = (h ^ (h >> 29)) * 0xBF58476D1CE4E5B9ull ^ b[0];
    h = (h ^ (h >> 32)) * 0x94D049BB133111EBull ^ b[1];
    h ^= static_cast<std::uint64_t>(p.first.port) << 16 | p.second.port;
    h = (h ^ (h >> 31)) * 0x9E3779B97F4A7C15ull;
    return static_cast<std::size_t>(h ^ (h >> 29));
  }
};

}  // namespace

Expected<Done> analyze_capture(CaptureReader& reader, const std::string& file, const AnalysisOptions& options,
                               PcapEvidence& evidence) {
  const std::uint64_t tls_before = evidence.tls_connections;  // evidence may already hold another file
  Shared shared;
  shared.file = file;
  shared.evidence = &evidence;
  shared.max_detailed = options.max_connections;
  shared.keylog = options.keylog;
  std::unordered_map<std::pair<Endpoint, Endpoint>, std::unique_ptr<Connection>, EndpointPairHash> open;
  std::vector<PcapConnection> done;
  std::map<std::uint32_t, std::uint64_t> unsupported_links;
  std::uint64_t fragments = 0;
  std::uint64_t malformed = 0;
  std::uint64_t first_malformed = 0;

  // Closed connections' storage is reused: a big capture opens one connection every few frames,
  // and a fresh heap object each time was a tenth of the run time.
  std::vector<std::unique_ptr<Connection>> spare;
  const auto make = [&](const Endpoint& client, const Endpoint& server) {
    if (spare.empty()) return std::make_unique<Connection>(shared, client, server);
    std::unique_ptr<Connection> c = std::move(spare.back());
    spare.pop_back();
    std::destroy_at(c.get());
    std::construct_at(c.get(), shared, client, server);
    return c;
  };
  const auto close = [&](auto it) {
    if (it->second->is_tls()) {
      ++evidence.tls_connections;
      // Beyond the detail limit a connection is only counted: no summary is built at all. (Detail
      // is decided when a connection starts; connections close in another order.)
      if (it->second->detailed()) done.push_back(it->second->finish());
    }
    if (spare.size() < 64) spare.push_back(std::move(it->second));
    open.erase(it);
  };

  CaptureFrame frame;
  TcpSegment seg;
  while (reader.next(frame)) {
    switch (decode_tcp(frame.link_type, frame.data, seg)) {
      case DecodeStatus::tcp: break;
      case DecodeStatus::unsupported_link: ++unsupported_links[frame.link_type]; continue;
      case DecodeStatus::ip_fragment: ++fragments; continue;
      case DecodeStatus::malformed:
        if (malformed++ == 0) first_malformed = frame.number;
        continue;
      case DecodeStatus::not_tcp: continue;
    }
    if (options.port && seg.source.port != *options.port && seg.destination.port != *options.port) continue;
    auto key = endpoint_less(seg.source, seg.destination) ? std::pair(seg.source, seg.destination)
                                                            : std::pair(seg.destination, seg.source);
    auto it = open.find(key);
    if (it != open.end() && (seg.flags & tcp_syn) && !(seg.flags & tcp_ack) && it->second->closed()) {
      close(it);  // the 4-tuple is reused by a new connection
      it = open.end();
    }
    if (it == open.end()) {
      // Who is the client: the SYN's sender; the side of --port is the server; else whoever speaks a
      // ClientHello first. A stream seen from its middle without any of these is skipped.
      const bool syn = (seg.flags & tcp_syn) != 0;
      const bool ack = (seg.flags & tcp_ack) != 0;
      // A bare ACK or FIN after a connection closed starts nothing (and must not hold memory).
      if (!syn && seg.payload.empty()) continue;
      std::optional<bool> source_is_client;
      if (options.port) {
        source_is_client = seg.destination.port == *options.port;
      } else if (syn) {
        source_is_client = !ack;
      } else if (looks_like_client_hello(seg.payload)) {
        source_is_client = true;
      }
      if (!source_is_client) continue;
      auto conn = *source_is_client ? make(seg.source, seg.destination) : make(seg.destination, seg.source);
      it = open.emplace(key, std::move(conn)).first;
    }
    it->second->segment(seg, frame.number, frame.time_ns);
    if (seg.flags & tcp_rst) {
      close(it);
    } else if (it->second->closed()) {
      // Both FINs seen; late ACKs re-create nothing (they carry no payload and no SYN).
      close(it);
    }
  }
  for (auto it = open.begin(); it != open.end(); it = open.begin()) close(it);

  evidence.frames += reader.frames();
  if (const auto& p = reader.problem()) {
    if (reader.frames() == 0) return unexpected(p->message, p->where);
    evidence.notes.push_back(fmt::format("{}: {}; the frames before it were analysed", p->where, p->message));
  }
  if (reader.frames() == 0) evidence.notes.push_back(fmt::format("{}: no frames", file));
  for (const auto& [link, count] : unsupported_links) {
    evidence.notes.push_back(fmt::format("{}: {} frame(s) with link type {} skipped (not supported)", file, count,
                                         link_type_name(link)));
  }
  if (fragments) evidence.notes.push_back(fmt::format("{}: {} IP fragment(s) skipped (not reassembled)", file, fragments));
  if (malformed) {
    evidence.notes.push_back(
        fmt::format("{}: {} malformed frame(s) skipped, the first is frame {}", file, malformed, first_malformed));
  }
  const std::uint64_t tls_here = evidence.tls_connections - tls_before;
  evidence.undetailed_connections += tls_here - done.size();
  std::sort(done.begin(), done.end(),
            [](const PcapConnection& a, const PcapConnection& b) { return a.first_frame < b.first_frame; });
  int number = 0;
  for (PcapConnection& c : done) {
    c.number = ++number;
    c.side = options.side;
    evidence.connections.push_back(std::move(c));
  }
  return Done{};
}

Expected<Done> analyze_capture_file(const std::string& path, const AnalysisOptions& options, PcapEvidence& evidence,
                                    const std::string& display) {
  const std::string& name = display.empty() ? path : display;
  auto reader = open_capture_file(path, name);
  if (!reader) return unexpected(reader.error());
  evidence.files.push_back(name);
  return analyze_capture(*reader, name, options, evidence);
}

namespace {

std::vector<std::string> canonical_list(const PcapConnection& c) {
  std::vector<std::string> out;
  for (const DistinguishedName& dn : c.ca_list) out.push_back(dn.canonical);
  return out;
}

std::vector<std::string> compare(const PcapConnection& a, const PcapConnection& b) {
  std::vector<std::string> diff;
  if (a.tls_version != b.tls_version) {
    diff.push_back(fmt::format("TLS version: {} on the client side, {} on the server side",
                               a.tls_version.empty() ? "none" : a.tls_version,
                               b.tls_version.empty() ? "none" : b.tls_version));
  }
  if (!a.server_chain.empty() && !b.server_chain.empty() && a.server_chain[0].sha256 != b.server_chain[0].sha256) {
    diff.push_back(fmt::format("server certificate: the client received \"{}\" (issuer \"{}\"), the server sent \"{}\" "
                               "(issuer \"{}\")",
                               a.server_chain[0].subject, a.server_chain[0].issuer, b.server_chain[0].subject,
                               b.server_chain[0].issuer));
  }
  const std::string ra = a.cert_request_text();
  const std::string rb = b.cert_request_text();
  if (ra != rb && ra != "unknown" && rb != "unknown") {
    diff.push_back(fmt::format("CertificateRequest: {} on the client side, {} on the server side", ra, rb));
  } else if (a.cert_request == CertRequestTiming::handshake && b.cert_request == CertRequestTiming::handshake &&
             canonical_list(a) != canonical_list(b)) {
    diff.push_back(fmt::format("CA list: {} name(s) reached the client, the server sent {}", a.ca_names.size(),
                               b.ca_names.size()));
  }
  return diff;
}

}  // namespace

namespace {

// Two capture points of one TCP connection see the same addresses and ports (unless NAT sits
// between them) within the skew of two machines' clocks.
constexpr std::int64_t kMatchWindowSeconds = 120;

/// "2026-11-22T02:19:02[.123456]Z" -> Unix seconds; nullopt for anything else.
std::optional<std::int64_t> rfc3339_seconds(std::string_view t) {
  auto digits = [&](std::size_t at, std::size_t n) -> int {
    if (t.size() < at + n) return -1;
    int v = 0;
    for (std::size_t i = at; i < at + n; ++i) {
      if (t[i] < '0' || t[i] > '9') return -1;
      v = v * 10 + (t[i] - '0');
    }
    return v;
  };
  const int y = digits(0, 4), mo = digits(5, 2), d = digits(8, 2), h = digits(11, 2), mi = digits(14, 2),
            sec = digits(17, 2);
  if (y < 0 || mo < 1 || mo > 12 || d < 1 || d > 31 || h < 0 || mi < 0 || sec < 0) return std::nullopt;
  const std::chrono::sys_days day{std::chrono::year{y} / std::chrono::month{static_cast<unsigned>(mo)} /
                                  std::chrono::day{static_cast<unsigned>(d)}};
  return static_cast<std::int64_t>(day.time_since_epoch().count()) * 86400 + h * 3600 + mi * 60 + sec;
}

bool same_connection_time(const PcapConnection& a, const PcapConnection& b) {
  const auto ta = rfc3339_seconds(a.start_time);
  const auto tb = rfc3339_seconds(b.start_time);
  if (!ta || !tb) return false;
  return *ta - *tb <= kMatchWindowSeconds && *tb - *ta <= kMatchWindowSeconds;
}

}  // namespace

void match_captures(PcapEvidence& evidence) {
  std::vector<const PcapConnection*> clients;
  std::vector<const PcapConnection*> servers;
  for (const PcapConnection& c : evidence.connections) {
    if (c.side == "client") clients.push_back(&c);
    if (c.side == "server") servers.push_back(&c);
  }
  std::set<const PcapConnection*> used;
  std::map<std::string, const PcapConnection*> by_random;
  for (const PcapConnection* s : servers) {
    if (!s->client_random.empty()) by_random.emplace(s->client_random, s);
  }
  std::vector<const PcapConnection*> unmatched_clients;
  for (const PcapConnection* c : clients) {
    auto it = by_random.find(c->client_random);
    if (!c->client_random.empty() && it != by_random.end() && !used.count(it->second)) {
      used.insert(it->second);
      evidence.matches.push_back({c->number, it->second->number, "client random", compare(*c, *it->second)});
    } else {
      unmatched_clients.push_back(c);
    }
  }
  // Only the same connection can be compared: the same client and server address and port at
  // the same time. A transparent TLS interceptor keeps the addresses but makes its own
  // ClientHello, so the random differs; two unrelated captures share neither, and are not
  // compared at all (pairing them in order would report differences between strangers).
  for (const PcapConnection* c : unmatched_clients) {
    const PcapConnection* match = nullptr;
    for (const PcapConnection* s : servers) {
      if (used.count(s) || s->client != c->client || s->server != c->server) continue;
      if (!same_connection_time(*c, *s)) continue;
      match = s;
      break;
    }
    if (match == nullptr) continue;
    used.insert(match);
    auto diff = compare(*c, *match);
    if (!c->client_random.empty() && !match->client_random.empty()) {
      diff.insert(diff.begin(), "ClientHello random differs: the connection was re-originated between the two "
                                "capture points (TLS terminated by a proxy or TLS-inspecting device)");
    }
    evidence.matches.push_back({c->number, match->number, "5-tuple and time", std::move(diff)});
  }
  if (evidence.matches.empty() && !clients.empty() && !servers.empty()) {
    evidence.notes.push_back(fmt::format(
        "the two captures share no connection: none of the {} client-side and {} server-side TLS connection(s) "
        "has the same ClientHello random, or the same client and server address and port within {} s, in the "
        "other capture; they were not compared",
        clients.size(), servers.size(), kMatchWindowSeconds));
  }
}

}  // namespace mtls::capture
