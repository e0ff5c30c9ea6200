// SPDX-License-Identifier: Apache-2.0
// DER distinguished names and certificates as they travel in a handshake, turned into the plain
// facts checks compare. Small on purpose: the certificate loader (issue 3) owns the full story;
// these serve the capture reader (CertificateRequest CA names, Certificate messages) and
// `pcap --client`.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/evidence/certificates.h"
#include "core/expected.h"

namespace mtls::tls {

/// A DER-encoded X.501 Name (as in certificate_authorities, RFC 5246 §7.4.4) -> text, DER hex,
/// canonical form and attributes. The canonical form follows OpenSSL's x509_name_canon (which is
/// internal): each RDN re-encoded with its string values converted to UTF-8, leading/trailing
/// spaces removed, inner runs of spaces collapsed to one and ASCII lower-cased, the outer
/// SEQUENCE header dropped. Two names match "as OpenSSL does" when their canonical forms are equal.
Expected<DistinguishedName> parse_distinguished_name(std::string_view der);

/// One DER certificate -> the facts of DESIGN §5 (subject, issuer, serial, thumbprints, validity,
/// self_signed, is_ca, key, signature algorithm, EKU, key usage).
Expected<CertificateFacts> certificate_facts_from_der(std::string_view der, CertificateRole role);

/// Every certificate in a PEM (one or more blocks) or DER file, in file order.
Expected<std::vector<CertificateFacts>> load_certificate_file(const std::string& path, CertificateRole first_role);

}  // namespace mtls::tls
