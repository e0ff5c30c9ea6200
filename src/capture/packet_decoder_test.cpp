// SPDX-License-Identifier: Apache-2.0
#include "capture/packet_decoder.h"

#include <gtest/gtest.h>

#include "capture/capture_builder.h"

namespace mtls::capture {
namespace {

using namespace build;

const Endpoints v4;
Endpoints v6_endpoints() {
  Endpoints e;
  e.client_ip = std::string(15, '\0') + "\x01";
  e.server_ip = std::string("\x20\x01\x0d\xb8", 4) + std::string(11, '\0') + "\x05";
  return e;
}

TEST(PacketDecoder, EthernetIpv4WithVlanTags) {
  for (int vlans : {0, 1, 2}) {
    TcpSegment s;
    // The segment's payload points into the frame: keep the frame alive while it is read.
    const std::string frame = ethernet(ip_tcp(v4, true, 1000, tcp_ack, "hello"), false, vlans);
    ASSERT_EQ(decode_tcp(1, frame, s), DecodeStatus::tcp);
    EXPECT_EQ(to_string(s.source), "10.0.0.2:50123");
    EXPECT_EQ(to_string(s.destination), "10.0.0.5:443");
    EXPECT_EQ(s.seq, 1000u);
    EXPECT_EQ(s.payload, "hello");
  }
}

TEST(PacketDecoder, EthernetPaddingIsNotPayload) {
  std::string frame = ethernet(ip_tcp(v4, true, 1, tcp_ack, ""), false) + std::string(6, '\0');
  TcpSegment s;
  ASSERT_EQ(decode_tcp(1, frame, s), DecodeStatus::tcp);
  EXPECT_TRUE(s.payload.empty());
}

TEST(PacketDecoder, Ipv6AndItsTextForm) {
  const Endpoints e = v6_endpoints();
  TcpSegment s;
  ASSERT_EQ(decode_tcp(1, ethernet(ip_tcp(e, false, 7, tcp_syn | tcp_ack, ""), true), s), DecodeStatus::tcp);
  EXPECT_EQ(to_string(s.source), "[2001:db8::5]:443");
  EXPECT_EQ(to_string(s.destination), "[::1]:50123");
  EXPECT_EQ(s.flags, tcp_syn | tcp_ack);
}

TEST(PacketDecoder, Ipv6ExtensionHeaderAndFragment) {
  const Endpoints e = v6_endpoints();
  std::string ip = ip_tcp(e, true, 1, tcp_ack, "x");
  // Insert a destination-options header (8 bytes) before TCP.
  std::string withext = ip.substr(0, 40) + std::string("\x06\x00", 2) + std::string(6, '\0') + ip.substr(40);
  withext[6] = 60;
  withext[5] = static_cast<char>(ip.size() - 40 + 8);
  TcpSegment s;
  ASSERT_EQ(decode_tcp(101, withext, s), DecodeStatus::tcp);
  EXPECT_EQ(s.payload, "x");
  withext[6] = 44;
  EXPECT_EQ(decode_tcp(101, withext, s), DecodeStatus::ip_fragment);
}

TEST(PacketDecoder, CookedLoopbackAndRawLinkTypes) {
  const std::string ip = ip_tcp(v4, true, 5, tcp_ack, "p");
  TcpSegment s;
  std::string sll(14, '\0');
  put16(sll, 0x0800);
  EXPECT_EQ(decode_tcp(113, sll + ip, s), DecodeStatus::tcp);
  std::string sll2;
  put16(sll2, 0x0800);
  sll2 += std::string(18, '\0');
  EXPECT_EQ(decode_tcp(276, sll2 + ip, s), DecodeStatus::tcp);
  EXPECT_EQ(decode_tcp(0, std::string("\x02\x00\x00\x00", 4) + ip, s), DecodeStatus::tcp);  // BSD, little endian
  EXPECT_EQ(decode_tcp(0, std::string("\x00\x00\x00\x02", 4) + ip, s), DecodeStatus::tcp);  // BSD, big endian
  EXPECT_EQ(decode_tcp(108, std::string("\x00\x00\x00\x02", 4) + ip, s), DecodeStatus::tcp);
  EXPECT_EQ(decode_tcp(101, ip, s), DecodeStatus::tcp);
  EXPECT_EQ(decode_tcp(228, ip, s), DecodeStatus::tcp);
  EXPECT_EQ(s.payload, "p");
  EXPECT_EQ(decode_tcp(147, ip, s), DecodeStatus::unsupported_link);
}

TEST(PacketDecoder, SnapLengthCutCountsMissingBytes) {
  std::string frame = ethernet(ip_tcp(v4, true, 1, tcp_ack, "0123456789"), false);
  frame.resize(frame.size() - 4);
  TcpSegment s;
  ASSERT_EQ(decode_tcp(1, frame, s), DecodeStatus::tcp);
  EXPECT_EQ(s.payload, "012345");
  EXPECT_EQ(s.missing, 4u);
}

TEST(PacketDecoder, MalformedAndNonTcp) {
  TcpSegment s;
  EXPECT_EQ(decode_tcp(1, "short", s), DecodeStatus::malformed);
  std::string ip = ip_tcp(v4, true, 1, tcp_ack, "");
  ip[9] = 17;  // UDP
  EXPECT_EQ(decode_tcp(101, ip, s), DecodeStatus::not_tcp);
  ip[9] = 6;
  ip[0] = 0x4F;  // IHL 60 > length
  EXPECT_EQ(decode_tcp(101, ip.substr(0, 40), s), DecodeStatus::malformed);
  ip = ip_tcp(v4, true, 1, tcp_ack, "");
  ip[6] = 0x20;  // more fragments
  EXPECT_EQ(decode_tcp(101, ip, s), DecodeStatus::ip_fragment);
}

}  // namespace
}  // namespace mtls::capture
