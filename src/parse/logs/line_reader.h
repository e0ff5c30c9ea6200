// SPDX-License-Identifier: Apache-2.0
// Bytes in, lines out: the fixed-buffer line reader every line format goes through (no mmap:
// mapped pages would count in RSS), and the byte sources it reads (a file descriptor, a byte
// range of a file, the whole of a small input).
#pragma once

#include <unistd.h>

#include <atomic>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/expected.h"

namespace mtls::logs {

inline constexpr std::size_t kBufferBytes = 1 << 20;

using ReadFn = std::function<long(char*, std::size_t)>;  // bytes read, 0 at end, < 0 on error

/// Lines from a byte source through one fixed buffer. Lines longer than kMaxLineBytes are
/// reported as overlong and skipped to their end.
class LineReader {
 public:
  explicit LineReader(ReadFn read, std::uint64_t start_offset = 0);

  struct Line {
    std::string_view text;
    std::uint64_t offset;
    bool overlong;
  };

  /// The next line, or nullopt at the end (or on a read error: see error()).
  std::optional<Line> next();

  [[nodiscard]] bool error() const { return error_; }

 private:
  ReadFn read_;
  std::vector<char> buf_;
  std::size_t pos_ = 0;
  std::size_t len_ = 0;
  std::uint64_t offset_;
  bool eof_ = false;
  bool skipping_ = false;
  bool error_ = false;
};

/// A file descriptor closed when it goes out of scope.
struct Fd {
  int fd = -1;
  ~Fd() {
    if (fd >= 0) ::close(fd);
  }
};

/// read(2) from `fd`, adding what was read to `progress` (when not null).
ReadFn fd_reader(int fd, std::atomic<std::uint64_t>* progress);
/// pread(2) from `fd`, from byte `from` up to byte `limit`.
ReadFn pread_reader(int fd, std::uint64_t from, std::uint64_t limit, std::atomic<std::uint64_t>* progress);
/// Read up to `cap` bytes from a source into a string, after `prefix`; error if there is more.
Expected<std::string> slurp(const ReadFn& read, std::string_view prefix, std::size_t cap, std::string_view name);

}  // namespace mtls::logs
