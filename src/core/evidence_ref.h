// SPDX-License-Identifier: Apache-2.0
// Where a fact came from: every record a source produces, and every finding, carries these.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace mtls {

/// A pointer back to the input a fact rests on (a finding's `evidence[]` in the report: source, ref, text).
/// `ref` is the human form ("u_ex240301.log:12", "attempt 2: GET /app/ -> HelloRequest",
/// "capture.pcap frame 14"); the structured fields let machine formats (SARIF) point precisely.
struct EvidenceRef {
  std::string source;  ///< "probe", "certificate", "store", "iis", "netsh", "registry", "log", "pcap"
  std::string ref;
  std::string text;    ///< the quoted line, message or value; never a secret
  std::string file;
  std::optional<std::uint64_t> line;
  std::optional<std::uint64_t> frame;
  std::optional<std::uint64_t> attempt;

  bool operator==(const EvidenceRef&) const = default;
};

/// A line of a file: ref "file:line".
EvidenceRef at_line(std::string source, std::string file, std::uint64_t line, std::string text);
/// A frame of a capture: ref "file frame N".
EvidenceRef at_frame(std::string file, std::uint64_t frame, std::string text);
/// A probe attempt: ref "attempt N: what".
EvidenceRef at_attempt(std::uint64_t attempt, std::string what, std::string text);
/// A fact with no finer location than its input (a certificate file, a registry value).
EvidenceRef at_input(std::string source, std::string input, std::string text);

}  // namespace mtls
