// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>

#include "checks/checks.h"
#include "checks/iis_test_fixtures.h"
#include "knowledge/remedies.h"

namespace mtls::checks {
namespace {

using namespace testing;

const char* kMappingOn = R"(<location path="Contoso"><system.webServer><security><authentication>
<iisClientCertificateMappingAuthentication enabled="true" /></authentication></security></system.webServer></location>
)";

TEST(IisSslCertNotRequired, MappingEnabledButCertificateNeverAsked) {
  Evidence e = iis_evidence({contoso_config("Ssl", kMappingOn), "", ""});
  CheckResult r = run(iis_ssl_cert_not_required_check(), e);
  ASSERT_EQ(r.findings.size(), 1u);
  const Finding& f = r.findings[0];
  EXPECT_EQ(f.id, "iis.ssl-cert-not-required");
  EXPECT_EQ(knowledge::remedies::command_lines(f.remedy),
            (std::vector<std::string>{
                "%windir%\\system32\\inetsrv\\appcmd.exe set config \"Contoso\" -section:system.webServer/security/access "
                "/sslFlags:\"Ssl, SslNegotiateCert, SslRequireCert\" /commit:apphost",
                "Set-WebConfigurationProperty -PSPath 'MACHINE/WEBROOT/APPHOST' -Location 'Contoso' -Filter "
                "'system.webServer/security/access' -Name 'sslFlags' -Value 'Ssl,SslNegotiateCert,SslRequireCert'"}));
}

TEST(IisSslCertNotRequired, RequireOrNegotiateIsFine) {
  Evidence e = iis_evidence({contoso_config("Ssl, SslNegotiateCert, SslRequireCert", kMappingOn), "", ""});
  EXPECT_TRUE(run(iis_ssl_cert_not_required_check(), e).findings.empty());
  Evidence negotiate = iis_evidence({contoso_config("Ssl, SslNegotiateCert", kMappingOn), "", ""});
  EXPECT_TRUE(run(iis_ssl_cert_not_required_check(), negotiate).findings.empty());
}

TEST(IisSslCertNotRequired, NothingAskingForACertificateIsNotChecked) {
  // A site with plain https and no mapping: nothing shows the server requires a certificate (C1).
  Evidence e = iis_evidence({contoso_config("Ssl", ""), "", ""});
  const CheckResult r = run(iis_ssl_cert_not_required_check(), e);
  EXPECT_TRUE(r.findings.empty());
  EXPECT_TRUE(r.not_checked);
  Evidence asks = iis_evidence({contoso_config("Ssl, SslNegotiateCert, SslRequireCert", ""), "", ""});
  EXPECT_FALSE(run(iis_ssl_cert_not_required_check(), asks).not_checked);
}

TEST(IisSslCertNotRequired, NotCheckedWithoutConfig) {
  Evidence e = iis_evidence({"", "", schannel_reg("")});
  EXPECT_TRUE(run(iis_ssl_cert_not_required_check(), e).not_checked);
}

}  // namespace
}  // namespace mtls::checks
