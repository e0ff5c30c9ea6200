// SPDX-License-Identifier: Apache-2.0
// applicationHost.config / web.config reader on arbitrary bytes (any encoding the decoder takes).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "parse/iis/iis_config.h"
#include "parse/iis/text_decoding.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  auto text = mtls::parse::decode_text(bytes, "fuzz");
  if (!text) return 0;
  (void)mtls::parse::parse_iis_config(*text, "fuzz");
  (void)mtls::parse::parse_iis_config(*text, "fuzz", std::string("Default Web Site/app"));
  return 0;
}
