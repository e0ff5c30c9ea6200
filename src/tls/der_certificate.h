// SPDX-License-Identifier: Apache-2.0
// One DER certificate into plain facts. Small on purpose: the certificate engineer's loader
// (PEM/DER/PKCS#12/PKCS#7, extensions) is the full version; this serves the store certificates
// read from SOFTWARE hives (KB2802568 needs subject, issuer and whether it is self-signed).
#pragma once

#include <string_view>

#include "core/evidence/certificates.h"
#include "core/expected.h"

namespace mtls::tls {

/// Subject and issuer (RFC 4514), serial, SHA-1/SHA-256 thumbprints (upper-case hex), validity,
/// self_signed (subject == issuer and the signature verifies with its own key) and is_ca.
Expected<CertificateFacts> certificate_facts_from_der(std::string_view der, EvidenceRef origin);

}  // namespace mtls::tls
