// SPDX-License-Identifier: Apache-2.0
// One direction of a TCP connection put back in order: out-of-order segments wait (bounded),
// retransmissions and overlaps are trimmed (the first copy of a byte wins), and a gap that cannot
// be filled ends the stream with a note rather than a wrong answer.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <string_view>

namespace mtls::capture {

class TcpStream {
 public:
  /// Receives in-order bytes with the frame that completed them.
  using Sink = std::function<void(std::string_view bytes, std::uint64_t frame)>;

  /// Bytes held out of order before the stream is declared to have a gap.
  static constexpr std::size_t max_pending = 1u << 20;

  /// A segment of this direction. `syn` fixes the initial sequence number; without one the first
  /// data segment seen starts the stream. `missing` bytes after the payload were cut off by the
  /// capture's snap length.
  void add(std::uint32_t seq, bool syn, std::string_view payload, std::uint32_t missing,
           std::uint64_t frame, const Sink& sink);

  /// End of the capture or of the connection: anything still pending means bytes never seen.
  void finish();

  [[nodiscard]] bool has_gap() const { return !gap_.empty(); }
  /// "12 bytes missing after stream byte 517 (frame 9)"
  [[nodiscard]] const std::string& gap() const { return gap_; }
  [[nodiscard]] std::uint64_t delivered() const { return next_; }
  /// Retransmitted or overlapping bytes dropped, and how many of them disagreed with what was
  /// delivered first (a sign of tampering or a broken capture).
  [[nodiscard]] std::uint64_t duplicate_bytes() const { return duplicates_; }
  /// Stop delivering (the consumer has what it needs); later segments are ignored cheaply.
  void stop() { stopped_ = true; pending_.clear(); }
  [[nodiscard]] bool stopped() const { return stopped_; }

 private:
  void declare_gap(std::uint64_t frame);
  void drain(std::uint64_t frame, const Sink& sink);

  bool started_ = false;
  bool stopped_ = false;
  std::uint32_t base_ = 0;   ///< sequence number of stream byte 0
  std::uint64_t next_ = 0;   ///< next stream offset expected
  std::map<std::uint64_t, std::string> pending_;  ///< by stream offset
  std::size_t pending_bytes_ = 0;
  std::uint64_t duplicates_ = 0;
  std::uint64_t last_frame_ = 0;
  std::string gap_;
};

}  // namespace mtls::capture
