// SPDX-License-Identifier: Apache-2.0
// The trust the probe verifies server chains against (`--ca FILE`, or the system's default
// verify paths), loaded once per process and shared by every attempt of every target.
// src/tls internal.
#pragma once

#include <string>

#include "tls/openssl_ptr.h"

namespace mtls::tls {

/// One loaded trust source, owned by the process-wide cache; contexts take their own reference
/// with SSL_CTX_set1_cert_store.
struct ProbeTrust {
  X509StorePtr store;
  std::string error;  ///< why `--ca` could not be read; the store then holds what was read before
};

/// The trust for `ca_file` ("" = OpenSSL's default paths: the system CA bundle and hashed
/// directory). Reading the system bundle costs 30-70 ms, which per attempt was most of a probe's
/// CPU; an X509_STORE is reference counted and locks its own lookups, so one per source serves
/// every context and thread (OpenSSL X509_STORE_new(3), SSL_CTX_set1_cert_store(3)). A file is
/// read again when its size or modification time changed.
const ProbeTrust& probe_trust(const std::string& ca_file);

}  // namespace mtls::tls
