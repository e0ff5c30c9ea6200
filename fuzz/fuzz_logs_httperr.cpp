// SPDX-License-Identifier: Apache-2.0
// HTTPERR lines (http.sys error log, "Microsoft HTTP API 2.0"): always behind an HTTPERR header,
// so every input exercises the data-line reader, s-reason classification and the filters. The
// first byte picks the #Fields variant (the IIS 6 field list, and one with s-siteid first) and
// the filters.
#include <cstddef>
#include <cstdint>
#include <string>

#include "parse/logs/logs.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  static const char* const headers[] = {
      "#Software: Microsoft HTTP API 2.0\r\n#Version: 1.0\r\n#Date: 2024-03-01 10:00:00\r\n"
      "#Fields: date time c-ip c-port s-ip s-port cs-version cs-method cs-uri sc-status s-siteid "
      "s-reason s-queuename\r\n",
      "#Software: Microsoft HTTP API 2.0\n#Fields: date time s-siteid s-reason c-ip c-port s-ip "
      "s-port sc-status cs-uri\n",
  };
  std::string text = headers[data[0] & 1];
  text.append(reinterpret_cast<const char*>(data + 1), size - 1);
  mtls::logs::Filters filters;
  if (data[0] & 0x10) filters.since = 0;
  if (data[0] & 0x20) filters.site = 1;
  filters.window_seconds = 1 + (data[0] >> 6) * 60;
  (void)mtls::logs::parse_log_text(text, "httperr1.log", filters);
  return 0;
}
