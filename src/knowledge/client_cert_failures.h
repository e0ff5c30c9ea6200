// SPDX-License-Identifier: Apache-2.0
// Which logged codes mean which client-certificate failure (the log.* finding kinds):
//   - IIS status triples (sc-status, sc-substatus, sc-win32-status), after "The HTTP status code
//     in IIS 7 and later versions" (KB943891) for 403.7/.12/.13/.16/.17, and the Win32 errors
//     http.sys logs when the certificate renegotiation dies (500 with 64 ERROR_NETNAME_DELETED,
//     995 ERROR_OPERATION_ABORTED, 1236 ERROR_CONNECTION_ABORTED) or cannot happen at all
//     (500.0 with 50 / 0x80070032 ERROR_NOT_SUPPORTED: no renegotiation under TLS 1.3);
//   - certificate-chain HRESULTs (winerror.h CERT_E_*, CRYPT_E_*) that CryptoAPI reports for a
//     chain, as CAPI2 events and FREB ErrorCode carry them.
// One table each; the first row that matches decides.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "core/evidence/logs.h"

namespace mtls::knowledge {

/// One row: a status, a substatus (kAnySubstatus: any, absent included), up to three win32 values
/// (none listed: any, absent included), and the kind it means.
struct StatusTripleRule {
  static constexpr int kAnySubstatus = -1;
  int status;
  int substatus;
  std::array<std::uint32_t, 3> win32;
  std::uint8_t win32_count;
  LogFailureKind kind;
  std::string_view why;  ///< the words of the source document, in short
};

std::span<const StatusTripleRule> status_triple_rules();

/// The kind a W3C status triple belongs to, if it is a client-certificate failure. An absent
/// substatus or win32 status decides nothing a row needs: 403 without a substatus is no kind.
std::optional<LogFailureKind> classify_status_triple(int status, std::optional<int> substatus,
                                                     std::optional<std::uint32_t> win32);

/// One certificate-chain error and the kind it means for a client certificate.
struct ChainErrorRule {
  std::uint32_t hresult;
  LogFailureKind kind;
};

std::span<const ChainErrorRule> chain_error_rules();

/// The kind a chain error (CERT_E_*, CRYPT_E_*, TRUST_E_*) means for a client certificate;
/// nullopt for other codes (0 included: the chain was good).
std::optional<LogFailureKind> classify_chain_error(std::uint32_t hresult);

/// One CERT_TRUST_* error bit of a chain's TrustStatus (wincrypt.h, CERT_TRUST_STATUS), its name,
/// and the client-certificate failure it means (none for the bits a chain policy may ignore:
/// revocation unknown or offline is an error only when the caller asked for revocation, and the
/// policy event 30 then says CRYPT_E_REVOCATION_OFFLINE).
struct TrustErrorRule {
  std::uint32_t bit;
  std::string_view name;
  std::optional<LogFailureKind> kind;
};

std::span<const TrustErrorRule> trust_error_rules();
/// The kind of the first bit set, in the table's order (revoked, untrusted, expired).
std::optional<LogFailureKind> classify_trust_errors(std::uint32_t bits);
/// "CERT_TRUST_IS_UNTRUSTED_ROOT, CERT_TRUST_IS_PARTIAL_CHAIN" (unknown bits as hex).
std::string trust_error_names(std::uint32_t bits);

/// FREB ErrorCode HRESULTs that classify a failed request by themselves (whatever its status).
std::optional<LogFailureKind> classify_freb_error(std::uint32_t hresult);

}  // namespace mtls::knowledge
