// SPDX-License-Identifier: Apache-2.0
// X509 -> CertificateFacts: the plain-data view of a certificate that checks and renderers read.
// src/tls internal (OpenSSL types); the probe and the capture reader reuse it.
#pragma once

#include <string>

#include "core/evidence/certificates.h"
#include "tls/openssl_ptr.h"

namespace mtls::tls {

/// Subject or issuer name in the three forms checks compare (text, DER, canonical).
DistinguishedName distinguished_name(const X509_NAME* name);

/// A name from its DER encoding (as a CertificateRequest carries it); invalid DER gives an
/// empty `text` and only `der_hex`.
DistinguishedName distinguished_name_from_der(std::string_view der);

/// Every fact about `cert`. `self_signed` means subject == issuer and the signature verifies with
/// the certificate's own key (OpenSSL's X509_self_signed with verification).
CertificateFacts certificate_facts(X509* cert, CertificateRole role, EvidenceRef origin);

/// Upper-case hex without separators.
std::string hex(const unsigned char* data, std::size_t size);

/// "RSA 2048", "EC P-256", "Ed25519" and the size in bits.
std::string describe_key(const EVP_PKEY* key, int* bits = nullptr);

}  // namespace mtls::tls
