// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>

#include "checks/checks.h"
#include "checks/pcap_test_support.h"

namespace mtls::checks {
namespace {

Evidence two_sides(std::vector<std::string> differences) {
  PcapConnection client = pcap_test::tls12();
  client.side = "client";
  PcapConnection server = pcap_test::tls12();
  server.side = "server";
  server.file = "server.pcap";
  Evidence e = pcap_test::with({client, server});
  e.pcap->files = {"cap.pcap", "server.pcap"};
  e.pcap->matches = {{1, 1, "client random", std::move(differences)}};
  return e;
}

TEST(PcapMiddleboxAlteredHandshake, DifferencesAreAFinding) {
  const CheckResult r = pcap_middlebox_altered_handshake_check().run(
      two_sides({"CertificateRequest: none on the client side, handshake on the server side"}), {});
  ASSERT_EQ(r.findings.size(), 1u);
  EXPECT_EQ(r.findings[0].id, "tls.middlebox-altered-handshake");
  EXPECT_EQ(r.findings[0].step, Step::C12);
  ASSERT_EQ(r.findings[0].evidence.size(), 2u);
  EXPECT_EQ(r.findings[0].evidence[1].file, "server.pcap");
}

TEST(PcapMiddleboxAlteredHandshake, SameHandshakeOrOneCapture) {
  EXPECT_TRUE(pcap_middlebox_altered_handshake_check().run(two_sides({}), {}).findings.empty());
  EXPECT_TRUE(pcap_middlebox_altered_handshake_check().run(pcap_test::with({pcap_test::tls12()}), {}).not_checked);
}

}  // namespace
}  // namespace mtls::checks
