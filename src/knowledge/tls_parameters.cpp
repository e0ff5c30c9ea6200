// SPDX-License-Identifier: Apache-2.0
#include "knowledge/tls_parameters.h"

#include <fmt/format.h>

namespace mtls::knowledge {

std::string signature_scheme_name(std::uint16_t scheme) {
  switch (scheme) {
    // RFC 8446 §4.2.3.
    case 0x0401: return "rsa_pkcs1_sha256";
    case 0x0501: return "rsa_pkcs1_sha384";
    case 0x0601: return "rsa_pkcs1_sha512";
    case 0x0403: return "ecdsa_secp256r1_sha256";
    case 0x0503: return "ecdsa_secp384r1_sha384";
    case 0x0603: return "ecdsa_secp521r1_sha512";
    case 0x0804: return "rsa_pss_rsae_sha256";
    case 0x0805: return "rsa_pss_rsae_sha384";
    case 0x0806: return "rsa_pss_rsae_sha512";
    case 0x0807: return "ed25519";
    case 0x0808: return "ed448";
    case 0x0809: return "rsa_pss_pss_sha256";
    case 0x080A: return "rsa_pss_pss_sha384";
    case 0x080B: return "rsa_pss_pss_sha512";
    case 0x0201: return "rsa_pkcs1_sha1";
    case 0x0203: return "ecdsa_sha1";
    // RFC 8734.
    case 0x081A: return "ecdsa_brainpoolP256r1tls13_sha256";
    case 0x081B: return "ecdsa_brainpoolP384r1tls13_sha384";
    case 0x081C: return "ecdsa_brainpoolP512r1tls13_sha512";
    // RFC 5246 §7.4.1.4.1 pairs (hash << 8 | signature) without an RFC 8446 name.
    case 0x0101: return "rsa_pkcs1_md5";
    case 0x0202: return "dsa_sha1";
    case 0x0301: return "rsa_pkcs1_sha224";
    case 0x0302: return "dsa_sha224";
    case 0x0303: return "ecdsa_sha224";
    case 0x0402: return "dsa_sha256";
    case 0x0502: return "dsa_sha384";
    case 0x0602: return "dsa_sha512";
    default: return fmt::format("0x{:04x}", scheme);
  }
}

std::string certificate_type_name(std::uint8_t type) {
  switch (type) {
    case 1: return "rsa_sign";
    case 2: return "dss_sign";
    case 3: return "rsa_fixed_dh";
    case 4: return "dss_fixed_dh";
    case 64: return "ecdsa_sign";
    case 65: return "rsa_fixed_ecdh";
    case 66: return "ecdsa_fixed_ecdh";
    default: return fmt::format("type {}", type);
  }
}

}  // namespace mtls::knowledge
