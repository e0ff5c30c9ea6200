// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>

#include "checks/checks.h"
#include "checks/iis_test_fixtures.h"
#include "knowledge/remedies.h"

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
  EXPECT_EQ(knowledge::remedies::command_lines(r.findings[0].remedy),
            (std::vector<std::string>{"netsh http update sslcert hostnameport=www.contoso.com:443 "
                                      "certhash=846762724f99a530cae257c8d18ceafb46723cd2 "
                                      "appid='{4dc3e181-e14b-4a21-b022-59fc669b0914}' certstorename=MY clientcertnegotiation=enable"}));
}

TEST(HttpsysNegotiateClientCertDisabled, SiteWithoutClientCertificatesIsFine) {
  Evidence e = iis_evidence({contoso_config("Ssl"), netsh_binding("IP:port", "0.0.0.0:443", "(null)", "Disabled"), ""});
  EXPECT_TRUE(run(httpsys_negotiate_client_cert_disabled_check(), e).findings.empty());
}

TEST(HttpsysNegotiateClientCertDisabled, NotCheckedWithoutSites) {
  Evidence e = iis_evidence({"", netsh_binding("IP:port", "0.0.0.0:443", "(null)", "Disabled"), ""});
  EXPECT_TRUE(run(httpsys_negotiate_client_cert_disabled_check(), e).not_checked);
}

// A CCS site binding with a host name (sslFlags 3 = Sni + CentralCertStore) is served by the
// scoped CCS binding for that host when the SYSTEM registry has one (SslScopedCcsBindingInfo);
// the port-wide CCS binding serves the rest. Registry values built from http.h, no sample exists.
TEST(HttpsysNegotiateClientCertDisabled, ScopedCcsBindingServesItsHost) {
  const std::string config = R"(<configuration><system.applicationHost><sites><site name="Contoso" id="2"><bindings>
<binding protocol="https" bindingInformation="*:443:www.contoso.com" sslFlags="3" />
</bindings></site></sites></system.applicationHost>
<location path="Contoso"><system.webServer><security><access sslFlags="Ssl, SslRequireCert" /></security></system.webServer></location>
</configuration>
)";
  const std::string reg =
      "Windows Registry Editor Version 5.00\n\n"
      "[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\HTTP\\Parameters\\SslScopedCcsBindingInfo\\www.contoso.com:443]\n"
      "\"AppId\"=hex:81,e1,c3,4d,4b,e1,21,4a,b0,22,59,fc,66,9b,09,14\n"
      "\"DefaultFlags\"=dword:00000000\n\n"
      "[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\HTTP\\Parameters\\SslCcsBindingInfo\\0.0.0.0:443]\n"
      "\"AppId\"=hex:81,e1,c3,4d,4b,e1,21,4a,b0,22,59,fc,66,9b,09,14\n"
      "\"DefaultFlags\"=dword:00000002\n";
  Evidence e = iis_evidence({config, "", reg});
  CheckResult r = run(httpsys_negotiate_client_cert_disabled_check(), e);
  ASSERT_EQ(r.findings.size(), 1u);
  EXPECT_EQ(knowledge::remedies::command_lines(r.findings[0].remedy),
            (std::vector<std::string>{"netsh http update sslcert scopedccs=www.contoso.com:443 "
                                      "appid='{4dc3e181-e14b-4a21-b022-59fc669b0914}' clientcertnegotiation=enable"}));
  // Without the scoped binding, the port-wide CCS binding (negotiating) serves the host.
  Evidence ccs_only = iis_evidence({config, "", reg.substr(0, reg.find("[HKEY")) + reg.substr(reg.rfind("[HKEY"))});
  EXPECT_TRUE(run(httpsys_negotiate_client_cert_disabled_check(), ccs_only).findings.empty());
}

}  // namespace
}  // namespace mtls::checks
