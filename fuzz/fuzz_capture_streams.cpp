// SPDX-License-Identifier: Apache-2.0
// The capture analysis from the TCP payload inward: the input is the two directions' bytes of
// ONE connection, and this target frames them (SYN, SYN-ACK, ACK, data segments of at most 1460
// bytes, FINs) into a pcap in memory before analyze_capture reads it. Mutations land in the TLS
// records (the handshake parser, CertificateRequest and Certificate DER through OpenSSL) instead
// of breaking the pcap framing, which is what the whole-file fuzz_capture_reader spends most of
// its executions on. Input: chunks of [2 bytes big-endian: bit 15 = from the server, bits 0-14 =
// length][length bytes].
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "capture/capture_builder.h"
#include "capture/pcap_analysis.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  namespace b = mtls::capture::build;
  constexpr unsigned syn = 0x02, ack = 0x10, psh = 0x08, fin = 0x01;
  const b::Endpoints ends;
  std::uint32_t seq[2] = {1000, 5000};  // client, server
  std::vector<b::Packet> packets;
  std::uint64_t time = 1'700'000'000'000'000;
  const auto frame = [&](bool from_client, unsigned flags, std::string_view payload) {
    std::uint32_t& s = seq[from_client ? 0 : 1];
    const std::string ip = b::ip_tcp(ends, from_client, s, flags, payload);
    packets.push_back({b::ethernet(ip, false), 1, time += 1000});
    s += static_cast<std::uint32_t>(payload.size()) + ((flags & (syn | fin)) ? 1 : 0);
  };
  frame(true, syn, {});
  frame(false, syn | ack, {});
  frame(true, ack, {});
  std::size_t at = 0;
  while (at + 2 <= size && packets.size() < 4096) {
    const bool from_server = (data[at] & 0x80) != 0;
    std::size_t length = static_cast<std::size_t>((data[at] & 0x7F) << 8 | data[at + 1]);
    at += 2;
    length = std::min(length, size - at);
    std::string_view chunk(reinterpret_cast<const char*>(data + at), length);
    at += length;
    while (!chunk.empty()) {
      const std::size_t piece = std::min<std::size_t>(chunk.size(), 1460);
      frame(!from_server, ack | psh, chunk.substr(0, piece));
      chunk.remove_prefix(piece);
    }
  }
  frame(true, fin | ack, {});
  frame(false, fin | ack, {});
  const std::string file = b::pcap_file(packets);
  auto reader = mtls::capture::CaptureReader::open(mtls::capture::memory_source(file), "fuzz");
  if (!reader) return 0;
  mtls::PcapEvidence evidence;
  (void)mtls::capture::analyze_capture(*reader, "fuzz", {}, evidence);
  return 0;
}
