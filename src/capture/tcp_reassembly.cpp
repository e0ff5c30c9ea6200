// SPDX-License-Identifier: Apache-2.0
#include "capture/tcp_reassembly.h"

#include <fmt/format.h>

namespace mtls::capture {

void TcpStream::add(std::uint32_t seq, bool syn, std::string_view payload, std::uint32_t missing,
                    std::uint64_t frame, const Sink& sink) {
  if (stopped_ || has_gap()) return;
  last_frame_ = frame;
  if (syn) {
    // The SYN consumes one sequence number (RFC 9293 §3.4); data starts after it.
    if (!started_) {
      started_ = true;
      base_ = seq + 1;
      next_ = 0;
    }
    if (payload.empty()) return;
    ++seq;  // data on a SYN (TCP Fast Open) starts after the SYN's sequence number
  }
  if (payload.empty() && missing == 0) return;
  if (!started_) {
    started_ = true;
    base_ = seq;
    next_ = 0;
  }
  // Unwrap the 32-bit sequence number around the next expected offset (RFC 9293 §3.4: modulo
  // 2^32 arithmetic); segments more than 2 GiB away are not part of this stream.
  const auto delta = static_cast<std::int32_t>(seq - (base_ + static_cast<std::uint32_t>(next_)));
  const std::int64_t start_signed = static_cast<std::int64_t>(next_) + delta;
  if (start_signed < 0 && start_signed + static_cast<std::int64_t>(payload.size()) <= 0) {
    duplicates_ += payload.size();
    return;
  }
  std::uint64_t start = start_signed < 0 ? 0 : static_cast<std::uint64_t>(start_signed);
  if (start_signed < 0) payload.remove_prefix(static_cast<std::size_t>(-start_signed));

  if (start > next_) {
    if (pending_bytes_ + payload.size() > max_pending) {
      declare_gap(frame);
      return;
    }
    auto [it, inserted] = pending_.try_emplace(start, payload);
    if (!inserted) {
      if (it->second.size() < payload.size()) {
        pending_bytes_ -= it->second.size();
        it->second.assign(payload);
      } else {
        duplicates_ += payload.size();
        return;
      }
    }
    pending_bytes_ += payload.size();
    if (missing > 0) declare_gap(frame);
    return;
  }
  // start <= next_: trim what was already delivered (retransmission or overlap).
  const std::uint64_t already = next_ - start;
  if (already >= payload.size()) {
    duplicates_ += payload.size();
    if (missing > 0 && already < payload.size() + missing) declare_gap(frame);
    return;
  }
  duplicates_ += already;
  payload.remove_prefix(static_cast<std::size_t>(already));
  next_ += payload.size();
  sink(payload, frame);
  if (missing > 0) {
    declare_gap(frame);
    return;
  }
  drain(frame, sink);
}

void TcpStream::drain(std::uint64_t frame, const Sink& sink) {
  while (!pending_.empty() && !stopped_) {
    auto it = pending_.begin();
    if (it->first > next_) break;
    std::string data = std::move(it->second);
    const std::uint64_t start = it->first;
    pending_bytes_ -= data.size();
    pending_.erase(it);
    const std::uint64_t already = next_ - start;
    if (already >= data.size()) {
      duplicates_ += data.size();
      continue;
    }
    duplicates_ += already;
    std::string_view rest(data);
    rest.remove_prefix(static_cast<std::size_t>(already));
    next_ += rest.size();
    sink(rest, frame);
  }
}

void TcpStream::declare_gap(std::uint64_t frame) {
  std::uint64_t missing = 0;
  if (!pending_.empty()) missing = pending_.begin()->first - next_;
  gap_ = missing > 0 ? fmt::format("{} bytes missing after stream byte {} (frame {})", missing, next_, frame)
                     : fmt::format("bytes missing after stream byte {} (frame {}: cut off by the capture's snap length)",
                                   next_, frame);
  pending_.clear();
  pending_bytes_ = 0;
}

void TcpStream::finish() {
  if (!has_gap() && !stopped_ && !pending_.empty()) declare_gap(last_frame_);
}

}  // namespace mtls::capture
