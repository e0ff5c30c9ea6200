// SPDX-License-Identifier: Apache-2.0
// Sources: KB943891 "The HTTP status code in IIS 7 and later versions"
// (learn.microsoft.com/troubleshoot/developer/webapps/iis/www-administration-management/http-status-code)
// and the MD_ERROR_SUB40x_* constants of iiscnfg.h.
#include "knowledge/iis_status.h"

namespace mtls::knowledge {
namespace {

const std::vector<IisStatus> table{
    {403, 7, "MD_ERROR_SUB403_CERT_REQUIRED", "Client certificate required",
     "IIS required a client certificate for this content and none arrived with the request.",
     {"the server never asked in a way the client could answer (no CertificateRequest, a late "
      "request by renegotiation over HTTP/2, or TLS 1.3 post-handshake authentication)",
      "the CA list in the CertificateRequest excluded the client's issuer, so the client sent nothing",
      "the client has no usable certificate or private key",
      "a proxy or load balancer terminated TLS in between"},
     "Probe the server with mtls-doctor probe https://HOST/PATH --cert CERT --key KEY, and check "
     "the binding with netsh http show sslcert (Negotiate Client Certificate).",
     true},
};

}  // namespace

std::span<const IisStatus> iis_statuses() { return table; }

const IisStatus* find_iis_status(int status, int substatus) {
  for (const IisStatus& s : table) {
    if (s.status == status && s.substatus == substatus) return &s;
  }
  return nullptr;
}

}  // namespace mtls::knowledge
