// SPDX-License-Identifier: Apache-2.0
#include "capture/packet_decoder.h"

#include <fmt/format.h>

#include "capture/capture_reader.h"

namespace mtls::capture {
namespace {

std::uint16_t be16(std::string_view b, std::size_t at) {
  return static_cast<std::uint16_t>(static_cast<unsigned char>(b[at]) << 8 | static_cast<unsigned char>(b[at + 1]));
}
std::uint32_t be32(std::string_view b, std::size_t at) {
  return static_cast<std::uint32_t>(be16(b, at)) << 16 | be16(b, at + 2);
}

constexpr std::uint16_t ethertype_ipv4 = 0x0800;
constexpr std::uint16_t ethertype_ipv6 = 0x86DD;

DecodeStatus decode_tcp_header(std::string_view ip_payload, std::uint32_t missing, TcpSegment& out) {
  if (ip_payload.size() < 20) return DecodeStatus::malformed;
  out.source.port = be16(ip_payload, 0);
  out.destination.port = be16(ip_payload, 2);
  out.seq = be32(ip_payload, 4);
  const std::size_t offset = (static_cast<unsigned char>(ip_payload[12]) >> 4) * 4u;
  out.flags = static_cast<std::uint8_t>(ip_payload[13]);
  if (offset < 20 || offset > ip_payload.size()) return DecodeStatus::malformed;
  out.payload = ip_payload.substr(offset);
  out.missing = missing;
  return DecodeStatus::tcp;
}

DecodeStatus decode_ipv4(std::string_view b, TcpSegment& out) {
  if (b.size() < 20) return DecodeStatus::malformed;
  const auto v = static_cast<unsigned char>(b[0]);
  if (v >> 4 != 4) return DecodeStatus::malformed;
  const std::size_t ihl = (v & 0x0F) * 4u;
  const std::size_t total = be16(b, 2);
  if (ihl < 20 || ihl > b.size()) return DecodeStatus::malformed;
  // Total length 0 happens with TCP segmentation offload on the capturing host: trust the frame.
  std::size_t end = total == 0 ? b.size() : total;
  if (end < ihl) return DecodeStatus::malformed;
  std::uint32_t missing = 0;
  if (end > b.size()) {
    missing = static_cast<std::uint32_t>(end - b.size());
    end = b.size();
  }
  const std::uint16_t fragment = be16(b, 6);
  if ((fragment & 0x1FFF) != 0 || (fragment & 0x2000) != 0) return DecodeStatus::ip_fragment;
  if (static_cast<unsigned char>(b[9]) != 6) return DecodeStatus::not_tcp;
  out.source = {};
  out.destination = {};
  for (int i = 0; i < 4; ++i) {
    out.source.address[i] = static_cast<std::uint8_t>(b[12 + i]);
    out.destination.address[i] = static_cast<std::uint8_t>(b[16 + i]);
  }
  return decode_tcp_header(b.substr(ihl, end - ihl), missing, out);
}

DecodeStatus decode_ipv6(std::string_view b, TcpSegment& out) {
  if (b.size() < 40) return DecodeStatus::malformed;
  if (static_cast<unsigned char>(b[0]) >> 4 != 6) return DecodeStatus::malformed;
  std::size_t end = 40 + std::size_t{be16(b, 4)};
  std::uint32_t missing = 0;
  if (be16(b, 4) == 0) end = b.size();  // jumbogram or offload: trust the frame
  if (end > b.size()) {
    missing = static_cast<std::uint32_t>(end - b.size());
    end = b.size();
  }
  out.source = {};
  out.destination = {};
  out.source.v6 = out.destination.v6 = true;
  for (int i = 0; i < 16; ++i) {
    out.source.address[i] = static_cast<std::uint8_t>(b[8 + i]);
    out.destination.address[i] = static_cast<std::uint8_t>(b[24 + i]);
  }
  auto next = static_cast<unsigned char>(b[6]);
  std::size_t at = 40;
  // Extension headers (RFC 8200 §4): hop-by-hop, routing, destination options; a fragment
  // header means a fragment we do not reassemble.
  for (int hops = 0; hops < 16; ++hops) {
    if (next == 6) return decode_tcp_header(b.substr(at, end - at), missing, out);
    if (next == 44) return DecodeStatus::ip_fragment;
    if (next != 0 && next != 43 && next != 60) return DecodeStatus::not_tcp;
    if (at + 8 > end) return DecodeStatus::malformed;
    const auto following = static_cast<unsigned char>(b[at]);
    at += 8 + static_cast<std::size_t>(static_cast<unsigned char>(b[at + 1])) * 8;
    if (at > end) return DecodeStatus::malformed;
    next = following;
  }
  return DecodeStatus::malformed;
}

DecodeStatus decode_ethertype(std::uint16_t type, std::string_view b, TcpSegment& out) {
  // VLAN tags (802.1Q, 802.1ad, and the old 0x9100 QinQ), any depth up to a sane bound.
  for (int tags = 0; tags < 8 && (type == 0x8100 || type == 0x88A8 || type == 0x9100); ++tags) {
    if (b.size() < 4) return DecodeStatus::malformed;
    type = be16(b, 2);
    b.remove_prefix(4);
  }
  if (type == ethertype_ipv4) return decode_ipv4(b, out);
  if (type == ethertype_ipv6) return decode_ipv6(b, out);
  return DecodeStatus::not_tcp;
}

DecodeStatus decode_by_version(std::string_view b, TcpSegment& out) {
  if (b.empty()) return DecodeStatus::malformed;
  const int version = static_cast<unsigned char>(b[0]) >> 4;
  if (version == 4) return decode_ipv4(b, out);
  if (version == 6) return decode_ipv6(b, out);
  return DecodeStatus::malformed;
}

DecodeStatus decode_address_family(std::uint32_t family, std::string_view b, TcpSegment& out) {
  // AF_INET is 2 everywhere; AF_INET6 is 10 (Linux), 24 (NetBSD/OpenBSD), 28 (FreeBSD),
  // 30 (macOS) — the loopback link types carry the capturing system's value.
  if (family == 2) return decode_ipv4(b, out);
  if (family == 10 || family == 24 || family == 28 || family == 30) return decode_ipv6(b, out);
  return DecodeStatus::not_tcp;
}

}  // namespace

std::string to_string(const Endpoint& e) {
  if (!e.v6) {
    return fmt::format("{}.{}.{}.{}:{}", e.address[0], e.address[1], e.address[2], e.address[3], e.port);
  }
  // RFC 5952: lower case, longest run of zero groups (length >= 2) as "::".
  std::array<unsigned, 8> g{};
  for (int i = 0; i < 8; ++i) g[i] = static_cast<unsigned>(e.address[2 * i] << 8 | e.address[2 * i + 1]);
  int best = -1;
  int best_len = 1;
  for (int i = 0; i < 8;) {
    if (g[i] != 0) {
      ++i;
      continue;
    }
    int j = i;
    while (j < 8 && g[j] == 0) ++j;
    if (j - i > best_len) {
      best = i;
      best_len = j - i;
    }
    i = j;
  }
  std::string s;
  for (int i = 0; i < 8; ++i) {
    if (i == best) {
      s += "::";
      i += best_len - 1;
      continue;
    }
    if (!s.empty() && s.back() != ':') s += ':';
    s += fmt::format("{:x}", g[i]);
  }
  return fmt::format("[{}]:{}", s, e.port);
}

DecodeStatus decode_tcp(std::uint32_t link_type, std::string_view b, TcpSegment& out) {
  switch (link_type) {
    case link_ethernet:
      if (b.size() < 14) return DecodeStatus::malformed;
      return decode_ethertype(be16(b, 12), b.substr(14), out);
    case link_raw:
    case link_raw_old:
    case link_raw_old2:
      return decode_by_version(b, out);
    case link_ipv4:
      return decode_ipv4(b, out);
    case link_ipv6:
      return decode_ipv6(b, out);
    case link_null: {
      if (b.size() < 4) return DecodeStatus::malformed;
      // Host byte order of the capturing machine: AF values are small, so whichever order gives
      // a small number is the right one.
      std::uint32_t le = static_cast<unsigned char>(b[0]) | static_cast<unsigned char>(b[1]) << 8 |
                         static_cast<unsigned char>(b[2]) << 16 |
                         static_cast<std::uint32_t>(static_cast<unsigned char>(b[3])) << 24;
      if (le > 0xFFFF) le = be32(b, 0);
      return decode_address_family(le, b.substr(4), out);
    }
    case link_loop:
      if (b.size() < 4) return DecodeStatus::malformed;
      return decode_address_family(be32(b, 0), b.substr(4), out);
    case link_linux_sll:  // 16-byte header, protocol at offset 14
      if (b.size() < 16) return DecodeStatus::malformed;
      return decode_ethertype(be16(b, 14), b.substr(16), out);
    case link_linux_sll2:  // 20-byte header, protocol at offset 0
      if (b.size() < 20) return DecodeStatus::malformed;
      return decode_ethertype(be16(b, 0), b.substr(20), out);
    default:
      return DecodeStatus::unsupported_link;
  }
}

}  // namespace mtls::capture
