// SPDX-License-Identifier: Apache-2.0
#include "parse/logs/pending_table.h"

#include <algorithm>
#include <cstring>

#include "parse/logs/bounded.h"

namespace mtls::logs {

PendingLine PendingLine::from(const Entry& e) {
  PendingLine p{};
  const std::string_view c = e.client.substr(0, sizeof(p.client));
  std::memcpy(p.client, c.data(), c.size());
  // An absent c-ip still pairs lines from "the same (unknown) client"; '-' marks it.
  if (c.empty()) p.client[0] = '-';
  p.client_len = static_cast<std::uint8_t>(c.empty() ? 1 : c.size());
  p.time = e.time.value_or(0);
  p.file = e.file;
  p.line = e.line;
  const std::string_view t = e.text.substr(0, sizeof(p.text));
  std::memcpy(p.text, t.data(), t.size());
  p.text_len = static_cast<std::uint16_t>(t.size());
  return p;
}

PendingLine* PendingTable::find(std::string_view client) {
  if (slots_.empty()) return nullptr;
  std::size_t i = hash_bytes(client) & (kSlots - 1);
  for (std::size_t n = 0; n < kSlots; ++n, i = (i + 1) & (kSlots - 1)) {
    PendingLine& s = slots_[i];
    if (s.client_len == 0) return nullptr;
    if (s.client_view() == client) return &s;
  }
  return nullptr;
}

bool PendingTable::put(const PendingLine& p, std::int64_t now, int window) {
  if (PendingLine* existing = find(p.client_view())) {
    *existing = p;
    return true;
  }
  if (used_ >= kPendingCap) sweep(now, window);
  if (used_ >= kPendingCap) return false;
  if (slots_.empty()) slots_.resize(kSlots);
  std::size_t i = hash_bytes(p.client_view()) & (kSlots - 1);
  while (slots_[i].client_len != 0) i = (i + 1) & (kSlots - 1);
  slots_[i] = p;
  ++used_;
  return true;
}

std::vector<PendingLine> PendingTable::live(std::int64_t now, int window) const {
  std::vector<PendingLine> out;
  for (const PendingLine& s : slots_) {
    if (s.client_len != 0 && now - s.time <= window) out.push_back(s);
  }
  std::sort(out.begin(), out.end(), [](const PendingLine& a, const PendingLine& b) {
    return a.file != b.file ? a.file < b.file : a.line < b.line;
  });
  return out;
}

void PendingTable::shift_lines(std::uint64_t delta) {
  for (PendingLine& s : slots_) {
    if (s.client_len != 0) s.line += delta;
  }
}

bool PendingTable::restore(std::size_t index, const PendingLine& line) {
  if (index >= kSlots || line.client_len == 0 || used_ >= kPendingCap) return false;
  if (slots_.empty()) slots_.resize(kSlots);
  if (slots_[index].client_len != 0) return false;
  slots_[index] = line;
  ++used_;
  return true;
}

void PendingTable::sweep(std::int64_t now, int window) {
  std::vector<PendingLine> keep = live(now, window);
  std::fill(slots_.begin(), slots_.end(), PendingLine{});
  used_ = 0;
  for (const PendingLine& p : keep) put(p, now, window);
}

}  // namespace mtls::logs
