// SPDX-License-Identifier: Apache-2.0
#include "tls/openssl_error.h"

#include <openssl/err.h>

namespace mtls::tls {

std::string take_openssl_error() {
  std::string out;
  unsigned long code = 0;
  while ((code = ERR_get_error()) != 0) {
    const char* reason = ERR_reason_error_string(code);
    std::string text = reason ? reason : "error " + std::to_string(ERR_GET_REASON(code));
    if (out.find(text) != std::string::npos) continue;
    if (!out.empty()) out += "; ";
    out += text;
  }
  return out;
}

}  // namespace mtls::tls
