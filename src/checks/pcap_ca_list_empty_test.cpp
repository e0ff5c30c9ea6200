// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>

#include "checks/checks.h"
#include "checks/pcap_test_support.h"

namespace mtls::checks {
namespace {

TEST(PcapCaListEmpty, RequestWithoutNames) {
  PcapConnection c = pcap_test::tls12();
  c.cert_request = CertRequestTiming::handshake;
  c.cert_request_frame = 6;
  const CheckResult r = pcap_ca_list_empty_check().run(pcap_test::with({c}), {});
  ASSERT_EQ(r.findings.size(), 1u);
  EXPECT_EQ(r.findings[0].id, "tls.ca-list-empty");
  EXPECT_EQ(r.findings[0].severity, Severity::info);
  c.ca_names = {"CN=CA"};
  EXPECT_TRUE(pcap_ca_list_empty_check().run(pcap_test::with({c}), {}).findings.empty());
}

}  // namespace
}  // namespace mtls::checks
