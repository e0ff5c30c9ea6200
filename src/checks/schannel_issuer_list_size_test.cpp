// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>

#include "checks/checks.h"

namespace mtls::checks {
namespace {

/// IIS evidence with Schannel values, one binding and `count` ROOT certificates whose subject DER
/// is `name_bytes` long.
Evidence evidence_with_root_store(std::optional<unsigned> send_list, std::size_t count, std::size_t name_bytes,
                                  std::string ctl_store = "") {
  IisEvidence iis;
  iis.schannel.read = true;
  iis.schannel.send_trusted_issuer_list = send_list;
  iis.stores_read = true;
  HttpSysBinding b;
  b.kind = HttpSysBindingKind::ip_port;
  b.endpoint = "0.0.0.0:443";
  b.ctl_store_name = std::move(ctl_store);
  iis.bindings.push_back(b);
  iis.stores.push_back({"ROOT", count, at_input("registry", "SOFTWARE", "Microsoft\\SystemCertificates\\ROOT")});
  for (std::size_t i = 0; i < count; ++i) {
    StoreCertificate c;
    c.store = "ROOT";
    c.facts = CertificateFacts{};
    c.facts->subject_name.der_hex = std::string(name_bytes * 2, 'A');
    iis.store_certificates.push_back(std::move(c));
  }
  Evidence e;
  e.iis = std::move(iis);
  return e;
}

CheckResult run_check(const Evidence& e) { return schannel_issuer_list_size_check().run(e, CheckContext{}); }

TEST(SchannelIssuerListSize, ALargeRootStoreSentAsTheListIsTruncated) {
  // 200 roots of 100-byte names: 200 * 102 = 20400 bytes > 16384.
  CheckResult r = run_check(evidence_with_root_store(1, 200, 100));
  ASSERT_EQ(r.findings.size(), 1u);
  EXPECT_EQ(r.findings[0].id, "schannel.issuer-list-truncated");
  EXPECT_NE(r.findings[0].detail.find("IP:port 0.0.0.0:443 sends the subjects of the ROOT store: 200 names, 20400 bytes"),
            std::string::npos)
      << r.findings[0].detail;
  EXPECT_EQ(r.findings[0].evidence[0].ref, "SOFTWARE");
}

TEST(SchannelIssuerListSize, NoListIsSentByDefault) {
  EXPECT_TRUE(run_check(evidence_with_root_store(std::nullopt, 200, 100)).findings.empty());
  EXPECT_FALSE(run_check(evidence_with_root_store(std::nullopt, 200, 100)).not_checked);
}

TEST(SchannelIssuerListSize, ASmallStoreOrACtlStoreFits) {
  EXPECT_TRUE(run_check(evidence_with_root_store(1, 100, 100)).findings.empty());  // 10200 bytes
  EXPECT_TRUE(run_check(evidence_with_root_store(1, 200, 100, "ClientAuthIssuer")).findings.empty());
}

TEST(SchannelIssuerListSize, NeedsTheStores) {
  Evidence e = evidence_with_root_store(1, 200, 100);
  e.iis->stores_read = false;
  EXPECT_TRUE(run_check(e).not_checked.has_value());
}

}  // namespace
}  // namespace mtls::checks
