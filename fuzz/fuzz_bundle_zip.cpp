// SPDX-License-Identifier: Apache-2.0
// A bundle that is a zip archive, as `diagnose --bundle` reaches it: libzip reads the archive,
// every entry name goes through the zip-slip guard, the entries are unpacked (bounded) into a
// private temporary folder and each is sniffed. libzip opens archives by name, so the input is
// written to one private file first; the unpacked folder is removed when the contents go.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>

#include "collect/bundle.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const std::string path = "/tmp/fuzz_bundle_zip." + std::to_string(::getpid()) + ".zip";
  std::FILE* f = std::fopen(path.c_str(), "wb");
  if (!f) return 0;
  std::fwrite(data, 1, size, f);
  std::fclose(f);
  // Small bounds so one input cannot write gigabytes to /tmp; the checks are the same code.
  mtls::collect::BundleLimits limits;
  limits.max_files = 64;
  limits.max_zip_entries = 64;
  limits.max_zip_total = 8u << 20;
  mtls::collect::BundleContents contents;
  (void)mtls::collect::walk_bundle(path, limits, contents);
  std::remove(path.c_str());  // nothing left in /tmp when the replay or the fuzzer ends
  return 0;
}
