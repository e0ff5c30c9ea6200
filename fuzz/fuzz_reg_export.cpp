// SPDX-License-Identifier: Apache-2.0
// regedit export reader, then the facts drawn from it (bindings, Schannel, zones, store blobs).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "parse/iis/reg_export.h"
#include "parse/iis/registry_facts.h"
#include "parse/iis/text_decoding.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  auto text = mtls::parse::decode_text(bytes, "fuzz");
  if (!text) return 0;
  auto keys = mtls::parse::parse_reg_export(*text, "fuzz");
  if (!keys) return 0;
  mtls::IisEvidence evidence;
  mtls::parse::collect_registry_facts(*keys, evidence);
  (void)mtls::parse::certificate_from_blob(bytes);
  return 0;
}
