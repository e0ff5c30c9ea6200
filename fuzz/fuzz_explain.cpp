// SPDX-License-Identifier: Apache-2.0
// libFuzzer target: knowledge::explain (codes and pasted lines), closest_codes and list_family
// on arbitrary input. Every answer is
// either an explanation with at least one part or an error with a message.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "knowledge/explain.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view query(reinterpret_cast<const char*>(data), size);
  auto result = mtls::knowledge::explain(query);
  if (result) {
    if (result->parts.empty()) std::abort();
  } else if (result.error().message.empty()) {
    std::abort();
  }
  if (size <= 64) {
    (void)mtls::knowledge::closest_codes(query, 5);
    auto listed = mtls::knowledge::list_family(query);
    if (!listed && listed.error().message.empty()) std::abort();
  }
  return 0;
}
