// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>

#include "checks/checks.h"
#include "checks/iis_test_fixtures.h"

namespace mtls::checks {
namespace {

using namespace testing;

TEST(IisWcfNeedsAnonymous, TransportCertificateServiceWithAnonymousOff) {
  const std::string locations = R"(<location path="Contoso/svc">
<system.webServer><security><authentication><anonymousAuthentication enabled="false" /></authentication></security></system.webServer>
<system.serviceModel><bindings><wsHttpBinding><binding name="cert"><security mode="Transport">
<transport clientCredentialType="Certificate" /></security></binding></wsHttpBinding></bindings></system.serviceModel>
</location>
)";
  Evidence e = iis_evidence({contoso_config("Ssl, SslNegotiateCert, SslRequireCert", locations), "", ""});
  CheckResult r = run(iis_wcf_needs_anonymous_check(), e);
  ASSERT_EQ(r.findings.size(), 1u);
  EXPECT_EQ(r.findings[0].id, "iis.wcf-needs-anonymous");
  EXPECT_EQ(r.findings[0].remedy.commands[0].command,
            "%windir%\\system32\\inetsrv\\appcmd.exe set config \"Contoso/svc\" "
            "-section:system.webServer/security/authentication/anonymousAuthentication /enabled:\"True\" /commit:apphost");
}

TEST(IisWcfNeedsAnonymous, AnonymousInheritedEnabledIsFine) {
  const std::string locations = R"(<location path="Contoso/svc">
<system.serviceModel><bindings><wsHttpBinding><binding name="cert"><security mode="Transport">
<transport clientCredentialType="Certificate" /></security></binding></wsHttpBinding></bindings></system.serviceModel>
</location>
)";
  Evidence e = iis_evidence({contoso_config("Ssl, SslNegotiateCert, SslRequireCert", locations), "", ""});
  EXPECT_TRUE(run(iis_wcf_needs_anonymous_check(), e).findings.empty());
}

}  // namespace
}  // namespace mtls::checks
