// SPDX-License-Identifier: Apache-2.0
#include "core/evidence_ref.h"

#include <fmt/format.h>

#include <utility>

namespace mtls {

EvidenceRef at_line(std::string source, std::string file, std::uint64_t line, std::string text) {
  EvidenceRef ref{.source = std::move(source),
                  .ref = fmt::format("{}:{}", file, line),
                  .text = std::move(text),
                  .file = std::move(file),
                  .line = line};
  return ref;
}

EvidenceRef at_frame(std::string file, std::uint64_t frame, std::string text) {
  EvidenceRef ref{.source = "pcap",
                  .ref = fmt::format("{} frame {}", file, frame),
                  .text = std::move(text),
                  .file = std::move(file),
                  .frame = frame};
  return ref;
}

EvidenceRef at_attempt(std::uint64_t attempt, std::string what, std::string text) {
  EvidenceRef ref{.source = "probe",
                  .ref = fmt::format("attempt {}: {}", attempt, what),
                  .text = std::move(text),
                  .attempt = attempt};
  return ref;
}

EvidenceRef at_input(std::string source, std::string input, std::string text) {
  EvidenceRef ref{.source = std::move(source), .ref = input, .text = std::move(text)};
  ref.file = std::move(input);
  return ref;
}

}  // namespace mtls
