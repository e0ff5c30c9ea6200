// SPDX-License-Identifier: Apache-2.0
#include "parse/iis/registry_facts.h"

#include <gtest/gtest.h>

#include "parse/iis/reg_export.h"

namespace mtls::parse {
namespace {

IisEvidence facts(const char* text) {
  auto keys = parse_reg_export(text, "x.reg");
  EXPECT_TRUE(keys) << keys.error().to_string();
  IisEvidence out;
  if (keys) collect_registry_facts(*keys, out);
  return out;
}

TEST(RegistryFacts, SchannelValuesAndProtocolSwitches) {
  IisEvidence e = facts(
      "Windows Registry Editor Version 5.00\n"
      "[HKEY_LOCAL_MACHINE\\SYSTEM\\ControlSet001\\Control\\SecurityProviders\\SCHANNEL]\n"
      "\"SendTrustedIssuerList\"=dword:00000001\n"
      "\"ClientAuthTrustMode\"=dword:00000002\n"
      "[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Protocols\\TLS 1.3\\Server]\n"
      "\"Enabled\"=dword:00000000\n"
      "[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Protocols\\TLS 1.3\\Server]\n"
      "\"DisabledByDefault\"=dword:00000001\n");
  EXPECT_TRUE(e.schannel.read);
  EXPECT_EQ(e.schannel.send_trusted_issuer_list, 1u);
  EXPECT_EQ(e.schannel.client_auth_trust_mode, 2u);
  EXPECT_EQ(e.schannel.client_auth_trust_mode_origin.ref, "x.reg:4");
  ASSERT_EQ(e.schannel.protocols.size(), 1u);
  EXPECT_EQ(e.schannel.protocols[0].protocol, "TLS 1.3");
  EXPECT_EQ(e.schannel.protocols[0].side, "Server");
  EXPECT_EQ(e.schannel.protocols[0].enabled, 0u);
  EXPECT_EQ(e.schannel.protocols[0].disabled_by_default, 1u);
  EXPECT_FALSE(e.bindings_read);
}

TEST(RegistryFacts, SslBindingInfoDecodesLikeNetsh) {
  IisEvidence e = facts(
      "Windows Registry Editor Version 5.00\n"
      "[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\HTTP\\Parameters\\SslBindingInfo]\n"
      "[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\HTTP\\Parameters\\SslBindingInfo\\0.0.0.0:443]\n"
      "\"SslCertHash\"=hex:84,67,62,72,4f,99,a5,30,ca,e2,57,c8,d1,8c,ea,fb,46,72,3c,d2\n"
      "\"AppId\"=hex:81,e1,c3,4d,4b,e1,21,4a,b0,22,59,fc,66,9b,09,14\n"
      "\"SslCertStoreName\"=\"MY\"\n"
      "\"DefaultSslCertCheckMode\"=dword:00000001\n"
      "\"DefaultSslRevocationFreshnessTime\"=dword:00000000\n"
      "\"DefaultSslRevocationUrlRetrievalTimeout\"=dword:00000000\n"
      "\"DefaultSslCtlStoreName\"=\"ClientAuthIssuer\"\n"
      "\"DefaultFlags\"=dword:00000043\n"
      "[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\HTTP\\Parameters\\SslSniBindingInfo\\www.contoso.com:443]\n"
      "\"SslCertHash\"=hex:84,67,62,72,4f,99,a5,30,ca,e2,57,c8,d1,8c,ea,fb,46,72,3c,d2\n"
      "\"AppId\"=hex:81,e1,c3,4d,4b,e1,21,4a,b0,22,59,fc,66,9b,09,14\n"
      "\"SslCertStoreName\"=\"MY\"\n");
  EXPECT_TRUE(e.bindings_read);
  ASSERT_EQ(e.bindings.size(), 2u);
  const HttpSysBinding& ip = e.bindings[0];
  EXPECT_EQ(ip.kind, HttpSysBindingKind::ip_port);
  EXPECT_EQ(ip.endpoint, "0.0.0.0:443");
  EXPECT_EQ(ip.certificate_hash, "846762724f99a530cae257c8d18ceafb46723cd2");
  EXPECT_EQ(ip.application_id, "{4dc3e181-e14b-4a21-b022-59fc669b0914}");
  EXPECT_EQ(ip.certificate_store_name, "MY");
  EXPECT_EQ(ip.verify_client_certificate_revocation, false);
  EXPECT_EQ(ip.usage_check, true);
  EXPECT_EQ(ip.ctl_store_name, "ClientAuthIssuer");
  EXPECT_EQ(ip.default_flags, 0x43u);
  EXPECT_EQ(ip.ds_mapper_usage, true);
  EXPECT_EQ(ip.negotiate_client_certificate, true);
  EXPECT_EQ(ip.disable_tls13, true);
  EXPECT_EQ(ip.origin.ref, "x.reg:3");
  const HttpSysBinding& sni = e.bindings[1];
  EXPECT_EQ(sni.kind, HttpSysBindingKind::hostname_port);
  EXPECT_EQ(sni.endpoint, "www.contoso.com:443");
  EXPECT_EQ(sni.ctl_store_name, "");
  EXPECT_EQ(sni.negotiate_client_certificate, false);  // no DefaultFlags: 0
}

// No sample hive in ../shared/corpus holds a scoped CCS binding (the Windows 10 1709 SYSTEM hive
// has an empty SslScopedCcsBindingInfo key), so this export is written from Microsoft's
// documentation: HttpServiceConfigSslScopedCcsCertInfo is keyed by HTTP_SERVICE_CONFIG_SSL_SNI_KEY
// (host name and port) and carries the HTTP_SERVICE_CONFIG_SSL_PARAM values every binding has.
TEST(RegistryFacts, ScopedCcsAndCcsBindings) {
  IisEvidence e = facts(
      "Windows Registry Editor Version 5.00\n"
      "[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\HTTP\\Parameters\\SslScopedCcsBindingInfo\\www.contoso.com:443]\n"
      "\"AppId\"=hex:81,e1,c3,4d,4b,e1,21,4a,b0,22,59,fc,66,9b,09,14\n"
      "\"DefaultSslCtlStoreName\"=\"ClientAuthIssuer\"\n"
      "\"DefaultFlags\"=dword:00000002\n"
      "[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\HTTP\\Parameters\\SslCcsBindingInfo\\0.0.0.0:443]\n"
      "\"AppId\"=hex:81,e1,c3,4d,4b,e1,21,4a,b0,22,59,fc,66,9b,09,14\n");
  EXPECT_TRUE(e.bindings_read);
  ASSERT_EQ(e.bindings.size(), 2u);
  const HttpSysBinding& scoped = e.bindings[0];
  EXPECT_EQ(scoped.kind, HttpSysBindingKind::scoped_ccs);
  EXPECT_EQ(scoped.endpoint, "www.contoso.com:443");
  EXPECT_EQ(scoped.application_id, "{4dc3e181-e14b-4a21-b022-59fc669b0914}");
  EXPECT_EQ(scoped.ctl_store_name, "ClientAuthIssuer");
  EXPECT_EQ(scoped.negotiate_client_certificate, true);
  EXPECT_EQ(scoped.origin.ref, "x.reg:2");
  const HttpSysBinding& ccs = e.bindings[1];
  EXPECT_EQ(ccs.kind, HttpSysBindingKind::central_certificate_store);
  EXPECT_EQ(ccs.endpoint, "443");
  EXPECT_EQ(ccs.negotiate_client_certificate, false);
}

TEST(RegistryFacts, ZoneValue1A04) {
  IisEvidence e = facts(
      "Windows Registry Editor Version 5.00\n"
      "[HKEY_CURRENT_USER\\Software\\Microsoft\\Windows\\CurrentVersion\\Internet Settings\\Zones\\1]\n"
      "\"1A04\"=dword:00000000\n"
      "[HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Microsoft\\Windows\\CurrentVersion\\Internet Settings\\Zones\\3]\n"
      "\"1A04\"=dword:00000003\n");
  ASSERT_EQ(e.zones.size(), 2u);
  EXPECT_EQ(e.zones[0].hive, "HKEY_CURRENT_USER");
  EXPECT_EQ(e.zones[0].zone, "1");
  EXPECT_EQ(e.zones[0].value, 0u);
  EXPECT_EQ(e.zones[0].origin.ref, "x.reg:3");
  EXPECT_EQ(e.zones[1].zone, "3");
  EXPECT_EQ(e.zones[1].value, 3u);
}

TEST(RegistryFacts, CertificateBlobProperties) {
  // {id 3, reserved 1, length 2, "ab"} then {id 32, reserved 1, length 3, "DER"}.
  const std::string blob("\x03\0\0\0\x01\0\0\0\x02\0\0\0" "ab" "\x20\0\0\0\x01\0\0\0\x03\0\0\0" "DER", 29);
  auto der = certificate_from_blob(blob);
  ASSERT_TRUE(der) << der.error().to_string();
  EXPECT_EQ(*der, "DER");
  EXPECT_EQ(certificate_from_blob(blob.substr(0, 13)).error().message, "property 3 at byte 0 claims 2 bytes, 1 left");
  EXPECT_EQ(certificate_from_blob(blob.substr(0, 14)).error().message,
            "no certificate property (CERT_CERT_PROP_ID 32) in the Blob");
}

TEST(RegistryFacts, StoresFromAnExport) {
  IisEvidence e = facts(
      "Windows Registry Editor Version 5.00\n"
      "[HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\SystemCertificates\\ClientAuthIssuer]\n"
      "[HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\SystemCertificates\\ROOT\\Certificates\\ab12]\n"
      "\"Blob\"=hex:20,00,00,00,01,00,00,00,01,00,00,00,30\n");
  EXPECT_TRUE(e.stores_read);
  ASSERT_EQ(e.stores.size(), 2u);
  EXPECT_EQ(e.stores[0].store, "ClientAuthIssuer");
  EXPECT_EQ(e.stores[0].certificates, 0u);
  EXPECT_EQ(e.stores[1].store, "ROOT");
  EXPECT_EQ(e.stores[1].certificates, 1u);
  ASSERT_EQ(e.store_certificates.size(), 1u);
  EXPECT_EQ(e.store_certificates[0].thumbprint, "AB12");
  EXPECT_EQ(e.store_certificates[0].der, "0");
}

}  // namespace
}  // namespace mtls::parse
