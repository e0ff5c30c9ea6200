// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>

#include "checks/checks.h"
#include "checks/iis_test_fixtures.h"
#include "knowledge/remedies.h"

namespace mtls::checks {
namespace {

using namespace testing;

const char* kAppMappings = R"(<location path="Contoso/api"><system.webServer><security><authentication>
<iisClientCertificateMappingAuthentication enabled="true" manyToOneCertificateMappingsEnabled="true">
<manyToOneMappings>
<add name="Contoso Employees" enabled="true" permissionMode="Allow" userName="CONTOSO\web" password="[enc:AesProvider:c2VjcmV0:enc]">
<rules><add certificateField="Subject" certificateSubField="O" matchCriteria="Contoso" compareCaseSensitive="true" /></rules>
</add>
</manyToOneMappings>
</iisClientCertificateMappingAuthentication></authentication></security></system.webServer></location>
)";

TEST(IisMappingAtApplicationLevel, MovesMappingsToTheSiteWithoutTheSecret) {
  Evidence e = iis_evidence({contoso_config("Ssl, SslNegotiateCert, SslRequireCert", kAppMappings), "", ""});
  CheckResult r = run(iis_mapping_at_application_level_check(), e);
  ASSERT_EQ(r.findings.size(), 1u);
  const Finding& f = r.findings[0];
  const std::string section = "system.webServer/security/authentication/iisClientCertificateMappingAuthentication";
  const std::string appcmd = "%windir%\\system32\\inetsrv\\appcmd.exe ";
  EXPECT_EQ(knowledge::remedies::command_lines(f.remedy),
            (std::vector<std::string>{
                appcmd + "set config \"Contoso\" -section:" + section +
                    " /enabled:\"True\" /manyToOneCertificateMappingsEnabled:\"True\" /commit:apphost",
                appcmd + "set config \"Contoso\" -section:" + section +
                    " /+\"manyToOneMappings.[name='Contoso Employees',enabled='true',permissionMode='Allow',userName='CONTOSO\\web',"
                    "password='<password of CONTOSO\\web>']\" /commit:apphost",
                appcmd + "set config \"Contoso\" -section:" + section +
                    " /+\"manyToOneMappings.[name='Contoso Employees'].rules.[certificateField='Subject',certificateSubField='O',"
                    "matchCriteria='Contoso',compareCaseSensitive='true']\" /commit:apphost",
                appcmd + "clear config \"Contoso/api\" -section:" + section + " /commit:apphost",
                "Set-WebConfigurationProperty -PSPath 'MACHINE/WEBROOT/APPHOST' -Location 'Contoso' -Filter '" + section +
                    "' -Name 'enabled' -Value 'True'",
                "Add-WebConfigurationProperty -PSPath 'MACHINE/WEBROOT/APPHOST' -Location 'Contoso' -Filter '" + section +
                    "/manyToOneMappings' -Name '.' -Value @{name='Contoso Employees';enabled='true';permissionMode='Allow';"
                    "userName='CONTOSO\\web';password='<password of CONTOSO\\web>'}",
                "Add-WebConfigurationProperty -PSPath 'MACHINE/WEBROOT/APPHOST' -Location 'Contoso' -Filter \"" + section +
                    "/manyToOneMappings/add[@name='Contoso Employees']/rules\" -Name '.' -Value "
                    "@{certificateField='Subject';certificateSubField='O';matchCriteria='Contoso';compareCaseSensitive='true'}",
                "Clear-WebConfiguration -PSPath 'MACHINE/WEBROOT/APPHOST' -Location 'Contoso/api' -Filter '" + section + "'"}));
  for (const std::string& c : knowledge::remedies::command_lines(f.remedy)) EXPECT_EQ(c.find("enc:"), std::string::npos) << c;
  for (const EvidenceRef& ref : f.evidence) EXPECT_EQ(ref.text.find("enc:"), std::string::npos) << ref.text;
}

TEST(IisMappingAtApplicationLevel, SiteLevelMappingsAreFine) {
  std::string site_level = kAppMappings;
  site_level.replace(site_level.find("Contoso/api"), 11, "Contoso");
  Evidence e = iis_evidence({contoso_config("Ssl, SslNegotiateCert, SslRequireCert", site_level), "", ""});
  EXPECT_TRUE(run(iis_mapping_at_application_level_check(), e).findings.empty());
}

TEST(IisMappingAtApplicationLevel, MappingsRemovedAgainBelowTheApplicationDoNotCount) {
  // The application's web.config removes what its applicationHost.config location added.
  Evidence e = iis_evidence({contoso_config("Ssl, SslNegotiateCert, SslRequireCert", kAppMappings), "", "",
                             R"(<configuration><system.webServer><security><authentication>
<iisClientCertificateMappingAuthentication><manyToOneMappings><remove name="Contoso Employees" /></manyToOneMappings>
</iisClientCertificateMappingAuthentication></authentication></security></system.webServer></configuration>
)",
                             "Contoso/api"});
  EXPECT_TRUE(run(iis_mapping_at_application_level_check(), e).findings.empty());
}

TEST(IisMappingAtApplicationLevel, OnlyTheMappingsStillInEffectAreMoved) {
  std::string two = kAppMappings;
  two.insert(two.find("</manyToOneMappings>"), R"(<add name="Gone" /><remove name="Gone" /><add name="Kept" />
)");
  Evidence e = iis_evidence({contoso_config("Ssl, SslNegotiateCert, SslRequireCert", two), "", ""});
  CheckResult r = run(iis_mapping_at_application_level_check(), e);
  ASSERT_EQ(r.findings.size(), 1u);
  EXPECT_EQ(r.findings[0].detail.rfind("2 certificate mappings are defined for \"Contoso/api\", below the site", 0), 0u)
      << r.findings[0].detail;
  ASSERT_EQ(r.findings[0].evidence.size(), 3u);
  EXPECT_EQ(r.findings[0].evidence[2].text, R"(<add name="Kept" />)");
}

}  // namespace
}  // namespace mtls::checks
