// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>

#include "checks/checks.h"
#include "checks/iis_test_fixtures.h"
#include "knowledge/remedies.h"

namespace mtls::checks {
namespace {

using namespace testing;

// applicationHost.config as IIS ships it: access and the certificate-mapping authentication
// section declared with overrideModeDefault="Deny".
std::string apphost(const std::string& locations = "") {
  return R"(<configuration>
<configSections>
<sectionGroup name="system.webServer">
<sectionGroup name="security">
<section name="access" overrideModeDefault="Deny" />
<sectionGroup name="authentication">
<section name="anonymousAuthentication" overrideModeDefault="Deny" />
<section name="iisClientCertificateMappingAuthentication" overrideModeDefault="Deny" />
</sectionGroup>
</sectionGroup>
</sectionGroup>
</configSections>
<system.applicationHost><sites><site name="Contoso" id="2"><bindings>
<binding protocol="https" bindingInformation="*:443:" sslFlags="0" />
</bindings></site></sites></system.applicationHost>
)" + locations + "</configuration>\n";
}

const char* kWebConfig = R"(<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <system.webServer>
    <security>
      <access sslFlags="Ssl, SslNegotiateCert, SslRequireCert" />
    </security>
  </system.webServer>
</configuration>
)";

TEST(IisSectionLocked, WebConfigSetsLockedAccess) {
  Evidence e = iis_evidence({apphost(), "", "", kWebConfig, "Contoso/app"});
  CheckResult r = run(iis_section_locked_check(), e);
  ASSERT_EQ(r.findings.size(), 1u);
  const Finding& f = r.findings[0];
  EXPECT_EQ(f.id, "iis.section-locked");
  EXPECT_EQ(f.severity, Severity::error);
  EXPECT_EQ(f.detail,
            "web.config names system.webServer/security/access for \"Contoso/app\", but that section is locked there "
            "(overrideModeDefault=\"Deny\"): IIS answers HTTP 500.19 (0x80070021, \"This configuration section cannot "
            "be used at this path\") for the content, so what the web.config sets (sslFlags=\"Ssl, SslNegotiateCert, "
            "SslRequireCert\") never takes effect.");
  ASSERT_EQ(f.evidence.size(), 2u);
  EXPECT_EQ(f.evidence[0].ref, "web.config:5");
  EXPECT_EQ(f.evidence[1].ref, "applicationHost.config:5");
  EXPECT_EQ(knowledge::remedies::command_lines(f.remedy),
            (std::vector<std::string>{
                "%windir%\\system32\\inetsrv\\appcmd.exe unlock config \"Contoso/app\" "
                "-section:system.webServer/security/access /commit:apphost",
                "Set-WebConfiguration -Filter '/system.webServer/security/access' -PSPath 'MACHINE/WEBROOT/APPHOST' "
                "-Location 'Contoso/app' -Metadata overrideMode -Value Allow",
                "%windir%\\system32\\inetsrv\\appcmd.exe set config \"Contoso/app\" -section:system.webServer/security/access "
                "/sslFlags:\"Ssl, SslNegotiateCert, SslRequireCert\" /commit:apphost",
                "Set-WebConfigurationProperty -PSPath 'MACHINE/WEBROOT/APPHOST' -Location 'Contoso/app' -Filter "
                "'system.webServer/security/access' -Name 'sslFlags' -Value 'Ssl,SslNegotiateCert,SslRequireCert'"}));
}

TEST(IisSectionLocked, UnlockedForTheSiteByAnAllowLocation) {
  // What `appcmd unlock config "Contoso" -section:system.webServer/security/access` writes.
  Evidence e = iis_evidence(
      {apphost(R"(<location path="Contoso" overrideMode="Allow"><system.webServer><security><access /></security></system.webServer></location>
)"),
       "", "", kWebConfig, "Contoso/app"});
  CheckResult r = run(iis_section_locked_check(), e);
  EXPECT_TRUE(r.findings.empty());
  EXPECT_FALSE(r.not_checked);
}

TEST(IisSectionLocked, DeeperDenyLocksAgainAndOtherSectionsDoNotUnlock) {
  Evidence e = iis_evidence(
      {apphost(R"(<location path="Contoso" overrideMode="Allow"><system.webServer><security><access /></security></system.webServer></location>
<location path="Contoso/app" overrideMode="Deny"><system.webServer><security><access /></security></system.webServer></location>
<location path="" overrideMode="Allow"><system.webServer><security><authentication><anonymousAuthentication /></authentication></security></system.webServer></location>
)"),
       "", "",
       R"(<configuration><system.webServer><security><authentication>
<iisClientCertificateMappingAuthentication enabled="true" />
<anonymousAuthentication enabled="false" />
</authentication><access sslFlags="Ssl" /></security></system.webServer></configuration>
)",
       "Contoso/app"});
  CheckResult r = run(iis_section_locked_check(), e);
  ASSERT_EQ(r.findings.size(), 2u);
  EXPECT_NE(r.findings[0].detail.find("system.webServer/security/access for \"Contoso/app\""), std::string::npos);
  EXPECT_NE(r.findings[0].detail.find("(overrideMode=\"Deny\" at \"Contoso/app\")"), std::string::npos);
  EXPECT_EQ(r.findings[0].evidence[1].ref, "applicationHost.config:17");
  EXPECT_NE(r.findings[1].detail.find("iisClientCertificateMappingAuthentication for \"Contoso/app\""), std::string::npos);
  EXPECT_NE(r.findings[1].detail.find("(overrideModeDefault=\"Deny\")"), std::string::npos);
}

TEST(IisSectionLocked, ApplicationHostLocationsAreNeverLocked) {
  Evidence e = iis_evidence({apphost(R"(<location path="Contoso/app"><system.webServer><security><access sslFlags="Ssl, SslRequireCert" /></security></system.webServer></location>
)"),
                             "", ""});
  EXPECT_TRUE(run(iis_section_locked_check(), e).findings.empty());
}

TEST(IisSectionLocked, WithoutTheDeclarationNothingCanBeSaid) {
  Evidence e = iis_evidence({"", "", "", kWebConfig, "Contoso/app"});
  CheckResult r = run(iis_section_locked_check(), e);
  EXPECT_EQ(r.not_checked,
            "a web.config names system.webServer/security/access but no applicationHost.config <configSections> "
            "declaring it was given (--config), so whether it is locked is unknown");
}

}  // namespace
}  // namespace mtls::checks
