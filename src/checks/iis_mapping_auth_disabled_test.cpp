// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>

#include "checks/checks.h"
#include "checks/iis_test_fixtures.h"

namespace mtls::checks {
namespace {

using namespace testing;

TEST(IisMappingAuthDisabled, SiteMappingsWithAuthenticationOff) {
  const std::string locations = R"(<location path="Contoso"><system.webServer><security><authentication>
<iisClientCertificateMappingAuthentication enabled="false" oneToOneCertificateMappingsEnabled="true">
<oneToOneMappings><add userName="CONTOSO\alice" password="[enc:x:enc]" certificate="MIIB" /></oneToOneMappings>
</iisClientCertificateMappingAuthentication></authentication></security></system.webServer></location>
)";
  Evidence e = iis_evidence({contoso_config("Ssl, SslNegotiateCert, SslRequireCert", locations), "", ""});
  CheckResult r = run(iis_mapping_auth_disabled_check(), e);
  ASSERT_EQ(r.findings.size(), 1u);
  EXPECT_NE(r.findings[0].detail.find("enabled=\"false\""), std::string::npos);
  EXPECT_EQ(r.findings[0].remedy.commands[0],
            "%windir%\\system32\\inetsrv\\appcmd.exe set config \"Contoso\" "
            "-section:system.webServer/security/authentication/iisClientCertificateMappingAuthentication /enabled:\"True\" "
            "/oneToOneCertificateMappingsEnabled:\"True\" /commit:apphost");
}

TEST(IisMappingAuthDisabled, EnabledIsFine) {
  const std::string locations = R"(<location path="Contoso"><system.webServer><security><authentication>
<iisClientCertificateMappingAuthentication enabled="true">
<oneToOneMappings><add userName="a" certificate="MIIB" /></oneToOneMappings>
</iisClientCertificateMappingAuthentication></authentication></security></system.webServer></location>
)";
  Evidence e = iis_evidence({contoso_config("Ssl, SslNegotiateCert, SslRequireCert", locations), "", ""});
  EXPECT_TRUE(run(iis_mapping_auth_disabled_check(), e).findings.empty());
}

}  // namespace
}  // namespace mtls::checks
