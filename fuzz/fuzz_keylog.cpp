// SPDX-License-Identifier: Apache-2.0
// The NSS key log reader on arbitrary text: lines of any length, any label, bad hex, CRLF, NULs.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "capture/keylog.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto log = mtls::capture::parse_keylog(std::string_view(reinterpret_cast<const char*>(data), size), "fuzz.keys");
  if (log && log->entries > size) __builtin_trap();  // an entry needs a line of the input
  return 0;
}
