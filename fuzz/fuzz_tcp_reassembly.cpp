// SPDX-License-Identifier: Apache-2.0
// TCP reassembly (capture/tcp_reassembly.cpp) alone, with an oracle: the input holds a reference
// byte stream and a list of segments cut from it (any order, overlaps, retransmissions, 32-bit
// sequence wrap around a fuzzed initial sequence number, snap-length cuts). Whatever the order,
// the bytes delivered must be a prefix of the reference stream, delivered() must count them, and
// nothing may wait beyond max_pending. Segments whose bytes were altered turn the oracle off for
// the rest of that input (the first copy of a byte wins, so the stream may then differ).
// Input: [4 bytes ISN][2 bytes reference length][reference][segments of 6 bytes: offset (2),
// length (2), flags (1: 0x01 alter a byte, 0x02 cut off by the snap length), missing (1)].
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "capture/tcp_reassembly.h"

namespace {

std::uint32_t be(const std::uint8_t* p, int n) {
  std::uint32_t v = 0;
  for (int i = 0; i < n; ++i) v = v << 8 | p[i];
  return v;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 6) return 0;
  const std::uint32_t isn = be(data, 4);
  std::size_t at = 6;
  const std::size_t ref_length = std::min<std::size_t>(be(data + 4, 2), size - at);
  const std::string_view reference(reinterpret_cast<const char*>(data + at), ref_length);
  at += ref_length;

  mtls::capture::TcpStream stream;
  std::string delivered;
  bool altered = false;
  const mtls::capture::TcpStream::Sink sink = [&](std::string_view bytes, std::uint64_t) {
    delivered.append(bytes);
  };
  std::uint64_t frame = 1;
  stream.add(isn, true, {}, 0, frame++, sink);  // the SYN: stream byte 0 is isn + 1
  std::string payload;
  for (; at + 6 <= size; at += 6) {
    const std::size_t offset = be(data + at, 2);
    const std::size_t length = be(data + at + 2, 2);
    const std::uint8_t flags = data[at + 4];
    const std::uint32_t missing = (flags & 0x02) ? 1u + data[at + 5] : 0u;
    if (offset > reference.size()) continue;
    payload.assign(reference.substr(offset, length));
    if ((flags & 0x01) && !payload.empty()) {
      payload[data[at + 5] % payload.size()] ^= 0x5A;
      altered = true;
    }
    stream.add(isn + 1 + static_cast<std::uint32_t>(offset), false, payload, missing, frame++, sink);
    if (!altered && delivered != reference.substr(0, delivered.size())) std::abort();
    if (stream.delivered() != delivered.size()) std::abort();
  }
  stream.finish();
  if (!altered && delivered != reference.substr(0, delivered.size())) std::abort();
  if (stream.delivered() != delivered.size()) std::abort();
  return 0;
}
