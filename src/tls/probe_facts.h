// SPDX-License-Identifier: Apache-2.0
// Certificate and name facts the probe needs (server chain, CertificateRequest CA names, the
// client identity it presents). src/tls internal.
//
// MERGE NOTE: the certificate issue (branch cert) writes the project's X509 -> CertificateFacts
// extraction (tls/cert_facts.h: certificate_facts(), distinguished_name()). These two functions
// are the probe's stand-ins with the same meaning; when both branches are on main, replace the
// calls by certificate_facts()/distinguished_name() and delete this file.
#pragma once

#include "core/evidence/certificates.h"
#include "tls/openssl_ptr.h"

namespace mtls::tls {

/// Text (RFC 4514), DER hex and canonical hex (OpenSSL x509_name_canon rules) of a name.
DistinguishedName probe_distinguished_name(const X509_NAME* name);

/// The facts a probe report shows about one certificate.
CertificateFacts probe_certificate_facts(X509* cert, CertificateRole role, EvidenceRef origin);

}  // namespace mtls::tls
