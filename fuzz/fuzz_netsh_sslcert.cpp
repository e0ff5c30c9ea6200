// SPDX-License-Identifier: Apache-2.0
// netsh http show sslcert reader on arbitrary bytes.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "parse/iis/netsh_sslcert.h"
#include "parse/iis/text_decoding.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  auto text = mtls::parse::decode_text(bytes, "fuzz");
  if (!text) return 0;
  auto bindings = mtls::parse::parse_netsh_sslcert(*text, "fuzz");
  if (bindings) {
    for (const auto& b : *bindings) (void)mtls::parse::netsh_binding_key(b);
  }
  return 0;
}
