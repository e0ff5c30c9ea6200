// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>

#include "checks/checks.h"
#include "checks/iis_test_fixtures.h"

namespace mtls::checks {
namespace {

using namespace testing;

TEST(HttpsysNegotiateClientCertDisabled, SiteRequiringCertificateOnNonNegotiatingBinding) {
  Evidence e = iis_evidence({contoso_config("Ssl, SslNegotiateCert, SslRequireCert"),
                             netsh_binding("Hostname:port", "www.contoso.com:443", "(null)", "Disabled") +
                                 netsh_binding("IP:port", "0.0.0.0:443", "(null)", "Enabled"),
                             ""});
  CheckResult r = run(httpsys_negotiate_client_cert_disabled_check(), e);
  ASSERT_EQ(r.findings.size(), 1u);
  EXPECT_EQ(r.findings[0].remedy.commands,
            (std::vector<std::string>{"netsh http update sslcert hostnameport=www.contoso.com:443 "
                                      "certhash=846762724f99a530cae257c8d18ceafb46723cd2 "
                                      "appid={4dc3e181-e14b-4a21-b022-59fc669b0914} certstorename=MY clientcertnegotiation=enable"}));
}

TEST(HttpsysNegotiateClientCertDisabled, SiteWithoutClientCertificatesIsFine) {
  Evidence e = iis_evidence({contoso_config("Ssl"), netsh_binding("IP:port", "0.0.0.0:443", "(null)", "Disabled"), ""});
  EXPECT_TRUE(run(httpsys_negotiate_client_cert_disabled_check(), e).findings.empty());
}

TEST(HttpsysNegotiateClientCertDisabled, NotCheckedWithoutSites) {
  Evidence e = iis_evidence({"", netsh_binding("IP:port", "0.0.0.0:443", "(null)", "Disabled"), ""});
  EXPECT_TRUE(run(httpsys_negotiate_client_cert_disabled_check(), e).not_checked);
}

}  // namespace
}  // namespace mtls::checks
