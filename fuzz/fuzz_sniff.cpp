// SPDX-License-Identifier: Apache-2.0
// The one file sniffer (core/sniff.cpp) on arbitrary head bytes: every input kind's recogniser
// (XML shapes, DER tags, text log first lines, binary magics) reads only inside `head`.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/sniff.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size > mtls::kSniffBytes) size = mtls::kSniffBytes;  // callers never pass more
  const mtls::InputKind kind = mtls::sniff(std::string_view(reinterpret_cast<const char*>(data), size));
  (void)mtls::is_log(kind);
  (void)mtls::is_certificate(kind);
  return 0;
}
