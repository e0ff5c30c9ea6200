// SPDX-License-Identifier: Apache-2.0
// Registry hive reader (libregf) on arbitrary bytes. libregf opens files by name, so each input
// is written to one private temporary file first.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>

#include "parse/iis/hive.h"
#include "parse/iis/registry_facts.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const std::string path = "/tmp/fuzz_registry_hive." + std::to_string(::getpid());
  std::FILE* f = std::fopen(path.c_str(), "wb");
  if (!f) return 0;
  std::fwrite(data, 1, size, f);
  std::fclose(f);
  auto keys = mtls::parse::read_hive_file(path, "fuzz");
  if (keys) {
    mtls::IisEvidence evidence;
    mtls::parse::collect_registry_facts(*keys, evidence);
  }
  return 0;
}
