// SPDX-License-Identifier: Apache-2.0
// Evidence: everything the sources learned, as plain data (no OpenSSL, XML or file handles).
// One optional part per source; a missing part means "not collected", which checks report as
// "not checked" with the reason.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/evidence/certificates.h"
#include "core/evidence/iis.h"
#include "core/evidence/inputs.h"
#include "core/evidence/logs.h"
#include "core/evidence/pcap.h"
#include "core/evidence/probe.h"

namespace mtls {

/// An input that could not be used in full; shown at the top of every report.
struct CollectionProblem {
  std::string input;
  std::string message;
};

/// The kinds of evidence a check may need.
enum class EvidencePart { probe, certificates, iis, logs, pcap };

struct Evidence {
  std::optional<ProbeEvidence> probe;
  std::optional<CertificateEvidence> certificates;
  std::optional<IisEvidence> iis;
  std::optional<LogEvidence> logs;
  std::optional<PcapEvidence> pcap;
  std::vector<CollectionProblem> problems;
  /// Every input the collection stage met, read or skipped (commands that take named files only
  /// may leave it empty).
  std::vector<InputRecord> inputs;

  [[nodiscard]] bool has(EvidencePart part) const;
};

std::string_view to_string(EvidencePart part);
/// What the user can supply so that a check needing `part` can run.
std::string_view how_to_collect(EvidencePart part);

}  // namespace mtls
