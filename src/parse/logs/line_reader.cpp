// SPDX-License-Identifier: Apache-2.0
#include "parse/logs/line_reader.h"

#include <fcntl.h>
#include <unistd.h>

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <memory>

#include "parse/logs/w3c_reader.h"

namespace mtls::logs {

LineReader::LineReader(ReadFn read, std::uint64_t start_offset)
    : read_(std::move(read)), buf_(kBufferBytes + kMaxLineBytes + 1), offset_(start_offset) {}

std::optional<LineReader::Line> LineReader::next() {
  for (;;) {
    const char* begin = buf_.data() + pos_;
    const std::size_t avail = len_ - pos_;
    if (const void* nl = std::memchr(begin, '\n', avail)) {
      const std::size_t n = static_cast<std::size_t>(static_cast<const char*>(nl) - begin);
      const std::uint64_t at = offset_;
      pos_ += n + 1;
      offset_ += n + 1;
      if (skipping_) {
        skipping_ = false;
        continue;
      }
      return Line{std::string_view(begin, n), at, n > kMaxLineBytes};
    }
    if (eof_) {
      if (avail == 0 || skipping_) return std::nullopt;
      const std::uint64_t at = offset_;
      pos_ = len_;
      offset_ += avail;
      return Line{std::string_view(begin, avail), at, avail > kMaxLineBytes};
    }
    if (avail > kMaxLineBytes && !skipping_) {
      // The line so far already exceeds the limit: report it, then drop bytes to its end.
      const std::uint64_t at = offset_;
      offset_ += avail;
      pos_ = len_ = 0;
      skipping_ = true;
      return Line{{}, at, true};
    }
    if (skipping_) {
      offset_ += avail;
      pos_ = len_ = 0;
    } else {
      std::memmove(buf_.data(), begin, avail);
      pos_ = 0;
      len_ = avail;
    }
    const long got = read_(buf_.data() + len_, buf_.size() - len_);
    if (got < 0) {
      error_ = true;
      eof_ = true;
    } else if (got == 0) {
      eof_ = true;
    } else {
      len_ += static_cast<std::size_t>(got);
    }
  }
}

ReadFn fd_reader(int fd, std::atomic<std::uint64_t>* progress) {
  return [fd, progress](char* dst, std::size_t n) -> long {
    for (;;) {
      const ssize_t got = ::read(fd, dst, n);
      if (got < 0 && errno == EINTR) continue;
      if (got > 0 && progress != nullptr) progress->fetch_add(static_cast<std::uint64_t>(got), std::memory_order_relaxed);
      return static_cast<long>(got);
    }
  };
}

ReadFn pread_reader(int fd, std::uint64_t from, std::uint64_t limit, std::atomic<std::uint64_t>* progress) {
  auto at = std::make_shared<std::uint64_t>(from);
  return [fd, at, limit, progress](char* dst, std::size_t n) -> long {
    if (*at >= limit) return 0;
    n = static_cast<std::size_t>(std::min<std::uint64_t>(n, limit - *at));
    for (;;) {
      const ssize_t got = ::pread(fd, dst, n, static_cast<off_t>(*at));
      if (got < 0 && errno == EINTR) continue;
      if (got > 0) {
        *at += static_cast<std::uint64_t>(got);
        if (progress != nullptr) progress->fetch_add(static_cast<std::uint64_t>(got), std::memory_order_relaxed);
      }
      return static_cast<long>(got);
    }
  };
}

Expected<std::string> slurp(const ReadFn& read, std::string_view prefix, std::size_t cap, std::string_view name) {
  std::string out(prefix);
  std::vector<char> buf(1 << 16);
  for (;;) {
    const long got = read(buf.data(), buf.size());
    if (got < 0) return unexpected(fmt::format("read error: {}", std::strerror(errno)), std::string(name));
    if (got == 0) break;
    if (out.size() + static_cast<std::size_t>(got) > cap) {
      return unexpected(fmt::format("larger than {} MiB; split the export", cap >> 20), std::string(name));
    }
    out.append(buf.data(), static_cast<std::size_t>(got));
  }
  return out;
}

}  // namespace mtls::logs
