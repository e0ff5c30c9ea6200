// SPDX-License-Identifier: Apache-2.0
// What the registry says that matters for client certificates, whether it came from a .reg export
// or a hive: Schannel values (SendTrustedIssuerList, ClientAuthTrustMode, protocol switches),
// http.sys bindings under HTTP\Parameters\Ssl*BindingInfo (decoded into the same records netsh
// prints), the client zone value 1A04, and machine certificate stores under SystemCertificates.
#pragma once

#include <string_view>
#include <vector>

#include "core/evidence/iis.h"
#include "core/expected.h"
#include "parse/iis/registry.h"

namespace mtls::parse {

/// Adds the facts found in `keys` to `out`. Paths are as regedit writes them
/// ("HKEY_LOCAL_MACHINE\SYSTEM\CurrentControlSet\Control"); ControlSet00N counts as current.
void collect_registry_facts(const std::vector<RegistryKey>& keys, IisEvidence& out);

/// A binding key under SslBindingInfo ("IP:port"), SslSniBindingInfo ("Hostname:port") or
/// SslCcsBindingInfo ("Central Certificate Store") into the record netsh would print.
/// Absent values take http.sys defaults (DefaultFlags 0: Negotiate Client Certificate disabled).
HttpSysBinding http_sys_binding_from_registry(HttpSysBindingKind kind, std::string_view key_name,
                                              const std::vector<RegistryValue>& values, const EvidenceRef& origin);

/// The DER certificate in a SystemCertificates Blob: a sequence of {u32 property id, u32 reserved,
/// u32 length, data}; CERT_CERT_PROP_ID (32) holds the certificate.
Expected<std::string> certificate_from_blob(std::string_view blob);

}  // namespace mtls::parse
