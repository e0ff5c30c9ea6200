// SPDX-License-Identifier: Apache-2.0
// CAPI2 Operational events (Microsoft-Windows-CAPI2/Operational), as wevtutil qe /f:xml, Get-WinEvent
// ... ToXml() and libevtx render them: the event data is a <UserData> element named after the
// CryptoAPI call. Read: 11 CertGetCertificateChain (the chain built, its CERT_TRUST_* error bits,
// the usage asked for), 30 CertVerifyCertificateChainPolicy (the policy, for SSL the side, and the
// Result the caller got: CERT_E_UNTRUSTEDROOT, CRYPT_E_REVOCATION_OFFLINE, ...), 90 X509Objects
// (the certificates of a chain context: subject, issuer, validity). Other CAPI2 events (10, 40,
// 41, 50-53, 80, 81) are counted as read and not kept. Private to src/parse/logs.
#pragma once

#include <cstdint>
#include <optional>
#include <pugixml.hpp>
#include <string_view>

#include "parse/logs/accumulator.h"

namespace mtls::logs {

inline constexpr std::string_view kCapi2Provider = "Microsoft-Windows-CAPI2";

/// Whether a CAPI2 event id is one read_capi2_event keeps.
constexpr bool is_capi2_chain_event(std::uint32_t id) { return id == 11 || id == 30 || id == 90; }

/// One <Event> of the CAPI2 provider. `record`: the record number (.evtx) or line (XML export).
void read_capi2_event(pugi::xml_node event, std::uint32_t event_id, std::uint32_t file, std::uint64_t record,
                      std::optional<std::int64_t> time, Accumulator& acc);

}  // namespace mtls::logs
