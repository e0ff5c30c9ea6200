// SPDX-License-Identifier: Apache-2.0
#include "render/text_evidence.h"

#include <fmt/format.h>

namespace mtls {

std::string render_text_evidence(const Evidence& evidence, const text::Styler& s) {
  std::string out;
  if (!evidence.inputs.empty()) {
    std::size_t read = 0;
    for (const InputRecord& r : evidence.inputs) read += r.read ? 1 : 0;
    out += fmt::format("\n{}\n", s(text::Style::bold, fmt::format("Inputs: {} read, {} skipped", read,
                                                                    evidence.inputs.size() - read)));
    for (const InputRecord& r : evidence.inputs) {
      const std::string kind = r.kind == InputKind::unknown ? std::string() : fmt::format(" ({})", to_string(r.kind));
      const std::string note = r.note.empty() ? std::string() : fmt::format(": {}", r.note);
      out += s.wrap(fmt::format("{} {}{}{}", r.read ? "read   " : "skipped", r.path, kind, note), "  ") + "\n";
    }
  }
  if (evidence.certificates) text::certificate_part(out, s, *evidence.certificates);
  if (evidence.probe) text::probe(out, s, *evidence.probe);
  if (evidence.iis) text::iis(out, s, *evidence.iis);
  if (evidence.logs) text::logs(out, s, *evidence.logs);
  if (evidence.pcap) text::pcap(out, s, *evidence.pcap);
  return out;
}

}  // namespace mtls
