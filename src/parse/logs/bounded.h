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
/// place (cut at kKeyBytes): at most kSlots distinct values are tracked; a new value evicts a
/// least-counted one and inherits its count as `error`. Exact while fewer than kSlots distinct
/// values occur. To keep eviction O(1) the minimum is taken over 8 sampled slots rather than all
/// 256 (a sampled Space-Saving: heavy hitters still win, `error` still bounds the over-count).
class TopValues {
 public:
  static constexpr std::size_t kSlots = 256;
  static constexpr std::size_t kKeyBytes = 96;

  void add(std::string_view value, std::uint64_t n = 1) {
    if (!t_) t_ = std::make_unique<Tables>();
    value = value.substr(0, kKeyBytes);
    const std::uint64_t h = hash_bytes(value);
    std::size_t i = static_cast<std::size_t>(h) & (kIndex - 1);
    std::size_t free_at = kIndex;
    for (;; i = (i + 1) & (kIndex - 1)) {
      const std::uint16_t e = t_->index[i];
      if (e == kEmpty) break;
      if (e == kTomb) {
        if (free_at == kIndex) free_at = i;
        continue;
      }
      Slot& s = t_->slots[e - 1];
      if (s.hash == h && s.len == value.size() && std::memcmp(s.key, value.data(), value.size()) == 0) {
        s.count += n;
        return;
      }
    }
    if (free_at == kIndex) free_at = i;
    std::size_t slot = used_;
    std::uint64_t floor = 0;
    if (used_ < kSlots) {
      ++used_;
    } else {
      // Evict the least counted of 8 sampled slots.
      slot = static_cast<std::size_t>(h >> 32) % kSlots;
      for (std::size_t k = 1; k < 8; ++k) {
        const std::size_t c = (static_cast<std::size_t>(h >> 32) + k * 37) % kSlots;
        if (t_->slots[c].count < t_->slots[slot].count) slot = c;
      }
      floor = t_->slots[slot].count;
      unlink(slot);
      if (tombs_ > kSlots) {
        rebuild();
        add(value, n);  // re-probe in the clean index (the slot is free now)
        return;
      }
    }
    set(t_->slots[slot], value, h, floor + n, floor);
    t_->index[free_at] = static_cast<std::uint16_t>(slot + 1);
    if (slot >= used_) used_ = slot + 1;
  }

  void merge(const TopValues& other) {
    if (!other.t_) return;
    for (std::size_t i = 0; i < other.used_; ++i) {
      const Slot& s = other.t_->slots[i];
      if (s.count != 0) add(std::string_view(s.key, s.len), s.count);
    }
  }

  /// Every tracked value in slot order, with its count and error (for a partial aggregate).
  [[nodiscard]] std::vector<LogTopValue> slots() const {
    std::vector<LogTopValue> out;
    if (!t_) return out;
    for (std::size_t i = 0; i < used_; ++i) {
      const Slot& s = t_->slots[i];
      out.push_back({std::string(s.key, s.len), s.count, s.error});
    }
    return out;
  }

  /// Rebuild from slots() of another: the same slots in the same order, so later merges and
  /// evictions go as they would have. False (and nothing changed) when it does not fit.
  bool restore(const std::vector<LogTopValue>& slots) {
    if (slots.size() > kSlots || used_ != 0) return false;
    for (const LogTopValue& v : slots) {
      if (v.value.size() > kKeyBytes || v.error > v.count) return false;
    }
    if (slots.empty()) return true;
    t_ = std::make_unique<Tables>();
    for (const LogTopValue& v : slots) {
      set(t_->slots[used_], v.value, hash_bytes(v.value), v.count, v.error);
      ++used_;
    }
    rebuild();
    return true;
  }

  [[nodiscard]] std::vector<LogTopValue> top(std::size_t n) const {
    std::vector<LogTopValue> out;
    if (!t_) return out;
    for (std::size_t i = 0; i < used_; ++i) {
      const Slot& s = t_->slots[i];
      if (s.count != 0) out.push_back({std::string(s.key, s.len), s.count, s.error});
    }
    std::stable_sort(out.begin(), out.end(), [](const LogTopValue& a, const LogTopValue& b) {
      return a.count != b.count ? a.count > b.count : a.value < b.value;
    });
    if (out.size() > n) out.resize(n);
    return out;
  }

 private:
  static constexpr std::size_t kIndex = 1024;  // power of two, 4 x kSlots
  static constexpr std::uint16_t kEmpty = 0;
  static constexpr std::uint16_t kTomb = 0xffff;
  struct Slot {
    std::uint64_t hash = 0;
    std::uint64_t count = 0;
    std::uint64_t error = 0;
    std::uint32_t len = 0;
    char key[kKeyBytes];
  };
  struct Tables {
    std::array<Slot, kSlots> slots{};
    std::array<std::uint16_t, kIndex> index{};
  };
  static void set(Slot& s, std::string_view v, std::uint64_t h, std::uint64_t count, std::uint64_t error) {
    s.hash = h;
    s.count = count;
    s.error = error;
    s.len = static_cast<std::uint32_t>(v.size());
    std::memcpy(s.key, v.data(), v.size());
  }
  void unlink(std::size_t slot) {
    std::size_t i = static_cast<std::size_t>(t_->slots[slot].hash) & (kIndex - 1);
    for (;; i = (i + 1) & (kIndex - 1)) {
      if (t_->index[i] == slot + 1) {
        t_->index[i] = kTomb;
        ++tombs_;
        return;
      }
      if (t_->index[i] == kEmpty) return;
    }
  }
  void rebuild() {
    t_->index.fill(kEmpty);
    tombs_ = 0;
    for (std::size_t k = 0; k < used_; ++k) {
      Slot& s = t_->slots[k];
      if (s.count == 0 && s.len == 0) continue;
      std::size_t i = static_cast<std::size_t>(s.hash) & (kIndex - 1);
      while (t_->index[i] != kEmpty) i = (i + 1) & (kIndex - 1);
      t_->index[i] = static_cast<std::uint16_t>(k + 1);
    }
  }
  std::unique_ptr<Tables> t_;
  std::size_t used_ = 0;
  std::size_t tombs_ = 0;
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
