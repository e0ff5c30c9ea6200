// SPDX-License-Identifier: Apache-2.0
// The families of pasted codes, each with the document its table is taken from (the table files
// cite the exact source files and versions).
#include "knowledge/pasted_codes.h"

#include <array>

namespace mtls::knowledge {

std::span<const PastedFamily> pasted_families() {
  static const std::array<PastedFamily, 7> families{{
      {"nginx", "nginx message", "nginx error-log messages and the 495/496/497 error pages",
       "nginx source (ngx_http_request.c, ngx_event_openssl.c, ngx_http_special_response.c) and "
       "the ngx_http_ssl_module documentation",
       nginx_messages()},
      {"apache", "Apache message", "Apache httpd mod_ssl error-log messages (AHnnnnn)",
       "httpd 2.4 modules/ssl (ssl_engine_kernel.c, ssl_engine_io.c)", apache_messages()},
      {"browser", "browser error", "Chrome/Edge net errors and Firefox/NSS errors",
       "Chromium net/base/net_error_list.h; NSS lib/ssl/SSLerrs.h; Firefox network error pages",
       browser_errors()},
      {"curl", "curl exit code", "curl exit codes for TLS and connection failures",
       "libcurl-errors(3) and curl_easy_strerror()", curl_exit_codes(), "curl "},
      {"java", "Java message", "Java (JSSE) handshake and validation exception texts",
       "OpenJDK sun.security.ssl and sun.security.validator messages", java_messages()},
      {"dotnet", ".NET message", ".NET SslStream / HttpClient AuthenticationException texts",
       "dotnet/runtime System.Net.Security resource strings", dotnet_messages()},
      {"schannel-event", "Schannel event", "Schannel System-log events 36870-36888",
       "Microsoft Learn, Schannel Events (dn786445)", schannel_event_texts(), "event "},
  }};
  return families;
}

}  // namespace mtls::knowledge
