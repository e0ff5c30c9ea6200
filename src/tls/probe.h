// SPDX-License-Identifier: Apache-2.0
// The live probe (`mtls-doctor probe`): a plan of real TLS connections to one server, each recorded
// message by message, that finds when and how the server asks for a client certificate and why it
// refuses one. OpenSSL-free header; the engine lives in tls/probe.cpp.
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "core/evidence/certificates.h"
#include "core/evidence/probe.h"
#include "core/expected.h"
#include "tls/identity.h"

namespace mtls::tls {

struct ProbeOptions {
  std::string url;            ///< https://host[:port]/path
  std::string connect;        ///< HOST:PORT to dial instead (SNI and Host stay the URL's)
  std::string sni;            ///< server name to send; empty = the URL's host (none for an IP)
  bool no_sni = false;
  std::string tls_version;    ///< "", "1.2" or "1.3": pin every attempt to one version
  std::string alpn = "h2,http/1.1";  ///< what the browser-like attempt offers
  std::chrono::milliseconds timeout{10000};  ///< one budget per attempt (connect + TLS + HTTP)
  std::string method = "GET";
  std::vector<std::string> headers;  ///< "Name: value"
  std::string ca_file;        ///< verify the server chain against this (else the system store)
  IdentitySpec identity;
  PasswordProvider password;
};

struct ProbeResult {
  ProbeEvidence probe;
  /// The presented identity (leaf first, then the chain it sends), for evidence.certificates.
  std::vector<CertificateFacts> identity;
};

/// Check the options without touching the network (bad URL, bad --connect, bad --tls).
Expected<Done> validate_probe_options(const ProbeOptions& options);

/// Run the plan. A refused handshake, a reset or a timeout is evidence, not an error; errors are
/// only for misuse (bad URL, unreadable identity) or a broken local TLS library.
Expected<ProbeResult> run_probe(const ProbeOptions& options);

}  // namespace mtls::tls
