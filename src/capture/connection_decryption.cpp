// SPDX-License-Identifier: Apache-2.0
// --keylog: the records of one connection opened with the NSS key log's secrets (TLS 1.3
// handshake and application traffic secrets, RFC 8446 §7.1; the TLS 1.2 master secret, RFC 5246
// §6.3), re-framed and read by a second record parser. See docs/pcap.md "Decrypting with a key log".
#include <fmt/format.h>

#include "capture/connection.h"

namespace mtls::capture {

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

}  // namespace mtls::capture
