// SPDX-License-Identifier: Apache-2.0
// Failed Request Tracing XML reader.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/evidence/logs.h"
#include "parse/logs/accumulator.h"
#include "parse/logs/xml_readers.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  mtls::logs::Accumulator acc(mtls::logs::Filters{});
  auto r = mtls::logs::read_freb(std::string_view(reinterpret_cast<const char*>(data), size), 0, "fr.xml", acc);
  (void)r;
  mtls::LogEvidence evidence;
  acc.finish(evidence, {"fr.xml"});
  return 0;
}
