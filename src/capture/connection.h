// SPDX-License-Identifier: Apache-2.0
// Internal to src/capture (pcap_analysis.cpp and its parts): one TCP connection's TLS transcript.
// Both directions' streams are reassembled and parsed into records and handshake messages, and
// what the handshake shows is written into a PcapConnection: connection.cpp reads the cleartext
// messages, connection_decryption.cpp the records a key log opens (--keylog).
#pragma once

#include <cstdint>
#include <fmt/format.h>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "capture/keylog.h"
#include "capture/packet_decoder.h"
#include "capture/tcp_reassembly.h"
#include "capture/tls_handshake_parser.h"
#include "core/evidence/pcap.h"
#include "tls/record_decryptor.h"

namespace mtls::capture {

/// Parsing the same DER over and over (every connection to one server) is the expensive part of a
/// big capture: remember recent results.
class DerCache {
 public:
  const CertificateFacts* certificate(std::string_view der, CertificateRole role);
  const DistinguishedName* name(std::string_view der);

 private:
  std::unordered_map<std::string, std::optional<CertificateFacts>> certs_;
  std::unordered_map<std::string, std::optional<DistinguishedName>> names_;
};

/// What every connection of one analysis shares.
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

  PcapConnection finish();

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

  void deliver(int d, std::string_view bytes, std::uint64_t frame);

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

  std::string alert_text(int d, std::uint8_t level, std::uint8_t description, std::uint64_t frame) const;

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

}  // namespace mtls::capture
