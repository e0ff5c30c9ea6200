// SPDX-License-Identifier: Apache-2.0
// The .evtx wrapper (libevtx, record rendering, then the event XML reader) through read_logs, as
// `logs` and `diagnose --bundle` reach it. libevtx opens files by name, so each input is written
// to one private temporary file first. Seeds: scripts/fuzz.sh adds the first chunk of each
// corpus .evtx from ../shared (not committed); run with -max_len=131072 so a chunk fits.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>

#include "parse/logs/logs.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const std::string path = "/tmp/fuzz_logs_evtx." + std::to_string(::getpid()) + ".evtx";
  std::FILE* f = std::fopen(path.c_str(), "wb");
  if (!f) return 0;
  std::fwrite(data, 1, size, f);
  std::fclose(f);
  (void)mtls::logs::read_logs({path}, {});
  std::remove(path.c_str());  // nothing left in /tmp when the replay or the fuzzer ends
  return 0;
}
