// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>

#include "checks/checks.h"
#include "checks/iis_test_fixtures.h"
#include "knowledge/remedies.h"

namespace mtls::checks {
namespace {

using namespace testing;

TEST(HttpsysBindingMissing, SniBindingWithoutHostnamePortBinding) {
  Evidence e = iis_evidence({contoso_config("Ssl, SslNegotiateCert, SslRequireCert"),
                             netsh_binding("IP:port", "0.0.0.0:443", "(null)", "Enabled"), ""});
  CheckResult r = run(httpsys_binding_missing_check(), e);
  ASSERT_EQ(r.findings.size(), 1u);
  EXPECT_EQ(r.findings[0].evidence[0].ref, "applicationHost.config:4");
  EXPECT_EQ(knowledge::remedies::command_lines(r.findings[0].remedy),
            (std::vector<std::string>{"netsh http add sslcert hostnameport=www.contoso.com:443 certhash=<certhash> "
                                      "appid='{4dc3e181-e14b-4a21-b022-59fc669b0914}' certstorename=MY "
                                      "clientcertnegotiation=enable"}));
  EXPECT_EQ(r.findings[0].remedy.commands[0].shell, Shell::powershell);
  EXPECT_NE(r.findings[0].remedy.commands[0].note.find("<certhash>"), std::string::npos);
}

TEST(HttpsysBindingMissing, SpecificAddressFallsBackToWildcard) {
  Evidence e = iis_evidence({R"(<sites><site name="A" id="1"><bindings>
<binding protocol="https" bindingInformation="10.0.0.5:443:" /></bindings></site></sites>)",
                             netsh_binding("IP:port", "0.0.0.0:443", "(null)", "Enabled"), ""});
  EXPECT_TRUE(run(httpsys_binding_missing_check(), e).findings.empty());
}

}  // namespace
}  // namespace mtls::checks
