// SPDX-License-Identifier: Apache-2.0
// Sources: winerror.h (Windows SDK); `certutil -error` output; KB2802568 for CERT_E_UNTRUSTEDROOT
// with 403.16.
#include "knowledge/win32_codes.h"

namespace mtls::knowledge {
namespace {

const std::vector<Win32Code> table{
    {64, "ERROR_NETNAME_DELETED", "The specified network name is no longer available.",
     "The connection went away while IIS was working on the request. Logged as 500 0 64 just "
     "before a 403.7 when the server asked for the certificate late, by renegotiation, and the "
     "client could not or did not answer.",
     {"the certificate is requested by renegotiation after the request (Negotiate Client "
      "Certificate disabled on the http.sys binding)",
      "the client or a middlebox closed the connection"},
     "Enable Negotiate Client Certificate on the binding: netsh http update sslcert ... "
     "clientcertnegotiation=enable."},
    {0x800B0109, "CERT_E_UNTRUSTEDROOT",
     "A certificate chain processed, but terminated in a root certificate which is not trusted "
     "by the trust provider.",
     "The server built the client certificate's chain but does not trust its root (IIS 403.16).",
     {"the client's root CA is not in the server's Trusted Root Certification Authorities store",
      "a non-self-signed certificate sits in the server's Trusted Root store (KB2802568)"},
     "Import the client's root into the server's Local Computer Trusted Root store; run "
     "mtls-doctor store on that store."},
};

}  // namespace

std::span<const Win32Code> win32_codes() { return table; }

const Win32Code* find_win32_code(std::uint32_t code) {
  for (const Win32Code& c : table) {
    if (c.code == code) return &c;
  }
  // HRESULT_FROM_WIN32: 0x8007xxxx wraps Win32 error xxxx (FREB logs 0x800703e3 for 995).
  if ((code & 0xFFFF0000u) == 0x80070000u) {
    const std::uint32_t win32 = code & 0xFFFFu;
    for (const Win32Code& c : table) {
      if (c.code == win32) return &c;
    }
  }
  return nullptr;
}

}  // namespace mtls::knowledge
