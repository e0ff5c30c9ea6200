// SPDX-License-Identifier: Apache-2.0
// The one place that reads OpenSSL's error queue.
#pragma once

#include <string>

namespace mtls::tls {

/// Drain the thread's OpenSSL error queue into one readable line ("" when empty). Reason strings
/// only: OpenSSL never puts key material in them.
std::string take_openssl_error();

}  // namespace mtls::tls
