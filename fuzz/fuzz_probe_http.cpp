// SPDX-License-Identifier: Apache-2.0
// Whatever a server answers, the probe's HTTP reader must end (complete/incomplete/malformed)
// without crashing, and never keep more than 64 KiB of body.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "tls/probe_http.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  (void)mtls::tls::response_state(bytes, false);
  (void)mtls::tls::response_state(bytes, true);
  auto response = mtls::tls::parse_http_response(bytes);
  if (response) {
    if (response->body.size() > mtls::tls::kMaxResponseBody) __builtin_trap();
    (void)mtls::tls::iis_substatus_from_body(response->body);
    (void)mtls::tls::nginx_reason_from_body(response->body);
    (void)mtls::tls::header_value(*response, "Server");
  }
  (void)mtls::tls::parse_https_url(bytes);
  (void)mtls::tls::parse_host_port(bytes);
  return 0;
}
