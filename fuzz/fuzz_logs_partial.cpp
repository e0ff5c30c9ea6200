// SPDX-License-Identifier: Apache-2.0
// The partial aggregates `logs --merge` reads (the lines `logs --partial` writes): any text is
// refused with file:line or merged within the readers' bounds.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "parse/logs/partial.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto r = mtls::logs::merge_partial_text(std::string_view(reinterpret_cast<const char*>(data), size), "partial.jsonl");
  (void)r;
  return 0;
}
