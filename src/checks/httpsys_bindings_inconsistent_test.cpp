// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>

#include "checks/checks.h"
#include "checks/iis_test_fixtures.h"
#include "knowledge/remedies.h"

namespace mtls::checks {
namespace {

using namespace testing;

TEST(HttpsysBindingsInconsistent, SniAndIpBindingsOfOneSiteDisagree) {
  Evidence e = iis_evidence({contoso_config("Ssl, SslNegotiateCert"),
                             netsh_binding("Hostname:port", "www.contoso.com:443", "ClientAuthIssuer", "Enabled") +
                                 netsh_binding("IP:port", "0.0.0.0:443", "(null)", "Disabled"),
                             ""});
  CheckResult r = run(httpsys_bindings_inconsistent_check(), e);
  ASSERT_EQ(r.findings.size(), 1u);
  EXPECT_EQ(r.findings[0].id, "httpsys.bindings-inconsistent");
  EXPECT_EQ(knowledge::remedies::command_lines(r.findings[0].remedy),
            (std::vector<std::string>{"netsh http update sslcert ipport=0.0.0.0:443 certhash=846762724f99a530cae257c8d18ceafb46723cd2 "
                                      "appid='{4dc3e181-e14b-4a21-b022-59fc669b0914}' certstorename=MY "
                                      "sslctlstorename=ClientAuthIssuer clientcertnegotiation=enable"}));
  EXPECT_EQ(r.findings[0].evidence.size(), 3u);
}

TEST(HttpsysBindingsInconsistent, WithoutConfigSamePortAndCertificateGroup) {
  Evidence e = iis_evidence({"", netsh_binding("Hostname:port", "a.contoso.com:443", "ClientAuthIssuer", "Enabled") +
                                     netsh_binding("IP:port", "0.0.0.0:443", "ClientAuthIssuer", "Enabled"), ""});
  EXPECT_TRUE(run(httpsys_bindings_inconsistent_check(), e).findings.empty());
}

}  // namespace
}  // namespace mtls::checks
