// SPDX-License-Identifier: Apache-2.0
// Win32 errors and HRESULTs (SEC_E_*, CERT_E_*, CRYPT_E_*) met in sc-win32-status, FREB ErrorCode
// and Schannel events (winerror.h), decoded like `certutil -error`. Data with worked-example tests.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

namespace mtls::knowledge {

struct Win32Code {
  std::uint32_t code;            ///< as logged: Win32 errors small, HRESULTs as unsigned 32-bit
  std::string_view name;         ///< "CERT_E_UNTRUSTEDROOT"
  std::string_view message;      ///< the system message text (FormatMessage)
  std::string_view client_cert;  ///< what it means for client-certificate authentication
  std::vector<std::string_view> causes;
  std::string_view next_step;
};

std::span<const Win32Code> win32_codes();
/// Exact code; also finds a Win32 error wrapped as HRESULT_FROM_WIN32 (0x8007xxxx).
const Win32Code* find_win32_code(std::uint32_t code);

}  // namespace mtls::knowledge
