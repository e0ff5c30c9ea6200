// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>

#include "checks/checks.h"
#include "checks/iis_test_fixtures.h"
#include "knowledge/remedies.h"

namespace mtls::checks {
namespace {

using namespace testing;

TEST(HttpsysCtlStoreMissing, RenewedCertificateLostTheCtlStore) {
  // The SNI binding was edited in IIS Manager after renewing the certificate and lost its store.
  Evidence e = iis_evidence({contoso_config("Ssl, SslNegotiateCert, SslRequireCert"),
                             netsh_binding("Hostname:port", "www.contoso.com:443", "(null)", "Enabled") +
                                 netsh_binding("IP:port", "0.0.0.0:443", "ClientAuthIssuer", "Enabled"),
                             schannel_reg("\"SendTrustedIssuerList\"=dword:00000001\n\"ClientAuthTrustMode\"=dword:00000002\n")});
  CheckResult r = run(httpsys_ctl_store_missing_check(), e);
  ASSERT_FALSE(r.not_checked);
  ASSERT_EQ(r.findings.size(), 1u);
  const Finding& f = r.findings[0];
  EXPECT_EQ(f.id, "httpsys.ctl-store-missing");
  EXPECT_EQ(f.evidence[0].ref, "sslcert.txt:1");
  EXPECT_EQ(f.evidence[1].ref, "schannel.reg:5");
  EXPECT_EQ(f.evidence[2].ref, "schannel.reg:4");
  EXPECT_EQ(knowledge::remedies::command_lines(f.remedy),
            (std::vector<std::string>{"netsh http update sslcert hostnameport=www.contoso.com:443 "
                                      "certhash=846762724f99a530cae257c8d18ceafb46723cd2 "
                                      "appid='{4dc3e181-e14b-4a21-b022-59fc669b0914}' certstorename=MY "
                                      "sslctlstorename=ClientAuthIssuer clientcertnegotiation=enable"}));
}

TEST(HttpsysCtlStoreMissing, DefaultsNeedNoStore) {
  Evidence e = iis_evidence({contoso_config("Ssl, SslNegotiateCert, SslRequireCert"),
                             netsh_binding("IP:port", "0.0.0.0:443", "(null)", "Enabled"), schannel_reg("")});
  CheckResult r = run(httpsys_ctl_store_missing_check(), e);
  EXPECT_FALSE(r.not_checked);
  EXPECT_TRUE(r.findings.empty());
}

TEST(HttpsysCtlStoreMissing, NotCheckedWithoutRegistry) {
  Evidence e = iis_evidence({"", netsh_binding("IP:port", "0.0.0.0:443", "(null)", "Enabled"), ""});
  CheckResult r = run(httpsys_ctl_store_missing_check(), e);
  ASSERT_TRUE(r.not_checked);
}

TEST(HttpsysCtlStoreMissing, NamedStoreMissingFromSoftwareHive) {
  Evidence e = iis_evidence({"", netsh_binding("IP:port", "0.0.0.0:443", "ClientAuthIssuer", "Enabled"),
                             "Windows Registry Editor Version 5.00\n"
                             "[HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\SystemCertificates\\ROOT]\n"});
  CheckResult r = run(httpsys_ctl_store_missing_check(), e);
  ASSERT_EQ(r.findings.size(), 1u);
  EXPECT_NE(r.findings[0].detail.find("\"ClientAuthIssuer\", which does not exist"), std::string::npos) << r.findings[0].detail;
}

}  // namespace
}  // namespace mtls::checks
