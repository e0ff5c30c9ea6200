// SPDX-License-Identifier: Apache-2.0
// Internal to src/capture: the table of open TCP connections of one analysis, keyed by the two
// endpoints in a fixed order, so both directions of a connection find the same entry.
#pragma once

#include <array>
#include <cstdint>
#include <cstring>
#include <utility>

#include "capture/packet_decoder.h"

namespace mtls::capture {

/// The address as two words: hashing and ordering per frame without a byte loop or memcmp call.
inline std::array<std::uint64_t, 2> words(const Endpoint& e) {
  std::array<std::uint64_t, 2> w;
  std::memcpy(w.data(), e.address.data(), sizeof w);
  return w;
}

/// A direction-free flow key: the smaller endpoint first (any fixed order will do).
inline bool endpoint_less(const Endpoint& a, const Endpoint& b) {
  const auto wa = words(a);
  const auto wb = words(b);
  if (wa[0] != wb[0]) return wa[0] < wb[0];
  if (wa[1] != wb[1]) return wa[1] < wb[1];
  return a.port < b.port;
}

struct EndpointPairHash {
  std::size_t operator()(const std::pair<Endpoint, Endpoint>& p) const {
    const auto a = words(p.first);
    const auto b = words(p.second);
    std::uint64_t h = a[0] * 0x9E3779B97F4A7C15ull ^ a[1];
    h = (h ^ (h >> 29)) * 0xBF58476D1CE4E5B9ull ^ b[0];
    h = (h ^ (h >> 32)) * 0x94D049BB133111EBull ^ b[1];
    h ^= static_cast<std::uint64_t>(p.first.port) << 16 | p.second.port;
    h = (h ^ (h >> 31)) * 0x9E3779B97F4A7C15ull;
    return static_cast<std::size_t>(h ^ (h >> 29));
  }
};

/// The direction-free key of a segment's connection.
inline std::pair<Endpoint, Endpoint> flow_key(const TcpSegment& s) {
  return endpoint_less(s.source, s.destination) ? std::pair(s.source, s.destination)
                                                : std::pair(s.destination, s.source);
}

}  // namespace mtls::capture
