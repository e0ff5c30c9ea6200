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
  EXPECT_EQ(r.findings[0].remedy.commands[0].command,
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

// IIS builds the collection at the site from the server level's items, then the site's own
// <clear/>, <remove> and <add> in document order.
TEST(IisMappingAuthDisabled, ServerLevelMappingsInheritedBySiteCount) {
  const std::string locations = R"(<location path=""><system.webServer><security><authentication>
<iisClientCertificateMappingAuthentication>
<oneToOneMappings><add userName="CONTOSO\alice" certificate="MIIB" /></oneToOneMappings>
</iisClientCertificateMappingAuthentication></authentication></security></system.webServer></location>
)";
  Evidence e = iis_evidence({contoso_config("Ssl, SslNegotiateCert, SslRequireCert", locations), "", ""});
  CheckResult r = run(iis_mapping_auth_disabled_check(), e);
  ASSERT_EQ(r.findings.size(), 1u);
  EXPECT_EQ(r.findings[0].detail,
            "\"Contoso\" has 1 certificate mapping in effect (some inherited from the server level), but at \"Contoso\" "
            "iisClientCertificateMappingAuthentication has enabled not set (default false): the mappings are never used "
            "and clients are refused (401.2 / 403.7).");
  ASSERT_EQ(r.findings[0].evidence.size(), 1u);
  EXPECT_EQ(r.findings[0].evidence[0].ref, "applicationHost.config:11");
}

TEST(IisMappingAuthDisabled, MappingsClearedOrRemovedAtTheSiteDoNotCount) {
  const std::string cleared = R"(<location path=""><system.webServer><security><authentication>
<iisClientCertificateMappingAuthentication>
<oneToOneMappings><add userName="CONTOSO\alice" certificate="MIIB" /></oneToOneMappings>
<manyToOneMappings><add name="Partners" /></manyToOneMappings>
</iisClientCertificateMappingAuthentication></authentication></security></system.webServer></location>
<location path="Contoso"><system.webServer><security><authentication>
<iisClientCertificateMappingAuthentication>
<oneToOneMappings><clear /></oneToOneMappings>
<manyToOneMappings><remove name="partners" /></manyToOneMappings>
</iisClientCertificateMappingAuthentication></authentication></security></system.webServer></location>
)";
  Evidence e = iis_evidence({contoso_config("Ssl, SslNegotiateCert, SslRequireCert", cleared), "", ""});
  EXPECT_TRUE(run(iis_mapping_auth_disabled_check(), e).findings.empty());
}

TEST(IisMappingAuthDisabled, AnAddAfterTheClearStillCounts) {
  const std::string readded = R"(<location path="Contoso"><system.webServer><security><authentication>
<iisClientCertificateMappingAuthentication>
<oneToOneMappings><add userName="old" certificate="MIIA" /><clear /><add userName="new" certificate="MIIB" /></oneToOneMappings>
</iisClientCertificateMappingAuthentication></authentication></security></system.webServer></location>
)";
  Evidence e = iis_evidence({contoso_config("Ssl, SslNegotiateCert, SslRequireCert", readded), "", ""});
  CheckResult r = run(iis_mapping_auth_disabled_check(), e);
  ASSERT_EQ(r.findings.size(), 1u);
  EXPECT_NE(r.findings[0].detail.find("\"Contoso\" defines 1 certificate mapping,"), std::string::npos) << r.findings[0].detail;
}

}  // namespace
}  // namespace mtls::checks
