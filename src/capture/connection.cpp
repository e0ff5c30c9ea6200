// SPDX-License-Identifier: Apache-2.0
// One connection's cleartext transcript: the handshake messages, alerts and record types of both
// directions, as the TLS record parser hands them over.
#include "capture/connection.h"

#include <chrono>
#include <fmt/chrono.h>
#include <fmt/format.h>

#include "knowledge/tls_alerts.h"
#include "knowledge/tls_parameters.h"
#include "tls/distinguished_name.h"

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

}  // namespace

const CertificateFacts* DerCache::certificate(std::string_view der, CertificateRole role) {
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

const DistinguishedName* DerCache::name(std::string_view der) {
  auto it = names_.find(std::string(der));
  if (it == names_.end()) {
    if (names_.size() > 65536) names_.clear();
    auto dn = tls::parse_distinguished_name(der);
    it = names_.emplace(std::string(der), dn ? std::optional<DistinguishedName>(std::move(*dn)) : std::nullopt).first;
  }
  return it->second ? &*it->second : nullptr;
}

PcapConnection Connection::finish() {
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

void Connection::deliver(int d, std::string_view bytes, std::uint64_t frame) {
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

std::string Connection::alert_text(int d, std::uint8_t level, std::uint8_t description, std::uint64_t frame) const {
  const knowledge::TlsAlert* a = knowledge::find_tls_alert(description);
  const char* lvl = level == 2 ? "fatal" : level == 1 ? "warning" : "unknown level";
  return fmt::format("{} ({}), {}, from {}, frame {}", a ? a->name : std::string_view("unknown alert"), description,
                     lvl, d == 0 ? "client" : "server", frame);
}

}  // namespace mtls::capture
