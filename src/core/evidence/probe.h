// SPDX-License-Identifier: Apache-2.0
// What a live probe of a server saw (checklist C1, C3, C6–C8, C11), attempt by attempt.
// Filled by src/tls/probe; reported as `evidence.probe`.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/evidence/certificates.h"

namespace mtls {

/// When in the connection the server sent its CertificateRequest.
enum class CertRequestTiming { none, handshake, renegotiation, post_handshake };

std::string_view to_string(CertRequestTiming timing);

/// The server software that answered the probe, as far as what it showed tells
/// (knowledge/server_software.h recognises it; the remedies are written in its own terms).
enum class ServerSoftware {
  unknown,
  iis,            ///< IIS or another http.sys server (Server: Microsoft-IIS/…, Microsoft-HTTPAPI/2.0)
  nginx,
  ingress_nginx,  ///< nginx as the Kubernetes ingress-nginx controller
  apache,         ///< Apache httpd (mod_ssl)
  haproxy,
  caddy,
  lighttpd,
  envoy,
  tomcat,
  node,           ///< Node.js https / tls
  go,             ///< Go crypto/tls, net/http
};

/// "unknown", "iis", "nginx", "ingress-nginx", "apache", ... (the JSON value).
std::string_view to_string(ServerSoftware software);
/// "IIS", "nginx", "Kubernetes ingress-nginx", "Apache httpd", ... (for sentences and remedy labels).
std::string_view display_name(ServerSoftware software);

/// One TLS handshake message or alert, in the order it crossed the wire (both directions; TLS 1.3
/// encrypted handshake messages included, as OpenSSL's message callback sees them decrypted).
struct ProbeMessage {
  bool sent = false;       ///< true: client -> server
  std::string name;        ///< "ClientHello", "CertificateRequest", "alert certificate_required (116)"
  std::size_t length = 0;  ///< body bytes
  double at_ms = 0;        ///< since the TCP connect started
};

/// The TLS alert that ended (or marked) the attempt.
struct ProbeAlert {
  int code = 0;            ///< RFC 8446 §6 AlertDescription
  std::string name;        ///< "certificate_required"
  bool fatal = true;
  bool sent = false;       ///< true: our client sent it; false: received from the server
};

struct ProbeAttempt {
  int number = 0;
  std::string purpose;        ///< "as a browser would", "with the client certificate", ...
  bool skipped = false;       ///< not run: `skip_reason` says why (nothing new to learn)
  std::string skip_reason;
  bool with_identity = false; ///< the client identity was loaded for this attempt
  bool sni_comparison = false;///< the no-SNI twin of attempt 2, for tls.sni-bindings-differ only
  std::string offered_alpn;   ///< "h2,http/1.1"
  std::string tls_version_limit;  ///< "", "TLSv1.2", "TLSv1.3": what the attempt allowed

  // TCP
  bool connected = false;
  std::string connect_error;  ///< "connection refused", "timed out after 10 s", "DNS: ..."
  bool tcp_reset = false;     ///< the server reset the connection (ECONNRESET)
  bool timed_out = false;     ///< a read or write deadline expired

  // TLS
  bool handshake_completed = false;
  std::string tls_version;    ///< "TLSv1.3"
  std::string cipher;
  std::string alpn;           ///< negotiated protocol, empty if none
  std::string sni;            ///< empty when no SNI was sent
  bool offered_pha = false;   ///< post_handshake_auth extension offered (RFC 8446 §4.2.6)
  bool client_cert_sent = false;       ///< a non-empty Certificate message went out
  bool empty_certificate_sent = false; ///< answered a CertificateRequest with no certificate
  int client_chain_sent = 0;           ///< certificates in our Certificate message (leaf included)
  CertRequestTiming cert_request = CertRequestTiming::none;
  int cert_requests = 0;               ///< CertificateRequest messages seen
  std::vector<std::string> ca_names;   ///< RFC 4514, full list, in the order sent
  std::vector<DistinguishedName> ca_list;  ///< the same list, comparable (see DistinguishedName)
  std::size_t ca_names_bytes = 0;      ///< certificate_authorities bytes on the wire (≤ 2^16-1)
  std::vector<std::string> certificate_types;   ///< TLS 1.2 ClientCertificateType ("rsa_sign")
  std::vector<std::string> signature_algorithms;///< "rsa_pss_rsae_sha256", ...
  int renegotiations = 0;              ///< server-initiated (HelloRequest), at most 2 followed
  std::string server_verify_error;     ///< empty when the server chain verified (incl. host name)
  std::string tls_error;               ///< OpenSSL's reason when the handshake or I/O failed
  std::optional<ProbeAlert> alert;
  std::string alert_text;              ///< "certificate_required (116) received", empty if none
  std::vector<ProbeMessage> messages;  ///< bounded (see kMaxProbeMessages)
  bool messages_truncated = false;

  // HTTP
  bool request_sent = false;
  std::string request_line;            ///< "GET /app/ HTTP/1.1" or "h2 GET /app/"
  std::string http_version;            ///< "HTTP/1.1", "HTTP/2"
  std::optional<int> http_status;
  std::string http_reason;             ///< the status line's reason phrase
  std::string iis_substatus;           ///< "403.7", from an IIS detailed error body
  std::string server_reason;           ///< nginx "No required SSL certificate was sent"
  std::string server_header;           ///< the Server header ("nginx/1.22.1", "Microsoft-IIS/10.0")
  /// Other headers that name the software (X-Powered-By, x-envoy-*; see
  /// knowledge::names_server_software), name and value as sent, bounded (8, values 256 bytes).
  std::vector<std::pair<std::string, std::string>> software_headers;
  /// The start of the body of an error answer (status 400 and above; at most 1 KiB): error pages
  /// name the software ("<center>nginx</center>", "Apache Tomcat/9.0"). Not reported; what it
  /// told is in ProbeEvidence::server_software_basis.
  std::string error_page;
  std::size_t body_bytes = 0;          ///< body bytes read (at most 64 KiB)
  bool body_truncated = false;
  std::optional<std::uint32_t> h2_error;  ///< RST_STREAM/GOAWAY code (13 = HTTP_1_1_REQUIRED)
  std::string http_error;              ///< malformed response, ...

  // Timings, milliseconds since the attempt started.
  double connect_ms = 0;
  double handshake_ms = 0;
  double response_ms = 0;
  double total_ms = 0;
};

inline constexpr std::size_t kMaxProbeMessages = 64;

struct ProbeEvidence {
  std::string target;   ///< the URL as given
  std::string address;  ///< "127.0.0.1:8443"
  std::string host;     ///< from the URL (what SNI and Host carry)
  int port = 443;
  std::string path = "/";
  bool identity_given = false;
  std::vector<ProbeAttempt> attempts;
  std::vector<CertificateFacts> server_chain;
  std::string browser_experience;  ///< one sentence: what a browser saw (attempt 1)
  ServerSoftware server_software = ServerSoftware::unknown;
  std::string server_software_basis;  ///< what showed it: "attempt 2: Server: nginx/1.22.1"; empty when unknown
};

}  // namespace mtls
