// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>

#include "render/text_evidence.h"

namespace mtls::text {
namespace {

PcapConnection connection(int number, std::string client, std::string client_cert, std::uint64_t first_frame) {
  PcapConnection c;
  c.number = number;
  c.client = std::move(client);
  c.server = "10.0.0.5:443";
  c.tls_version = "TLSv1.2";
  c.cert_request = CertRequestTiming::handshake;
  c.ca_names = {"CN=Issuing CA"};
  c.client_cert = std::move(client_cert);
  c.first_frame = first_frame;
  c.last_frame = first_frame + 12;
  c.alerts = {fmt::format("encrypted alert from server, frame {}", first_frame + 10)};
  return c;
}

TEST(TextPcap, LookAlikeConnectionsAreShownOnceWithTheirNumbers) {
  // Four connections differing only in client, frames and timing, and one that sent no
  // certificate: two blocks, the first naming the three others like it.
  PcapEvidence p;
  p.frames = 80;
  p.tls_connections = 7;
  p.undetailed_connections = 2;
  for (int i = 1; i <= 4; ++i) p.connections.push_back(connection(i, fmt::format("10.0.0.{}:5000", i), "sent", 16 * i));
  p.connections.push_back(connection(5, "10.0.0.9:5000", "empty", 100));
  std::string out;
  pcap(out, Styler(false), p);
  EXPECT_NE(out.find("the first 5 TLS connections are read in detail; 2 more are only counted"), std::string::npos) << out;
  EXPECT_NE(out.find("#1 10.0.0.1:5000 -> 10.0.0.5:443"), std::string::npos) << out;
  EXPECT_NE(out.find("and 3 more connections like it: #2-#4"), std::string::npos) << out;
  EXPECT_NE(out.find("#5 10.0.0.9:5000"), std::string::npos) << out;
  EXPECT_EQ(out.find("#2 10.0.0.2"), std::string::npos) << out;
  EXPECT_NE(out.find("client certificate: empty"), std::string::npos) << out;
}

TEST(TextPcap, VerboseListsEveryConnection) {
  PcapEvidence p;
  for (int i = 1; i <= 3; ++i) p.connections.push_back(connection(i, fmt::format("10.0.0.{}:5000", i), "sent", 16 * i));
  std::string out;
  pcap(out, Styler(false, 100, 1), p);
  EXPECT_NE(out.find("#2 10.0.0.2:5000"), std::string::npos) << out;
  EXPECT_NE(out.find("#3 10.0.0.3:5000"), std::string::npos) << out;
  EXPECT_EQ(out.find("like it"), std::string::npos) << out;
}

TEST(TextPcap, WithTwoCapturesEveryConnectionIsListed) {
  // The matches name connections by number: each must be visible.
  PcapEvidence p;
  p.connections.push_back(connection(1, "10.0.0.1:5000", "sent", 1));
  p.connections.push_back(connection(2, "10.0.0.2:5000", "sent", 20));
  p.matches.push_back({1, 2, "client random", {}});
  std::string out;
  pcap(out, Styler(false), p);
  EXPECT_NE(out.find("#2 10.0.0.2:5000"), std::string::npos) << out;
  EXPECT_EQ(out.find("like it"), std::string::npos) << out;
}

}  // namespace
}  // namespace mtls::text
