// SPDX-License-Identifier: Apache-2.0
// One root cause, several pieces of evidence. When several sources (probe, capture, logs, the
// server's configuration, the certificate) show the same thing, the report holds ONE finding for
// it whose evidence lists every source; a finding that a present root cause explains (the 403.7
// in the log that a late certificate request produces) is folded into that cause instead of
// standing as an error of its own.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/finding.h"

namespace mtls {

/// "`cause`, when present, explains `explained`": the explained finding is folded into it.
struct FindingLink {
  std::string_view cause;
  std::string_view explained;
};

/// Where each folded finding went: (folded id, the id of the finding that absorbed it).
using FoldMap = std::vector<std::pair<std::string, std::string>>;

/// Merge findings of one id seen by different sources into the first (best ranked) of them, then
/// fold every finding some present cause explains into the best ranked such cause. `findings`
/// must be ranked; the result keeps their order. Returns where each removed finding went.
FoldMap correlate_findings(std::vector<Finding>& findings, std::span<const FindingLink> links);

/// The source a finding rests on first ("probe", "pcap", "log", "netsh", "registry", ...).
std::string_view primary_source(const Finding& finding);

}  // namespace mtls
