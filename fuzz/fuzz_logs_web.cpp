// SPDX-License-Identifier: Apache-2.0
// nginx / Apache error and access log readers: the first byte picks a first line that makes the
// sniffer choose one of the three (or none), so the fuzzer reaches each reader's line parser.
#include <cstddef>
#include <cstdint>
#include <string>

#include "parse/logs/logs.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  static const char* const first_lines[] = {
      "",
      "2026/10/11 14:32:52 [info] 1#0: *1 client sent no required SSL certificate while reading client request "
      "headers, client: 192.0.2.1, server: x\n",
      "[Wed Oct 11 14:32:52.123456 2026] [ssl:error] [pid 1:tid 2] [client 1.2.3.4:5678] AH02261: Re-negotiation "
      "handshake failed\n",
      "192.0.2.1 - - [11/Oct/2026:14:32:52 +0200] \"GET / HTTP/1.1\" 496 246 \"-\" \"curl/8.5.0\"\n",
  };
  std::string text = first_lines[data[0] % 4];
  text.append(reinterpret_cast<const char*>(data + 1), size - 1);
  mtls::logs::Filters filters;
  if (data[0] & 0x10) filters.since = 0;
  if (data[0] & 0x20) filters.until = 1800000000;
  auto result = mtls::logs::parse_log_text(text, "fuzz.log", filters);
  (void)result;
  return 0;
}
