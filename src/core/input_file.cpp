// SPDX-License-Identifier: Apache-2.0
#include "core/input_file.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace mtls {
namespace {

/// Closes the descriptor on every path out.
struct Fd {
  int fd = -1;
  ~Fd() {
    if (fd >= 0) ::close(fd);
  }
};

std::string size_text(std::uintmax_t bytes) {
  if (bytes >= (1u << 20) && bytes % (1u << 20) == 0) return fmt::format("{} MiB", bytes >> 20);
  return fmt::format("{} bytes", bytes);
}

/// What a file that is not a regular one is, for "cannot read (a FIFO, not a regular file)".
std::string_view file_type(mode_t mode) {
  if (S_ISFIFO(mode)) return "a FIFO";
  if (S_ISCHR(mode)) return "a character device";
  if (S_ISBLK(mode)) return "a block device";
  if (S_ISSOCK(mode)) return "a socket";
  return "not a plain file";
}

/// Opens `path` for reading without blocking (O_NONBLOCK: a FIFO with no writer would block a
/// plain open forever) and checks it is a regular file; returns the size.
Expected<std::uintmax_t> open_input(const std::string& path, std::string_view shown, bool empty_ok,
                                    Fd& fd) {
  if (shown.empty()) shown = path;
  fd.fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
  if (fd.fd < 0) return unexpected(file_error(shown, "cannot read", std::strerror(errno)));
  struct stat st {};
  if (::fstat(fd.fd, &st) != 0) return unexpected(file_error(shown, "cannot read", std::strerror(errno)));
  if (S_ISDIR(st.st_mode)) return unexpected(file_error(shown, "cannot read", std::strerror(EISDIR)));
  if (!S_ISREG(st.st_mode)) {
    return unexpected(file_error(shown, "cannot read", fmt::format("{}, not a regular file", file_type(st.st_mode))));
  }
  // A regular file never blocks; reads below are plain blocking reads.
  ::fcntl(fd.fd, F_SETFL, ::fcntl(fd.fd, F_GETFL) & ~O_NONBLOCK);
  const auto size = static_cast<std::uintmax_t>(st.st_size);
  if (size == 0 && !empty_ok) return unexpected(file_error(shown, "empty", "0 bytes"));
  return size;
}

/// Up to `bytes` bytes from the descriptor; an error names the file.
Expected<std::string> read_up_to(int fd, std::size_t bytes, std::string_view shown) {
  std::string out;
  char buffer[1 << 16];
  while (out.size() < bytes) {
    const std::size_t want = std::min(sizeof buffer, bytes - out.size());
    const ssize_t n = ::read(fd, buffer, want);
    if (n < 0) {
      if (errno == EINTR) continue;
      return unexpected(file_error(shown, "cannot read", std::strerror(errno)));
    }
    if (n == 0) break;
    out.append(buffer, static_cast<std::size_t>(n));
  }
  return out;
}

}  // namespace

Error file_error(std::string_view file, std::string_view what, std::string_view why, std::uint64_t line) {
  Error e;
  e.message = why.empty() ? std::string(what) : fmt::format("{} ({})", what, why);
  e.where = line > 0 ? fmt::format("{}:{}", file, line) : std::string(file);
  return e;
}

Expected<std::uintmax_t> check_input_file(const std::string& path, std::string_view shown, bool empty_ok) {
  Fd fd;
  return open_input(path, shown, empty_ok, fd);
}

Expected<std::string> read_input_file(const std::string& path, std::uintmax_t limit, std::string_view shown,
                                      bool empty_ok) {
  if (shown.empty()) shown = path;
  Fd fd;
  auto size = open_input(path, shown, empty_ok, fd);
  if (!size) return unexpected(size.error());
  const auto too_large = [&] {
    return unexpected(file_error(shown, "too large", fmt::format("more than {}, the most this input may hold", size_text(limit))));
  };
  if (*size > limit) return too_large();
  // The size is the kernel's word at open; the bytes read are the truth (a file still growing).
  auto bytes = read_up_to(fd.fd, static_cast<std::size_t>(limit) + 1, shown);
  if (!bytes) return bytes;
  if (bytes->size() > limit) return too_large();
  if (bytes->empty() && !empty_ok) return unexpected(file_error(shown, "empty", "0 bytes"));
  return bytes;
}

Expected<std::string> read_input_head(const std::string& path, std::size_t bytes, std::string_view shown) {
  if (shown.empty()) shown = path;
  Fd fd;
  if (auto size = open_input(path, shown, true, fd); !size) return unexpected(size.error());
  return read_up_to(fd.fd, bytes, shown);
}

}  // namespace mtls
