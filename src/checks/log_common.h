// SPDX-License-Identifier: Apache-2.0
// Shared wording for the log.* checks: evidence from log lines, times, top lists.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/evidence.h"
#include "core/finding.h"

namespace mtls::checks::log_detail {

/// A log line as finding evidence ("u_ex240301.log:12").
EvidenceRef line_ref(const LogExample& example);
/// "2024-03-01T10:00:00Z", or "unknown".
std::string time_text(std::optional<std::int64_t> unix_seconds);
/// "from 2024-03-01T10:00:00Z to 2024-03-01T11:00:00Z" (or "at ..." when equal, "" when unknown).
std::string span_text(std::optional<std::int64_t> first, std::optional<std::int64_t> last);
/// "192.0.2.1 (12), 192.0.2.2 (3)" — at most `n` values.
std::string top_text(const std::vector<LogTopValue>& values, std::size_t n = 3);
/// The failure counters of one kind, or nullptr.
const LogFailure* find_failure(const LogEvidence& logs, LogFailureKind kind);
/// "CERT_E_UNTRUSTEDROOT (0x800B0109)" or the number.
std::string win32_text(std::uint32_t code);
/// The usual sentence about a failure kind: count, time span, top clients and URIs.
std::string failure_summary(const LogFailure& f, std::string_view what);
/// Evidence refs of a failure's examples.
std::vector<EvidenceRef> example_refs(const LogFailure& f);

/// " The IIS lines of a.log were read without a #Fields header, with IIS's default field set
/// assumed." — empty when every file declared its fields.
std::string assumed_text(const LogEvidence& logs);
/// The nginx / Apache messages and access statuses that report `kind`, most frequent first.
std::vector<const WebServerMessage*> web_messages(const LogEvidence& logs, LogFailureKind kind);
/// "nginx", "Apache httpd", "nginx and Apache httpd", "nginx or Apache httpd" for the servers of `messages`.
std::string servers_text(const std::vector<const WebServerMessage*>& messages);
/// "nginx error log: 3 x \"client sent no required SSL certificate\" (meaning) from .. to ..;
/// clients: ...; servers: ...", one sentence per message joined.
std::string web_summary(const std::vector<const WebServerMessage*>& messages);
/// Evidence refs of the messages' examples (at most `n`).
std::vector<EvidenceRef> web_refs(const std::vector<const WebServerMessage*>& messages, std::size_t n = 3);

/// The CAPI2 chain errors about client certificates that report `kind`, most frequent first.
std::vector<const Capi2ChainError*> capi2_errors(const LogEvidence& logs, LogFailureKind kind);
/// "CAPI2 30 CertVerifyCertificateChainPolicy (SSL policy, client certificate): 3 x
/// CERT_E_UNTRUSTEDROOT 0x800B0109 for \"alice\" (thumbprint ..., issuer ..., valid ... to ...)
/// from .. to ..", one sentence per group joined.
std::string capi2_summary(const std::vector<const Capi2ChainError*>& errors);
/// Evidence refs of the groups' examples (file and record; at most `n`).
std::vector<EvidenceRef> capi2_refs(const std::vector<const Capi2ChainError*>& errors, std::size_t n = 3);

}  // namespace mtls::checks::log_detail
