// SPDX-License-Identifier: Apache-2.0
// The `probe --targets FILE` reader (cli::parse_targets) on arbitrary text: every line goes
// through the URL check `probe URL` uses.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "cli/probe_targets.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto urls = mtls::cli::parse_targets(text, "fuzz.txt");
  if (urls) {
    if (urls->empty() || urls->size() > mtls::cli::kMaxTargets) std::abort();
    for (const auto& url : *urls) {
      if (url.empty() || url.size() > mtls::cli::kMaxTargetLine) std::abort();
    }
  } else if (urls.error().message.empty()) {
    std::abort();
  }
  return 0;
}
