// SPDX-License-Identifier: Apache-2.0
#include "knowledge/client_cert_failures.h"

#include <algorithm>
#include <cstdio>

namespace mtls::knowledge {
namespace {

using K = LogFailureKind;
constexpr int kAny = StatusTripleRule::kAnySubstatus;

// KB943891 substatus codes. 403.7 with win32 5 (ERROR_ACCESS_DENIED) comes first: it points at the
// binding's trusted-issuer (CTL) configuration rather than at a client that sent nothing.
constexpr std::array kTriples{
    StatusTripleRule{403, 7, {5}, 1, K::ctl_access_denied, "403.7 with ERROR_ACCESS_DENIED"},
    StatusTripleRule{403, 7, {}, 0, K::cert_required, "403.7 client certificate required"},
    StatusTripleRule{403, 12, {}, 0, K::mapping_denied, "403.12 mapper denied access"},
    StatusTripleRule{403, 13, {}, 0, K::cert_revoked, "403.13 client certificate revoked"},
    StatusTripleRule{403, 16, {}, 0, K::cert_untrusted, "403.16 client certificate untrusted or invalid"},
    StatusTripleRule{403, 17, {}, 0, K::cert_expired, "403.17 client certificate expired or not yet valid"},
    StatusTripleRule{500, kAny, {64, 995, 1236}, 3, K::renegotiation_aborted,
                     "the connection went away while IIS renegotiated for the certificate"},
    StatusTripleRule{500, 0, {50, 0x80070032u}, 2, K::tls13_not_supported,
                     "ERROR_NOT_SUPPORTED: http.sys cannot renegotiate under TLS 1.3"},
};

// winerror.h; what each means for the client certificate follows knowledge/win32_codes.
constexpr std::array kChainErrors{
    ChainErrorRule{0x800B0109u, K::cert_untrusted},  // CERT_E_UNTRUSTEDROOT
    ChainErrorRule{0x800B010Au, K::cert_untrusted},  // CERT_E_CHAINING
    ChainErrorRule{0x800B0112u, K::cert_untrusted},  // CERT_E_UNTRUSTEDCA
    ChainErrorRule{0x800B010Du, K::cert_untrusted},  // CERT_E_UNTRUSTEDTESTROOT
    ChainErrorRule{0x800B0111u, K::cert_untrusted},  // TRUST_E_EXPLICIT_DISTRUST
    ChainErrorRule{0x800B0101u, K::cert_expired},    // CERT_E_EXPIRED
    ChainErrorRule{0x800B0102u, K::cert_expired},    // CERT_E_VALIDITYPERIODNESTING
    ChainErrorRule{0x800B010Cu, K::cert_revoked},    // CERT_E_REVOKED
    ChainErrorRule{0x80092010u, K::cert_revoked},    // CRYPT_E_REVOKED
    ChainErrorRule{0x80092012u, K::cert_revoked},    // CRYPT_E_NO_REVOCATION_CHECK
    ChainErrorRule{0x80092013u, K::cert_revoked},    // CRYPT_E_REVOCATION_OFFLINE
    ChainErrorRule{0x800B010Eu, K::cert_revoked},    // CERT_E_REVOCATION_FAILURE
};

// wincrypt.h CERT_TRUST_STATUS dwErrorStatus.
constexpr std::array kTrustErrors{
    TrustErrorRule{0x00000004u, "CERT_TRUST_IS_REVOKED", K::cert_revoked},
    TrustErrorRule{0x00000020u, "CERT_TRUST_IS_UNTRUSTED_ROOT", K::cert_untrusted},
    TrustErrorRule{0x00010000u, "CERT_TRUST_IS_PARTIAL_CHAIN", K::cert_untrusted},
    TrustErrorRule{0x04000000u, "CERT_TRUST_IS_EXPLICIT_DISTRUST", K::cert_untrusted},
    TrustErrorRule{0x00000008u, "CERT_TRUST_IS_NOT_SIGNATURE_VALID", K::cert_untrusted},
    TrustErrorRule{0x00000080u, "CERT_TRUST_IS_CYCLIC", K::cert_untrusted},
    TrustErrorRule{0x00000001u, "CERT_TRUST_IS_NOT_TIME_VALID", K::cert_expired},
    TrustErrorRule{0x00000002u, "CERT_TRUST_IS_NOT_TIME_NESTED", std::nullopt},
    TrustErrorRule{0x00000010u, "CERT_TRUST_IS_NOT_VALID_FOR_USAGE", std::nullopt},
    TrustErrorRule{0x00000040u, "CERT_TRUST_REVOCATION_STATUS_UNKNOWN", std::nullopt},
    TrustErrorRule{0x00000100u, "CERT_TRUST_INVALID_EXTENSION", std::nullopt},
    TrustErrorRule{0x00000200u, "CERT_TRUST_INVALID_POLICY_CONSTRAINTS", std::nullopt},
    TrustErrorRule{0x00000400u, "CERT_TRUST_INVALID_BASIC_CONSTRAINTS", std::nullopt},
    TrustErrorRule{0x00000800u, "CERT_TRUST_INVALID_NAME_CONSTRAINTS", std::nullopt},
    TrustErrorRule{0x01000000u, "CERT_TRUST_IS_OFFLINE_REVOCATION", std::nullopt},
    TrustErrorRule{0x02000000u, "CERT_TRUST_NO_ISSUANCE_CHAIN_POLICY", std::nullopt},
};

bool matches(const StatusTripleRule& r, int status, std::optional<int> substatus,
             std::optional<std::uint32_t> win32) {
  if (r.status != status) return false;
  if (r.substatus != kAny && substatus != r.substatus) return false;
  if (r.win32_count == 0) return true;
  if (!win32) return false;
  const auto* end = r.win32.begin() + r.win32_count;
  return std::find(r.win32.begin(), end, *win32) != end;
}

}  // namespace

std::span<const StatusTripleRule> status_triple_rules() { return kTriples; }

std::optional<LogFailureKind> classify_status_triple(int status, std::optional<int> substatus,
                                                     std::optional<std::uint32_t> win32) {
  for (const StatusTripleRule& r : kTriples) {
    if (matches(r, status, substatus, win32)) return r.kind;
  }
  return std::nullopt;
}

std::span<const ChainErrorRule> chain_error_rules() { return kChainErrors; }

std::optional<LogFailureKind> classify_chain_error(std::uint32_t hresult) {
  for (const ChainErrorRule& r : kChainErrors) {
    if (r.hresult == hresult) return r.kind;
  }
  return std::nullopt;
}

std::span<const TrustErrorRule> trust_error_rules() { return kTrustErrors; }

std::optional<LogFailureKind> classify_trust_errors(std::uint32_t bits) {
  for (const TrustErrorRule& r : kTrustErrors) {
    if ((bits & r.bit) != 0 && r.kind) return r.kind;
  }
  return std::nullopt;
}

std::string trust_error_names(std::uint32_t bits) {
  std::string out;
  std::uint32_t named = 0;
  for (std::uint32_t bit = 1; bit != 0; bit <<= 1) {
    if ((bits & bit) == 0) continue;
    for (const TrustErrorRule& r : kTrustErrors) {
      if (r.bit == bit) {
        out += (out.empty() ? "" : ", ") + std::string(r.name);
        named |= bit;
      }
    }
  }
  if (const std::uint32_t rest = bits & ~named; rest != 0) {
    char hex[16];
    std::snprintf(hex, sizeof(hex), "0x%X", rest);
    out += (out.empty() ? "" : ", ") + std::string(hex);
  }
  return out;
}

std::optional<LogFailureKind> classify_freb_error(std::uint32_t hresult) {
  // HRESULT_FROM_WIN32(ERROR_OPERATION_ABORTED): the renegotiation for the certificate aborted.
  if (hresult == 0x800703e3u) return K::renegotiation_aborted;
  return std::nullopt;
}

}  // namespace mtls::knowledge
