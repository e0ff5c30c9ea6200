// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>

#include "checks/checks.h"
#include "checks/iis_test_fixtures.h"

namespace mtls::checks {
namespace {

using namespace testing;

TEST(SchannelTrustedIssuerList, DefaultsSendAnEmptyList) {
  Evidence e = iis_evidence({"", "", schannel_reg("\"EventLogging\"=dword:00000001\n")});
  CheckResult r = run(schannel_trusted_issuer_list_check(), e);
  ASSERT_EQ(r.findings.size(), 1u);
  EXPECT_EQ(r.findings[0].detail,
            "SendTrustedIssuerList is not set (default 0 since Windows Server 2012); ClientAuthTrustMode is not set (default "
            "0, machine trust): the server sends an empty certificate_authorities list: clients may offer any certificate "
            "they hold.");
  EXPECT_EQ(r.findings[0].evidence[0].ref, "schannel.reg:3");
}

TEST(SchannelTrustedIssuerList, ListFromCtlStores) {
  Evidence e = iis_evidence({"", netsh_binding("IP:port", "0.0.0.0:443", "ClientAuthIssuer", "Enabled"),
                             schannel_reg("\"SendTrustedIssuerList\"=dword:00000001\n")});
  CheckResult r = run(schannel_trusted_issuer_list_check(), e);
  ASSERT_EQ(r.findings.size(), 1u);
  EXPECT_NE(r.findings[0].detail.find("Bindings: IP:port 0.0.0.0:443: CTL store ClientAuthIssuer."), std::string::npos)
      << r.findings[0].detail;
  EXPECT_EQ(r.findings[0].evidence[0].ref, "schannel.reg:4");
}

}  // namespace
}  // namespace mtls::checks
