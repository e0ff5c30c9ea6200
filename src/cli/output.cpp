// SPDX-License-Identifier: Apache-2.0
#include "cli/output.h"

#include <fcntl.h>
#include <sys/ioctl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <optional>
#include <vector>

#include "core/input_file.h"
#include "core/version.h"

namespace mtls::cli {
namespace {

bool json_errors = false;
/// The words of the command line: a place that is one of them (or lies in a folder one names)
/// is a file the user gave, so the JSON error object can say `file` for it.
std::vector<std::string> command_words;

/// Whether `where` is a file the user named, or one inside a folder or archive they named
/// ("bundle.zip/logs/u_ex.log"); "frame 12" or "x.pcap frame 12" is not.
bool named_file(std::string_view where) {
  if (where.empty()) return false;
  const auto names = [where](std::string_view path) {
    while (path.size() > 1 && path.back() == '/') path.remove_suffix(1);
    if (path.empty() || path == "-" || path.find("://") != std::string_view::npos) return false;  // a URL is no file
    return where == path || (where.size() > path.size() && where.starts_with(path) && where[path.size()] == '/');
  };
  for (std::string_view word : command_words) {
    if (names(word)) return true;
    // --output=FILE, --web-config VPATH=FILE
    if (const auto eq = word.find('='); eq != std::string_view::npos && names(word.substr(eq + 1))) return true;
  }
  return false;
}

struct Place {
  std::string file;
  std::optional<long> line;
};

/// "FILE:LINE" (a Windows path's drive colon is part of FILE): the file and the line.
std::optional<Place> file_and_line(std::string_view where) {
  const std::size_t colon = where.rfind(':');
  if (colon == std::string_view::npos || colon == 0 || colon + 1 == where.size())
    return std::nullopt;
  long line = 0;
  for (char c : where.substr(colon + 1)) {
    if (c < '0' || c > '9' || line > 100'000'000) return std::nullopt;
    line = line * 10 + (c - '0');
  }
  return Place{std::string(where.substr(0, colon)), line};
}

void print_json_error(std::string_view message, const std::optional<Place>& place,
                      std::string_view where) {
  std::string out = fmt::format(R"({{"tool":"mtls-doctor","version":{},"error":{{"message":{})",
                                json_string(version()), json_string(message));
  out += fmt::format(R"(,"file":{})", place ? json_string(place->file) : "null");
  out += fmt::format(R"(,"line":{})", place && place->line ? std::to_string(*place->line) : "null");
  if (!where.empty()) out += fmt::format(R"(,"where":{})", json_string(where));
  out += "}}\n";
  std::fwrite(out.data(), 1, out.size(), stdout);
  std::fflush(stdout);
}

/// The one line on standard error: "mtls-doctor: " and the error, control characters (a newline
/// or a terminal escape read from a binary file) shown as \xNN so that it stays one line.
void print_error_line(std::string_view text) {
  std::string line = "mtls-doctor: ";
  for (char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7f) {
      line += fmt::format("\\x{:02x}", u);
    } else {
      line += c;
    }
  }
  line += '\n';
  std::fwrite(line.data(), 1, line.size(), stderr);
  std::fflush(stderr);
}

}  // namespace

namespace {

/// Length of the well-formed UTF-8 sequence at the start of `s` (RFC 3629 section 4), or 0.
std::size_t utf8_sequence(std::string_view s) {
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(s[i]); };
  const unsigned char lead = byte(0);
  std::size_t n = 0;
  unsigned char low = 0x80;
  unsigned char high = 0xBF;
  if (lead >= 0xC2 && lead <= 0xDF) {
    n = 2;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    n = 3;
    if (lead == 0xE0) low = 0xA0;   // overlong
    if (lead == 0xED) high = 0x9F;  // surrogates
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    n = 4;
    if (lead == 0xF0) low = 0x90;   // overlong
    if (lead == 0xF4) high = 0x8F;  // above U+10FFFF
  }
  if (n == 0 || s.size() < n) return 0;
  if (byte(1) < low || byte(1) > high) return 0;
  for (std::size_t i = 2; i < n; ++i) {
    if (byte(i) < 0x80 || byte(i) > 0xBF) return 0;
  }
  return n;
}

}  // namespace

std::string json_string(std::string_view text) {
  std::string out = "\"";
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    const auto u = static_cast<unsigned char>(c);
    if (u >= 0x80) {
      // Bytes that are not UTF-8 (a Latin-1 file name) become U+FFFD: JSON text is UTF-8.
      const std::size_t n = utf8_sequence(text.substr(i));
      out += n ? std::string(text.substr(i, n)) : std::string("\xEF\xBF\xBD");
      if (n) i += n - 1;
      continue;
    }
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (u < 0x20) {
          out += fmt::format("\\u{:04x}", u);
        } else {
          out += c;
        }
    }
  }
  out += '"';
  return out;
}

void set_json_errors(bool json) { json_errors = json; }

void set_command_line(int argc, const char* const* argv) {
  command_words.clear();
  for (int i = 1; i < argc; ++i) command_words.emplace_back(argv[i]);
}

void resolve_format(GlobalOptions& options, bool format_given) {
  if (options.output == "-") options.output.clear();
  for (char& c : options.format) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  if (format_given || options.output.empty()) return;
  std::string extension = std::filesystem::path(options.output).extension().string();
  for (char& c : extension) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  struct ByExtension {
    std::string_view extension, format;
  };
  static constexpr ByExtension table[] = {
      {".json", "json"}, {".md", "markdown"}, {".markdown", "markdown"}, {".html", "html"},
      {".htm", "html"},  {".sarif", "sarif"}, {".txt", "text"},
  };
  for (const ByExtension& e : table) {
    if (e.extension == extension) options.format = std::string(e.format);
  }
}

Expected<Done> write_file_atomically(const std::string& path, std::string_view contents) {
  namespace fs = std::filesystem;
  const fs::path target(path);
  const fs::path folder = target.has_parent_path() ? target.parent_path() : fs::path(".");
  std::string temp = (folder / fmt::format(".{}.XXXXXX", target.filename().string())).string();
  const int fd = ::mkstemp(temp.data());
  if (fd < 0) return unexpected(file_error(path, "cannot write", std::strerror(errno)));
  std::size_t written = 0;
  while (written < contents.size()) {
    const ssize_t n = ::write(fd, contents.data() + written, contents.size() - written);
    if (n < 0) {
      if (errno == EINTR) continue;
      const int saved = errno;
      ::close(fd);
      ::unlink(temp.c_str());
      return unexpected(file_error(path, "cannot write", std::strerror(saved)));
    }
    written += static_cast<std::size_t>(n);
  }
  // Reports are read by people and scripts, not secrets: make them readable like any new file.
  ::fchmod(fd, 0644);
  const bool synced = ::fsync(fd) == 0;
  const int sync_errno = errno;
  if (::close(fd) != 0 || !synced) {
    const int saved = synced ? errno : sync_errno;
    ::unlink(temp.c_str());
    return unexpected(file_error(path, "cannot write", std::strerror(saved)));
  }
  if (std::rename(temp.c_str(), path.c_str()) != 0) {
    const int saved = errno;
    ::unlink(temp.c_str());
    return unexpected(file_error(path, "cannot write", std::strerror(saved)));
  }
  return Done{};
}

bool use_color(const GlobalOptions& options) {
  if (options.no_color || !options.output.empty()) return false;
  if (const char* no_color = std::getenv("NO_COLOR"); no_color && *no_color) return false;
  if (const char* term = std::getenv("TERM"); term && std::strcmp(term, "dumb") == 0) return false;
  return ::isatty(STDOUT_FILENO) == 1;
}

std::size_t output_width() {
  constexpr std::size_t kPiped = 100, kMin = 40, kMax = 200;
  std::size_t width = 0;
  if (const char* columns = std::getenv("COLUMNS"); columns && *columns) {
    char* end = nullptr;
    const unsigned long n = std::strtoul(columns, &end, 10);
    if (end && *end == '\0') width = n;
  }
  if (width == 0 && ::isatty(STDOUT_FILENO) == 1) {
    winsize size{};
    if (::ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) == 0) width = size.ws_col;
  }
  if (width == 0) return kPiped;
  return std::clamp(width, kMin, kMax);
}

RenderOptions render_options(const GlobalOptions& options) {
  return {.color = use_color(options), .verbosity = options.verbosity, .width = output_width()};
}

Expected<Format> output_format(const GlobalOptions& options) {
  if (auto f = parse_format(options.format)) return *f;
  return unexpected(
      fmt::format("unknown --format '{}' (text, json, markdown, html or sarif)", options.format));
}

int fail(std::string_view message) {
  print_error_line(message);
  if (json_errors) {
    // "FILE:LINE: message", as Error::to_string() writes a file place: the first ": " that ends a
    // "FILE:LINE" prefix.
    for (std::size_t at = message.find(": "); at != std::string_view::npos;
         at = message.find(": ", at + 1)) {
      if (auto place = file_and_line(message.substr(0, at))) {
        print_json_error(message.substr(at + 2), place, {});
        return 2;
      }
    }
    print_json_error(message, std::nullopt, {});
  }
  return 2;
}

int fail(const Error& error) {
  print_error_line(error.to_string());
  if (json_errors) {
    auto place = file_and_line(error.where);
    std::string_view where = place ? std::string_view{} : std::string_view(error.where);
    if (!place && named_file(error.where)) {
      place = Place{error.where, std::nullopt};
      where = {};
    }
    print_json_error(error.message, place, where);
  }
  return 2;
}

int emit(const GlobalOptions& options, std::string_view text) {
  if (options.output.empty()) {
    std::fwrite(text.data(), 1, text.size(), stdout);
    std::fflush(stdout);
    return 0;
  }
  if (auto done = write_file_atomically(options.output, text); !done) return fail(done.error());
  return 0;
}

int emit_report(const GlobalOptions& options, const Report& report) {
  auto format = output_format(options);
  if (!format) return fail(format.error());
  if (int rc = emit(options, render_report(report, *format, render_options(options))); rc != 0) return rc;
  return static_cast<int>(exit_status_for(report));
}

}  // namespace mtls::cli
