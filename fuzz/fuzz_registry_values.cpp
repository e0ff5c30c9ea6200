// SPDX-License-Identifier: Apache-2.0
// Registry values as a hive or a .reg export delivers them, straight into the facts
// (collect_registry_facts): no libregf, no text parsing, so each execution is microseconds and
// the fuzzer spends its time on value types and data the facts code must survive (short
// DWORDs, odd types, huge strings, certificate Blobs, binding key names). Input: records of
// [key selector][value selector][type][length][data...].
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <iterator>
#include <string_view>
#include <vector>

#include "parse/iis/registry.h"
#include "parse/iis/registry_facts.h"

namespace {

#define SYSTEM_CCS "HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\"
#define SCHANNEL "Control\\SecurityProviders\\SCHANNEL"
#define HTTP "Services\\HTTP\\Parameters\\"
#define STORES "\\SOFTWARE\\Microsoft\\SystemCertificates\\"
#define ZONES "Microsoft\\Windows\\CurrentVersion\\Internet Settings\\Zones\\"
const char* const kKeys[] = {
    SYSTEM_CCS SCHANNEL,
    "HKEY_LOCAL_MACHINE\\SYSTEM\\ControlSet001\\" SCHANNEL,
    SYSTEM_CCS SCHANNEL "\\Protocols\\TLS 1.2\\Server",
    SYSTEM_CCS SCHANNEL "\\Protocols\\TLS 1.0\\Client",
    SYSTEM_CCS HTTP "SslBindingInfo\\0.0.0.0:443",
    SYSTEM_CCS HTTP "SslBindingInfo\\[::]:443",
    SYSTEM_CCS HTTP "SslSniBindingInfo\\www.example.com:443",
    SYSTEM_CCS HTTP "SslCcsBindingInfo\\0.0.0.0:443",
    SYSTEM_CCS HTTP "SslScopedCcsBindingInfo\\a:443",
    "HKLM\\SYSTEM\\CurrentControlSet\\" HTTP "SslBindingInfo\\",
    "HKEY_LOCAL_MACHINE" STORES "ROOT\\Certificates\\0563B8630D62D75ABBC8AB1E4BDFB5A899B24D43",
    "HKEY_LOCAL_MACHINE" STORES "ClientAuthIssuer\\Certificates\\AB",
    "HKEY_CURRENT_USER" STORES "CA\\Certificates\\CD",
    "HKEY_USERS\\S-1-5-18" STORES "MY\\Certificates\\EF",
    "HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\" ZONES "3",
    "HKEY_LOCAL_MACHINE\\SOFTWARE\\" ZONES "1",
};
const char* const kValues[] = {
    "SendTrustedIssuerList", "ClientAuthTrustMode", "EventLogging", "Enabled", "DisabledByDefault",
    "SslCertHash", "AppId", "SslCertStoreName", "DefaultSslCertCheckMode",
    "DefaultSslRevocationFreshnessTime", "DefaultSslRevocationUrlRetrievalTimeout",
    "DefaultSslCtlIdentifier", "DefaultSslCtlStoreName", "SslCtlStoreName", "DefaultFlags", "Blob",
    "1A04", "",
};
constexpr std::uint32_t kTypes[] = {0, 1, 2, 3, 4, 5, 7, 11, 0xFFFF};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace mtls::parse;
  std::vector<RegistryKey> keys;
  std::size_t at = 0;
  while (at + 4 <= size && keys.size() < 64) {
    const std::size_t key = data[at] % std::size(kKeys);
    const std::size_t value = data[at + 1] % std::size(kValues);
    const std::uint32_t type = kTypes[data[at + 2] % std::size(kTypes)];
    const bool deleted = (data[at + 2] & 0x40) != 0;  // "Name"=- in a .reg file
    std::size_t length = data[at + 3];
    if (data[at + 2] & 0x80) length *= 64;  // reach Blob-sized data now and then
    at += 4;
    length = std::min(length, size - at);
    const std::string_view bytes(reinterpret_cast<const char*>(data + at), length);
    at += length;
    if (keys.empty() || keys.back().path != kKeys[key]) keys.push_back({.path = kKeys[key]});
    RegistryValue v;
    v.name = kValues[value];
    v.type = type;
    v.data = std::string(bytes);
    // The typed fields as the readers fill them from the same bytes.
    if (type == 4 || type == 5 || type == 11) {
      for (std::size_t i = 0; i < bytes.size() && i < 8; ++i) {
        v.number |= static_cast<std::uint64_t>(static_cast<unsigned char>(bytes[i])) << (8 * i);
      }
    } else if (type == 1 || type == 2) {
      v.text = std::string(bytes);
    } else if (type == 7) {
      std::size_t start = 0;
      for (std::size_t i = 0; i <= bytes.size(); ++i) {
        if (i == bytes.size() || bytes[i] == '\0') {
          v.strings.emplace_back(bytes.substr(start, i - start));
          start = i + 1;
        }
      }
    }
    v.deleted = deleted;
    keys.back().values.push_back(std::move(v));
  }
  mtls::IisEvidence evidence;
  collect_registry_facts(keys, evidence);
  return 0;
}
