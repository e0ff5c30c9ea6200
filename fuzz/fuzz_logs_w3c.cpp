// SPDX-License-Identifier: Apache-2.0
// W3C / HTTPERR line reader: the first byte picks a header to put in front (none, IIS W3C,
// HTTPERR), so the fuzzer reaches data lines without having to invent a #Fields line first.
#include <cstddef>
#include <cstdint>
#include <string>

#include "parse/logs/logs.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  static const char* const headers[] = {
      "",
      "#Fields: date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) "
      "cs(Referer) sc-status sc-substatus sc-win32-status time-taken\n",
      "#Software: Microsoft HTTP API 2.0\n#Fields: date time c-ip c-port s-ip s-port cs-version cs-method cs-uri "
      "sc-status s-siteid s-reason s-queuename\n",
  };
  std::string text = headers[data[0] % 3];
  text.append(reinterpret_cast<const char*>(data + 1), size - 1);
  mtls::logs::Filters filters;
  if (data[0] & 0x10) filters.since = 0;
  if (data[0] & 0x20) filters.site = 1;
  filters.window_seconds = 1 + (data[0] >> 6) * 60;
  auto result = mtls::logs::parse_log_text(text, "fuzz.log", filters);
  (void)result;
  return 0;
}
