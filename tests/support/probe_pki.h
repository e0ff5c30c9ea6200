// SPDX-License-Identifier: Apache-2.0
// A throw-away PKI for the probe's integration tests, generated with OpenSSL at test time (no key
// is ever committed): root -> intermediate -> {server, clients}, plus an unrelated CA.
#pragma once

#include <string>

namespace mtls::testing {

struct ProbePki {
  std::string dir;  ///< where every file below lives
  std::string root, intermediate, other_ca;  ///< PEM certificates
  std::string chain;          ///< intermediate + root (what a server trusts and lists)
  std::string server_cert, server_key;
  std::string client_cert, client_key;       ///< clientAuth, valid
  std::string expired_cert, expired_key;     ///< clientAuth, expired yesterday
  std::string server_eku_cert, server_eku_key;  ///< EKU serverAuth only: wrong purpose
};

/// Generate everything into `dir` (which must exist). Throws std::runtime_error on failure.
ProbePki make_probe_pki(const std::string& dir);

}  // namespace mtls::testing
