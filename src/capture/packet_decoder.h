// SPDX-License-Identifier: Apache-2.0
// From a captured frame to its TCP segment: link layer (Ethernet with VLAN tags, Linux cooked
// SLL and SLL2, raw IP, BSD/OpenBSD loopback), IPv4 and IPv6 (with extension headers), TCP.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace mtls::capture {

struct Endpoint {
  std::array<std::uint8_t, 16> address{};  ///< IPv4 in the first 4 bytes
  bool v6 = false;
  std::uint16_t port = 0;

  bool operator==(const Endpoint&) const = default;
  auto operator<=>(const Endpoint&) const = default;
};

/// "127.0.0.1:443", "[::1]:443"
std::string to_string(const Endpoint& e);

enum TcpFlags : std::uint8_t { tcp_fin = 0x01, tcp_syn = 0x02, tcp_rst = 0x04, tcp_ack = 0x10 };

struct TcpSegment {
  Endpoint source;
  Endpoint destination;
  std::uint32_t seq = 0;
  std::uint8_t flags = 0;
  std::string_view payload;
  std::uint32_t missing = 0;  ///< payload bytes the IP header announced but the capture cut off
};

enum class DecodeStatus { tcp, not_tcp, unsupported_link, malformed, ip_fragment };

/// Decode one frame. Never reads outside `frame`.
DecodeStatus decode_tcp(std::uint32_t link_type, std::string_view frame, TcpSegment& out);

}  // namespace mtls::capture
