// SPDX-License-Identifier: Apache-2.0
#include "render/text_evidence.h"

namespace mtls {

std::string render_text_evidence(const Evidence& evidence, bool color) {
  const text::Styler s(color);
  std::string out;
  if (evidence.certificates) text::certificate_part(out, s, *evidence.certificates);
  if (evidence.probe) text::probe(out, s, *evidence.probe);
  if (evidence.iis) text::iis(out, s, *evidence.iis);
  if (evidence.logs) text::logs(out, s, *evidence.logs);
  if (evidence.pcap) text::pcap(out, s, *evidence.pcap);
  return out;
}

}  // namespace mtls
