// SPDX-License-Identifier: Apache-2.0
// Fixed-size counting structures for the log readers: memory is set when the table is first used
// and never grows with the input, and counting a value never allocates.
#pragma once

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/evidence/logs.h"

namespace mtls::logs {

/// FNV-1a: cheap, good enough for open addressing over IPs, URIs and small integer keys.
inline std::uint64_t hash_bytes(std::string_view s) {
  std::uint64_t h = 1469598103934665603ULL;
  for (unsigned char c : s) h = (h ^ c) * 1099511628211ULL;
  return h;
}

/// Space-Saving top-k counter (Metwally, Agrawal, El Abbadi 2005) over short strings stored in
/// place (cut at kKeyBytes): at most kSlots distinct values are tracked; a new value evicts the
/// least-counted one and inherits its count as `error`. Exact while fewer than kSlots values occur.
class TopValues {
 public:
  static constexpr std::size_t kSlots = 256;
  static constexpr std::size_t kKeyBytes = 96;

  void add(std::string_view value, std::uint64_t n = 1) {
    if (!slots_) slots_ = std::make_unique<std::array<Slot, kSlots>>();
    value = value.substr(0, kKeyBytes);
    auto& slots = *slots_;
    const std::uint64_t h = hash_bytes(value);
    // Linear scan with a hash pre-check; 256 slots of which most tables use a handful.
    for (std::size_t i = 0; i < used_; ++i) {
      Slot& s = slots[i];
      if (s.hash == h && s.len == value.size() && std::memcmp(s.key, value.data(), value.size()) == 0) {
        s.count += n;
        return;
      }
    }
    if (used_ < kSlots) {
      set(slots[used_++], value, h, n, 0);
      return;
    }
    Slot* min = &slots[0];
    for (Slot& s : slots) {
      if (s.count < min->count) min = &s;
    }
    const std::uint64_t floor = min->count;
    set(*min, value, h, floor + n, floor);
  }

  void merge(const TopValues& other) {
    if (!other.slots_) return;
    for (std::size_t i = 0; i < other.used_; ++i) {
      const Slot& s = (*other.slots_)[i];
      add(std::string_view(s.key, s.len), s.count);
    }
  }

  [[nodiscard]] std::vector<LogTopValue> top(std::size_t n) const {
    std::vector<LogTopValue> out;
    if (!slots_) return out;
    for (std::size_t i = 0; i < used_; ++i) {
      const Slot& s = (*slots_)[i];
      out.push_back({std::string(s.key, s.len), s.count, s.error});
    }
    std::stable_sort(out.begin(), out.end(), [](const LogTopValue& a, const LogTopValue& b) {
      return a.count != b.count ? a.count > b.count : a.value < b.value;
    });
    if (out.size() > n) out.resize(n);
    return out;
  }

 private:
  struct Slot {
    std::uint64_t hash = 0;
    std::uint64_t count = 0;
    std::uint64_t error = 0;
    std::uint32_t len = 0;
    char key[kKeyBytes];
  };
  static void set(Slot& s, std::string_view v, std::uint64_t h, std::uint64_t count, std::uint64_t error) {
    s.hash = h;
    s.count = count;
    s.error = error;
    s.len = static_cast<std::uint32_t>(v.size());
    std::memcpy(s.key, v.data(), v.size());
  }
  std::unique_ptr<std::array<Slot, kSlots>> slots_;
  std::size_t used_ = 0;
};

/// Counts per 64-bit integer key in an open-addressing table of fixed capacity; keys beyond the
/// capacity go to `overflow` (a real IIS log has a few dozen distinct status triples).
class IntCounter {
 public:
  static constexpr std::size_t kSlots = 4096;  // power of two

  void add(std::uint64_t key, std::uint64_t n = 1) {
    if (slots_.empty()) slots_.resize(kSlots);
    std::size_t i = static_cast<std::size_t>((key * 0x9E3779B97F4A7C15ULL) >> 52) & (kSlots - 1);
    for (std::size_t probes = 0; probes < kSlots / 2; ++probes, i = (i + 1) & (kSlots - 1)) {
      Slot& s = slots_[i];
      if (s.count == 0) {
        s.key = key;
        s.count = n;
        ++used_;
        return;
      }
      if (s.key == key) {
        s.count += n;
        return;
      }
    }
    overflow += n;
  }

  template <typename F>
  void for_each(F&& f) const {
    for (const Slot& s : slots_) {
      if (s.count != 0) f(s.key, s.count);
    }
  }

  void merge(const IntCounter& other) {
    other.for_each([this](std::uint64_t k, std::uint64_t c) { add(k, c); });
    overflow += other.overflow;
  }

  std::uint64_t overflow = 0;

 private:
  struct Slot {
    std::uint64_t key = 0;
    std::uint64_t count = 0;
  };
  std::vector<Slot> slots_;
  std::size_t used_ = 0;
};

}  // namespace mtls::logs
