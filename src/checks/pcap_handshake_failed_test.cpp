// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>

#include "checks/checks.h"
#include "checks/pcap_test_support.h"

namespace mtls::checks {
namespace {

TEST(PcapHandshakeFailed, FatalAlertNamedWithItsFrame) {
  PcapConnection c = pcap_test::tls12();
  c.handshake_finished = false;
  c.alerts = {"certificate_required (116), fatal, from server, frame 9"};
  const CheckResult r = pcap_handshake_failed_check().run(pcap_test::with({c}), {});
  ASSERT_EQ(r.findings.size(), 1u);
  EXPECT_EQ(r.findings[0].id, "tls.handshake-failed");
  EXPECT_EQ(r.findings[0].evidence[0].frame, 9u);
  EXPECT_NE(r.findings[0].detail.find("certificate_required (116)"), std::string::npos);
}

TEST(PcapHandshakeFailed, EncryptedAlertEndingATls13Handshake) {
  PcapConnection c = pcap_test::tls12();
  c.tls_version = "TLSv1.3";
  c.handshake_encrypted = true;
  c.handshake_finished = false;
  c.alerts = {"encrypted alert from server, frame 11"};
  const CheckResult r = pcap_handshake_failed_check().run(pcap_test::with({c}), {});
  ASSERT_EQ(r.findings.size(), 1u);
  EXPECT_NE(r.findings[0].detail.find("its name is encrypted"), std::string::npos);
  c.handshake_finished = true;  // close_notify after a finished handshake is no failure
  EXPECT_TRUE(pcap_handshake_failed_check().run(pcap_test::with({c}), {}).findings.empty());
}

}  // namespace
}  // namespace mtls::checks
