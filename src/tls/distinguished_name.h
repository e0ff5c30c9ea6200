// SPDX-License-Identifier: Apache-2.0
// DER distinguished names and certificates as they travel in a handshake or sit in a registry
// hive, turned into the same plain facts every other source produces (tls/cert_facts.h), so
// names and certificates from a capture, a hive, a probe and a file compare alike. Serves the
// capture reader (CertificateRequest CA names, Certificate messages), `pcap --client` and the
// store certificates of SOFTWARE hives.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/evidence/certificates.h"
#include "core/expected.h"

namespace mtls::tls {

/// A DER-encoded X.501 Name (as in certificate_authorities, RFC 5246 §7.4.4) -> text, DER hex,
/// canonical form and attributes (tls::distinguished_name: the canonical form follows OpenSSL's
/// x509_name_canon, so two names match "as OpenSSL does" when their canonical forms are equal).
Expected<DistinguishedName> parse_distinguished_name(std::string_view der);

/// One DER certificate -> the facts of evidence.certificates[] (tls::certificate_facts). Errors name `origin`.
Expected<CertificateFacts> certificate_facts_from_der(std::string_view der, CertificateRole role,
                                                      EvidenceRef origin = {});

/// Every certificate in a file of any format tls/cert_file.h reads (PEM, DER, PKCS#7, an
/// unprotected PKCS#12), the leaf first.
Expected<std::vector<CertificateFacts>> load_certificate_file(const std::string& path, CertificateRole first_role);

}  // namespace mtls::tls
