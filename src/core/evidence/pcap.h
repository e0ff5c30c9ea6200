// SPDX-License-Identifier: Apache-2.0
// TLS handshakes read off a packet capture (checklist C3, C8, C11, C12).
// Filled by src/capture; reported as `evidence.pcap`.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/evidence/certificates.h"
#include "core/evidence/probe.h"

namespace mtls {

struct PcapConnection {
  // The stable fields of schema 1.
  std::string client;  ///< "10.0.0.2:50123"
  std::string server;  ///< "10.0.0.5:443"
  std::string tls_version;  ///< "TLSv1.2", "TLSv1.3"; empty when no ServerHello was seen
  CertRequestTiming cert_request = CertRequestTiming::none;
  std::vector<std::string> ca_names;
  std::vector<DistinguishedName> ca_list;
  std::string client_cert;  ///< "sent", "empty", "none", "encrypted"
  std::vector<std::string> alerts;  ///< "handshake_failure (40), fatal, from server, frame 9"
  EvidenceRef origin;

  // Where and when.
  std::string file;                  ///< the capture it was read from
  std::string side;                  ///< "client" or "server" with two captures, else empty
  int number = 0;                    ///< 1-based, in order of first frame, within its file
  std::uint64_t first_frame = 0;
  std::uint64_t last_frame = 0;
  std::string start_time;            ///< RFC 3339 with microseconds, UTC
  double duration_ms = 0;
  // What the client offered and the server chose.
  std::string sni;
  std::vector<std::string> alpn_offered;
  std::string alpn;                  ///< selected (TLS 1.2; in TLS 1.3 it is encrypted)
  std::vector<std::string> client_versions;  ///< supported_versions offered
  bool offered_pha = false;          ///< post_handshake_auth (RFC 8446 §4.2.6)
  std::string client_random;         ///< hex, to match one connection across two captures
  std::uint64_t client_hello_frame = 0;
  std::uint64_t server_hello_frame = 0;
  /// TLS 1.3: everything after the ServerHello is encrypted, so whether a certificate was
  /// requested or sent cannot be read from the capture (cert_request is then reported "unknown").
  bool handshake_encrypted = false;
  /// --keylog: every encrypted record of both directions was decrypted and read (TLS 1.3
  /// handshake and post-handshake messages, TLS 1.2 renegotiations). Then cert_request and
  /// client_cert are read, not inferred; notes say why a connection was not (fully) decrypted.
  bool decrypted = false;
  std::vector<CertificateFacts> server_chain;
  // The CertificateRequest.
  std::optional<std::uint64_t> cert_request_frame;
  std::vector<std::string> certificate_types;
  std::vector<std::string> signature_algorithms;
  // The client's Certificate.
  std::optional<std::uint64_t> client_cert_frame;
  std::vector<CertificateFacts> client_chain;
  std::string client_cert_subject;
  std::string client_cert_issuer;
  // After the handshake.
  bool handshake_finished = false;   ///< both Finished seen (TLS 1.2) or application data both ways
  std::optional<std::uint64_t> renegotiation_frame;  ///< first encrypted handshake record after Finished
  std::vector<std::string> resets;   ///< "RST from server, frame 12"
  std::vector<std::string> notes;    ///< gaps, parse problems, limits

  /// "unknown" when the handshake past ServerHello is encrypted and nothing was seen in the clear,
  /// else to_string(cert_request).
  [[nodiscard]] std::string cert_request_text() const {
    if (handshake_encrypted && !decrypted && cert_request == CertRequestTiming::none) return "unknown";
    return std::string(to_string(cert_request));
  }
};

/// One connection seen in both captures (`pcap CLIENT.pcap SERVER.pcap`).
struct PcapMatch {
  int client_side = 0;  ///< PcapConnection::number in the first file
  int server_side = 0;  ///< ... in the second file
  std::string matched_by;  ///< "client random" or "5-tuple and time"
  std::vector<std::string> differences;  ///< empty when both sides saw the same handshake
};

struct PcapEvidence {
  std::vector<std::string> files;
  std::uint64_t frames = 0;
  std::uint64_t tls_connections = 0;    ///< all TLS connections, also those beyond the detail limit
  std::uint64_t certificate_requests = 0;  ///< frames completing a cleartext CertificateRequest
  std::string keylog;                   ///< --keylog FILE (its name only; never its content)
  std::vector<PcapConnection> connections;  ///< in detail, up to a limit
  /// TLS connections counted but not detailed (past the limit of connections kept in detail).
  std::uint64_t undetailed_connections = 0;
  std::vector<PcapMatch> matches;
  std::vector<std::string> notes;       ///< file-level: truncation with frame number, skipped link types

  /// Connections read with the key log (only detailed connections are decrypted).
  [[nodiscard]] std::uint64_t decrypted_connections() const {
    std::uint64_t n = 0;
    for (const PcapConnection& c : connections) n += c.decrypted ? 1 : 0;
    return n;
  }
};

}  // namespace mtls
