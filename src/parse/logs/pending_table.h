// SPDX-License-Identifier: Apache-2.0
// Late negotiation's memory: the 500s waiting for their 403.7, keyed by client in a fixed table.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "parse/logs/log_entry.h"

namespace mtls::logs {

inline constexpr std::size_t kPendingCap = 2048;  // clients with an unanswered 500 at once

/// A 500 waiting for its 403.7 (late negotiation), or a 403.7 this segment could not pair.
struct PendingLine {
  char client[48];
  std::uint8_t client_len = 0;
  bool consumed = false;      ///< already paired (kept so an older carried 500 is not paired again)
  bool prior_500 = false;     ///< (orphans) this segment had a 500 from the client before it
  std::int64_t time = 0;
  std::uint32_t file = 0;
  std::uint64_t line = 0;
  std::uint16_t text_len = 0;
  char text[200];

  [[nodiscard]] std::string_view client_view() const { return {client, client_len}; }
  [[nodiscard]] std::string_view text_view() const { return {text, text_len}; }
  static PendingLine from(const Entry& e);
};

/// Pending 500s keyed by client, open addressing, fixed capacity; expired entries are swept when
/// it fills, and if it is still full the new one is dropped and counted.
class PendingTable {
 public:
  PendingLine* find(std::string_view client);
  /// Insert or overwrite; false when full of live entries.
  bool put(const PendingLine& p, std::int64_t now, int window);
  void sweep(std::int64_t now, int window);
  void shift_lines(std::uint64_t delta);
  [[nodiscard]] std::vector<PendingLine> live(std::int64_t now, int window) const;
  [[nodiscard]] bool empty() const { return used_ == 0; }
  /// Every slot (client_len == 0: free), for a partial aggregate; restore() puts them back as they were.
  [[nodiscard]] const std::vector<PendingLine>& slots() const { return slots_; }
  /// Put `line` back in slot `index` (from slots()); false when the slot is out of range or taken.
  bool restore(std::size_t index, const PendingLine& line);

 private:
  static constexpr std::size_t kSlots = 2 * kPendingCap;
  std::vector<PendingLine> slots_;  // client_len == 0 means free
  std::size_t used_ = 0;
};

/// Whether `second` follows `first` within `window` seconds.
inline bool paired_in_window(std::int64_t first, std::int64_t second, int window) {
  return second >= first && second - first <= window;
}

}  // namespace mtls::logs
