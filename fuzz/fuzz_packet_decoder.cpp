// SPDX-License-Identifier: Apache-2.0
// The frame decoder (capture/packet_decoder.cpp) alone: link layers, VLAN tags, IPv4/IPv6 with
// extension headers, TCP options. The first byte picks the link type; the oracle is the header's
// promise: a decoded payload lies inside the frame.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "capture/packet_decoder.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  // Every link type capture_reader.h names (tcpdump.org LINKTYPE_ values) and one it does not.
  static constexpr std::uint32_t links[] = {0, 1, 12, 14, 101, 108, 113, 228, 229, 276, 147};
  const std::uint32_t link = links[data[0] % (sizeof links / sizeof links[0])];
  const std::string_view frame(reinterpret_cast<const char*>(data + 1), size - 1);
  mtls::capture::TcpSegment seg;
  if (mtls::capture::decode_tcp(link, frame, seg) == mtls::capture::DecodeStatus::tcp) {
    if (!seg.payload.empty() &&
        (seg.payload.data() < frame.data() || seg.payload.data() + seg.payload.size() > frame.data() + frame.size())) {
      std::abort();
    }
    (void)mtls::capture::to_string(seg.source);
  }
  return 0;
}
