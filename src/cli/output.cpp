// SPDX-License-Identifier: Apache-2.0
#include "cli/output.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <fmt/format.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>

namespace mtls::cli {

Expected<Done> write_file_atomically(const std::string& path, std::string_view contents) {
  namespace fs = std::filesystem;
  const fs::path target(path);
  const fs::path folder = target.has_parent_path() ? target.parent_path() : fs::path(".");
  std::string temp = (folder / fmt::format(".{}.XXXXXX", target.filename().string())).string();
  const int fd = ::mkstemp(temp.data());
  if (fd < 0) return unexpected(fmt::format("cannot write '{}': {}", path, std::strerror(errno)));
  std::size_t written = 0;
  while (written < contents.size()) {
    const ssize_t n = ::write(fd, contents.data() + written, contents.size() - written);
    if (n < 0) {
      if (errno == EINTR) continue;
      const int saved = errno;
      ::close(fd);
      ::unlink(temp.c_str());
      return unexpected(fmt::format("cannot write '{}': {}", path, std::strerror(saved)));
    }
    written += static_cast<std::size_t>(n);
  }
  // Reports are read by people and scripts, not secrets: make them readable like any new file.
  ::fchmod(fd, 0644);
  if (::fsync(fd) != 0 || ::close(fd) != 0) {
    ::unlink(temp.c_str());
    return unexpected(fmt::format("cannot write '{}': {}", path, std::strerror(errno)));
  }
  if (std::rename(temp.c_str(), path.c_str()) != 0) {
    const int saved = errno;
    ::unlink(temp.c_str());
    return unexpected(fmt::format("cannot write '{}': {}", path, std::strerror(saved)));
  }
  return Done{};
}

bool use_color(const GlobalOptions& options) {
  if (options.no_color || !options.output.empty()) return false;
  if (const char* no_color = std::getenv("NO_COLOR"); no_color && *no_color) return false;
  if (const char* term = std::getenv("TERM"); term && std::strcmp(term, "dumb") == 0) return false;
  return ::isatty(STDOUT_FILENO) == 1;
}

Expected<Format> output_format(const GlobalOptions& options) {
  if (auto f = parse_format(options.format)) return *f;
  return unexpected(fmt::format("unknown --format '{}' (text, json, markdown, html or sarif)", options.format));
}

int fail(std::string_view message) {
  fmt::print(stderr, "mtls-doctor: error: {}\n", message);
  return 2;
}

int emit(const GlobalOptions& options, std::string_view text) {
  if (options.output.empty()) {
    std::fwrite(text.data(), 1, text.size(), stdout);
    std::fflush(stdout);
    return 0;
  }
  if (auto done = write_file_atomically(options.output, text); !done) return fail(done.error().to_string());
  return 0;
}

int emit_report(const GlobalOptions& options, const Report& report) {
  auto format = output_format(options);
  if (!format) return fail(format.error().to_string());
  const RenderOptions render_options{.color = use_color(options), .verbosity = options.verbosity};
  if (int rc = emit(options, render_report(report, *format, render_options)); rc != 0) return rc;
  return static_cast<int>(exit_status_for(report));
}

}  // namespace mtls::cli
