// SPDX-License-Identifier: Apache-2.0
// Windows event XML reader (wevtutil exports and records rendered by libevtx).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/evidence/logs.h"
#include "parse/logs/accumulator.h"
#include "parse/logs/xml_readers.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  mtls::logs::Accumulator acc(mtls::logs::Filters{});
  auto r = mtls::logs::read_event_xml(std::string_view(reinterpret_cast<const char*>(data), size), 0, "events.xml",
                                      acc, size % 2);
  (void)r;
  mtls::LogEvidence evidence;
  acc.finish(evidence, {"events.xml"});
  return 0;
}
