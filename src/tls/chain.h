// SPDX-License-Identifier: Apache-2.0
// Building and judging a certificate chain with OpenSSL's path validation (RFC 5280 §6), and
// checking a certificate against CRLs. src/tls internal.
#pragma once

#include <vector>

#include "core/evidence/certificates.h"
#include "tls/openssl_ptr.h"

namespace mtls::tls {

struct ChainRequest {
  X509* leaf = nullptr;
  std::vector<X509*> untrusted;  ///< intermediates the client has (--chain, --untrusted, PKCS#12 bag)
  std::vector<X509*> trusted;    ///< anchors (--trust)
  SysSeconds at{};
  /// Strict mode (external suites): the verdict of OpenSSL's verifier with these settings, first
  /// error stops it. Diagnostic mode (default): every error is recorded and building goes on, so
  /// a report can say all that is wrong at once.
  bool strict = false;
  int purpose = 0;               ///< X509_PURPOSE_SSL_CLIENT / _SERVER, 0 = none (strict only)
  std::vector<X509_CRL*> crls;   ///< strict: checked for every certificate of the chain
  unsigned long extra_flags = 0; ///< strict: X509_V_FLAG_* (policy checks for PKITS)
  std::vector<std::string> policies;  ///< strict: acceptable policy OIDs (empty = any)
  int max_depth = -1;
  std::string host;              ///< strict: expected peer DNS name
  std::string ip;                ///< strict: expected peer IP address
};

struct ChainResult {
  ChainFacts facts;                 ///< verdict, errors, missing issuer
  std::vector<X509Ptr> path;        ///< as built, leaf first
  bool ok = false;                  ///< strict: X509_verify_cert said yes
};

ChainResult build_chain(const ChainRequest& request);

/// The client certificate against CRLs: listed or not, by whom, and whether the CRL's signature
/// verifies with the issuer certificate (when `issuer` is known).
struct NamedCrl {
  X509_CRL* crl = nullptr;
  std::string file;
};
RevocationFacts check_revocation(X509* cert, X509* issuer, const std::vector<NamedCrl>& crls, SysSeconds at);

}  // namespace mtls::tls
