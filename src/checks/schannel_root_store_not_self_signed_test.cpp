// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>

#include "checks/checks.h"
#include "checks/iis_test_fixtures.h"

namespace mtls::checks {
namespace {

using namespace testing;

Evidence root_store(bool self_signed, const std::string& reg) {
  Evidence e = iis_evidence({"", "", reg});
  StoreCertificate c;
  c.store = "ROOT";
  c.thumbprint = "AB12";
  c.origin = at_input("registry", "SOFTWARE", "Microsoft\\SystemCertificates\\ROOT\\Certificates\\AB12\\Blob");
  CertificateFacts facts;
  facts.subject = "CN=Contoso Issuing CA";
  facts.issuer = "CN=Contoso Root CA";
  facts.self_signed = self_signed;
  c.facts = facts;
  e.iis->store_certificates.push_back(c);
  e.iis->stores_read = true;
  return e;
}

TEST(SchannelRootStoreNotSelfSigned, IntermediateInRootWithMachineTrust) {
  CheckResult r = run(schannel_root_store_not_self_signed_check(), root_store(false, schannel_reg("\"ClientAuthTrustMode\"=dword:00000000\n")));
  ASSERT_EQ(r.findings.size(), 1u);
  EXPECT_EQ(r.findings[0].id, "store.non-self-signed-root");
  EXPECT_EQ(r.findings[0].remedy.commands[0].command, "Move-Item -Path Cert:\\LocalMachine\\Root\\AB12 -Destination Cert:\\LocalMachine\\CA");
}

TEST(SchannelRootStoreNotSelfSigned, SelfSignedOrExclusiveTrustIsFine) {
  EXPECT_TRUE(run(schannel_root_store_not_self_signed_check(), root_store(true, "")).findings.empty());
  EXPECT_TRUE(run(schannel_root_store_not_self_signed_check(), root_store(false, schannel_reg("\"ClientAuthTrustMode\"=dword:00000002\n")))
                  .findings.empty());
}

}  // namespace
}  // namespace mtls::checks
