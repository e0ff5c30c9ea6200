// SPDX-License-Identifier: Apache-2.0
// TLS handshake message types: one table for every reader that names a handshake message (the
// probe through OpenSSL's message callback, the capture parser from the wire), so a report names
// them alike.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace mtls::knowledge {

struct TlsHandshakeType {
  int code;
  std::string_view iana_name;   ///< the registry's spelling, "certificate_request"
  std::string_view message;     ///< the structure's name in its RFC, "CertificateRequest"
  std::string_view defined_in;  ///< "RFC 8446 §4.3.2"
  bool reserved;                ///< registered but not sent by TLS 1.3 (_RESERVED in RFC 8446 §4)
};

/// Every value of the IANA "TLS HandshakeType" registry, in code order.
std::span<const TlsHandshakeType> tls_handshake_types();
const TlsHandshakeType* find_tls_handshake_type(int code);
/// "CertificateRequest"; a value the registry does not hold as "handshake type 7".
std::string handshake_message_name(std::uint8_t type);

}  // namespace mtls::knowledge
