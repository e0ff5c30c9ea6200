// SPDX-License-Identifier: Apache-2.0
// Names of the code points a CertificateRequest carries, one table for every source that reads
// one (the probe through OpenSSL, the capture parser from the wire), so a report names them alike.
#pragma once

#include <cstdint>
#include <string>

namespace mtls::knowledge {

/// SignatureScheme (RFC 8446 §4.2.3, IANA "TLS SignatureScheme"); the TLS 1.2 hash/signature pairs
/// of RFC 5246 §7.4.1.4.1 that have no TLS 1.3 name are spelt in the same style
/// ("rsa_pkcs1_sha224", "dsa_sha256"). Unknown ones as "0x0a0b".
std::string signature_scheme_name(std::uint16_t scheme);

/// ClientCertificateType (RFC 5246 §7.4.4, RFC 8422 §5.5). Unknown ones as "type 17".
std::string certificate_type_name(std::uint8_t type);

}  // namespace mtls::knowledge
