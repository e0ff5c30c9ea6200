// SPDX-License-Identifier: Apache-2.0
// Sources: learn.microsoft.com "Transport Layer Security (TLS) registry settings"; "netsh http
// add sslcert" (learn.microsoft.com/windows/win32/http/add-sslcert); KB2802568.
#include "knowledge/settings.h"

#include <algorithm>
#include <cctype>

namespace mtls::knowledge {
namespace {

const std::vector<Setting> table{
    {"SendTrustedIssuerList",
     {},
     "Schannel registry value",
     R"(HKLM\SYSTEM\CurrentControlSet\Control\SecurityProviders\SCHANNEL)",
     {{"0", "send an empty CA list in the CertificateRequest"},
      {"1", "send the trusted issuer list (the CTL store, or the whole Trusted Root store)"}},
     "0 since Windows Server 2012 / Windows 8; 1 on earlier versions",
     "With 1, clients that filter by the CA list send no certificate when their issuer is not "
     "named, and a large Trusted Root store can overflow the list.",
     R"(reg add "HKLM\SYSTEM\CurrentControlSet\Control\SecurityProviders\SCHANNEL" /v SendTrustedIssuerList /t REG_DWORD /d 0 /f)"},
};

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() &&
         std::equal(a.begin(), a.end(), b.begin(), [](unsigned char x, unsigned char y) {
           return std::tolower(x) == std::tolower(y);
         });
}

}  // namespace

std::span<const Setting> settings() { return table; }

const Setting* find_setting(std::string_view name) {
  for (const Setting& s : table) {
    if (iequals(s.name, name)) return &s;
    for (std::string_view alias : s.aliases) {
      if (iequals(alias, name)) return &s;
    }
  }
  return nullptr;
}

}  // namespace mtls::knowledge
