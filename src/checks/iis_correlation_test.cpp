// SPDX-License-Identifier: Apache-2.0
#include "checks/iis_correlation.h"

#include <gtest/gtest.h>

#include "checks/iis_test_fixtures.h"

namespace mtls::checks::iis {
namespace {

std::vector<std::string> keys(const std::vector<EffectiveMapping>& mappings) {
  std::vector<std::string> out;
  for (const EffectiveMapping& m : mappings) {
    out.push_back(m.mapping->kind == IisMappingKind::one_to_one ? m.mapping->certificate : m.mapping->name);
  }
  return out;
}

// The collection at a path: the parent's items, then this level's <clear/>, <remove>, <add> in
// document order (IIS configuration reference, "Collections").
TEST(IisCorrelation, EffectiveMappingsFollowDocumentOrderPerPath) {
  const std::string config = R"(<configuration>
<system.webServer><security><authentication><iisClientCertificateMappingAuthentication>
<oneToOneMappings><add certificate="A" /><add certificate="B" /></oneToOneMappings>
<manyToOneMappings><add name="X" /></manyToOneMappings>
</iisClientCertificateMappingAuthentication></authentication></security></system.webServer>
<location path="Contoso"><system.webServer><security><authentication><iisClientCertificateMappingAuthentication>
<oneToOneMappings><remove certificate="A" /><add certificate="C" /><remove certificate="a" /></oneToOneMappings>
<manyToOneMappings><clear /><add name="Y" /></manyToOneMappings>
</iisClientCertificateMappingAuthentication></authentication></security></system.webServer></location>
<location path="Contoso/app"><system.webServer><security><authentication><iisClientCertificateMappingAuthentication>
<manyToOneMappings><remove name="y" /></manyToOneMappings>
<oneToOneMappings><add certificate="B" userName="again" /></oneToOneMappings>
</iisClientCertificateMappingAuthentication></authentication></security></system.webServer></location>
</configuration>
)";
  const Evidence evidence = testing::iis_evidence({config, "", ""});
  const IisEvidence& e = *evidence.iis;
  EXPECT_EQ(keys(effective_mappings(e, "")), (std::vector<std::string>{"A", "B", "X"}));
  EXPECT_EQ(keys(effective_mappings(e, "Fabrikam")), (std::vector<std::string>{"A", "B", "X"}));
  // "a" is not "A": a certificate is compared as written; manyToOne names are not.
  const std::vector<EffectiveMapping> site = effective_mappings(e, "Contoso");
  EXPECT_EQ(keys(site), (std::vector<std::string>{"B", "C", "Y"}));
  EXPECT_EQ(site[0].location->path, "");
  EXPECT_EQ(site[1].location->path, "Contoso");
  EXPECT_EQ(site[1].mapping->origin.ref, "applicationHost.config:7");
  // A re-<add> of a key already inherited replaces it (IIS would call it a duplicate).
  const std::vector<EffectiveMapping> app = effective_mappings(e, "contoso/APP");
  EXPECT_EQ(keys(app), (std::vector<std::string>{"C", "B"}));
  EXPECT_EQ(app[1].mapping->user_name, "again");
}

TEST(IisCorrelation, SectionLockDeepestAllowOrDenyWins) {
  const std::string config = R"(<configuration>
<configSections><sectionGroup name="system.webServer"><sectionGroup name="security">
<section name="access" overrideModeDefault="Deny" />
</sectionGroup></sectionGroup></configSections>
<location path="Contoso" overrideMode="Allow"><system.webServer><security><access /></security></system.webServer></location>
<location path="Contoso/locked" overrideMode="Deny"><system.webServer><security><access /></security></system.webServer></location>
<location path="Contoso/inherit" overrideMode="Inherit"><system.webServer><security><access /></security></system.webServer></location>
</configuration>
)";
  const Evidence evidence = testing::iis_evidence({config, "", ""});
  const IisEvidence& e = *evidence.iis;
  const std::string access = "system.webServer/security/access";
  EXPECT_EQ(section_lock_at(e, access, "Fabrikam")->locked, true);
  EXPECT_EQ(section_lock_at(e, access, "Fabrikam")->decided_by, "overrideModeDefault=\"Deny\"");
  EXPECT_EQ(section_lock_at(e, access, "Contoso/app")->locked, false);
  EXPECT_EQ(section_lock_at(e, access, "Contoso/app")->because.ref, "applicationHost.config:5");
  EXPECT_EQ(section_lock_at(e, access, "Contoso/locked/deeper")->locked, true);
  EXPECT_EQ(section_lock_at(e, access, "Contoso/locked")->decided_by, "overrideMode=\"Deny\" at \"Contoso/locked\"");
  EXPECT_EQ(section_lock_at(e, access, "Contoso/inherit")->locked, false);
  EXPECT_FALSE(section_lock_at(e, "system.webServer/security/authentication/anonymousAuthentication", "Contoso"));
}

}  // namespace
}  // namespace mtls::checks::iis
