// SPDX-License-Identifier: Apache-2.0
// The I/O around the pure readers: paths to inputs, kind detection, buffered line reading with a
// fixed buffer (no mmap: mapped pages would count in RSS), gzip through zlib, and -j N threads.
//
// Splitting a large W3C file: piece k (k > 0) starts at the first line beginning at or after its
// byte offset. The #Fields in effect there is not known until the pieces before it are read, so
// each piece assumes the file's first #Fields directive and counts the lines before its own first
// directive into a separate "prefix" accumulator. When the pieces are merged in order, a piece whose
// assumption was wrong (the fields changed in an earlier piece) has its prefix read again with the
// right directive, on the merging thread. Line numbers are counted per piece and shifted when
// merged. Results are merged in input order; workers stay at most 2 × jobs tasks ahead, so memory
// stays bounded by the number of threads, not the number of files.
#include "parse/logs/logs.h"

#include <fcntl.h>
#include <unistd.h>
#include <zlib.h>

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <functional>
#include <mutex>
#include <optional>
#include <thread>

#include "core/input_file.h"
#include "core/sniff.h"
#include "parse/logs/evtx_reader.h"
#include "parse/logs/w3c_reader.h"
#include "parse/logs/web_server_reader.h"
#include "parse/logs/xml_readers.h"

namespace mtls::logs {
namespace fs = std::filesystem;

std::string_view to_string(LogKind kind) {
  switch (kind) {
    case LogKind::w3c: return "W3C/HTTPERR log";
    case LogKind::freb: return "Failed Request Tracing XML";
    case LogKind::event_xml: return "event log XML";
    case LogKind::evtx: return "event log (.evtx)";
    case LogKind::gzip: return "gzip";
    case LogKind::iis_native: return "IIS native log";
    case LogKind::nginx_error: return "nginx error log";
    case LogKind::apache_error: return "Apache error log";
    case LogKind::access: return "nginx/Apache access log";
    case LogKind::utf16: return "UTF-16 text";
    case LogKind::unknown: return "unknown";
  }
  return "unknown";
}

LogKind detect_kind(std::string_view head) {
  // UTF-16 text is recognised (sniff reads through it) but not read by the line readers.
  if (head.size() >= 2 && ((head[0] == '\xff' && head[1] == '\xfe') || (head[0] == '\xfe' && head[1] == '\xff'))) {
    return LogKind::utf16;
  }
  switch (sniff(head)) {
    case InputKind::w3c_log:
    case InputKind::httperr_log: return LogKind::w3c;
    case InputKind::freb: return LogKind::freb;
    case InputKind::event_xml: return LogKind::event_xml;
    case InputKind::evtx: return LogKind::evtx;
    case InputKind::gzip: return LogKind::gzip;
    case InputKind::iis_native_log: return LogKind::iis_native;
    case InputKind::nginx_error_log: return LogKind::nginx_error;
    case InputKind::apache_error_log: return LogKind::apache_error;
    case InputKind::access_log: return LogKind::access;
    default: return LogKind::unknown;
  }
}

namespace {

constexpr std::size_t kBufferBytes = 1 << 20;
constexpr std::string_view kNativeMessage =
    "IIS native (comma-separated) log format: it has no sc-substatus field, so 403.7 cannot be told "
    "from other 403s; not read. Switch the site's log format to W3C (IIS Manager > Logging).";

using ReadFn = std::function<long(char*, std::size_t)>;  // bytes read, 0 at end, < 0 on error

/// Lines from a byte source through one fixed buffer. Lines longer than kMaxLineBytes are
/// reported as overlong and skipped to their end.
class LineReader {
 public:
  explicit LineReader(ReadFn read, std::uint64_t start_offset = 0)
      : read_(std::move(read)), buf_(kBufferBytes + kMaxLineBytes + 1), offset_(start_offset) {}

  struct Line {
    std::string_view text;
    std::uint64_t offset;
    bool overlong;
  };

  /// The next line, or nullopt at the end (or on a read error: see error()).
  std::optional<Line> next() {
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

std::optional<std::uint32_t> site_from_path(std::string_view path) {
  const auto at = path.rfind("W3SVC");
  if (at == std::string_view::npos) return std::nullopt;
  std::string_view rest = path.substr(at + 5);
  std::size_t n = 0;
  while (n < rest.size() && n < 10 && rest[n] >= '0' && rest[n] <= '9') ++n;
  return parse_u32(rest.substr(0, n));
}

bool is_fields_directive(std::string_view line) { return line.starts_with("#Fields:"); }

std::string_view trim_cr(std::string_view s) {
  while (!s.empty() && (s.back() == '\r' || s.back() == ' ')) s.remove_suffix(1);
  return s;
}

/// A unit of work: a whole input, or one piece of a large plain W3C file.
struct Task {
  std::uint32_t file = 0;
  std::string path;   ///< "-" for standard input
  std::string name;   ///< as shown in the report
  LogKind kind = LogKind::unknown;
  bool piece = false;
  std::uint64_t begin = 0;
  std::uint64_t end = 0;
  std::string assumed_fields;  ///< pieces after the first: the file's first #Fields directive
  std::uint64_t size = 0;
};

struct TaskResult {
  Accumulator prefix;
  Accumulator main;
  bool switched = false;           ///< the piece had its own #Fields (main holds what followed)
  std::uint64_t start_offset = 0;  ///< first line owned by the piece
  std::uint64_t prefix_end = 0;    ///< offset of the piece's first #Fields line, or of its end
  std::string last_fields;         ///< the piece's last #Fields directive
  std::optional<Error> error;
  explicit TaskResult(const Filters& f) : prefix(f), main(f) {}
};

struct Fd {
  int fd = -1;
  ~Fd() {
    if (fd >= 0) ::close(fd);
  }
};

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

/// Read up to `cap` bytes from a source into a string; error if there is more.
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

/// Lines of a W3C source into `result` (whole input: everything into `main`).
void read_w3c_lines(LineReader& lines, const Task& task, TaskResult& result, std::uint64_t piece_end) {
  W3cReader reader(result.main, task.file, site_from_path(task.path));
  bool in_prefix = task.piece;
  if (task.piece) {
    reader.set_accumulator(result.prefix);
    if (!task.assumed_fields.empty()) reader.assume_fields(task.assumed_fields);
  }
  std::uint64_t number = 0;
  bool first = true;
  while (auto line = lines.next()) {
    if (task.piece && first) {
      first = false;
      result.start_offset = line->offset;
      result.prefix_end = line->offset;
    }
    if (task.piece && line->offset >= piece_end) break;
    ++number;
    if (line->overlong) {
      reader.overlong_line(number);
      continue;
    }
    if (is_fields_directive(line->text)) {
      if (in_prefix) {
        in_prefix = false;
        result.switched = true;
        result.prefix_end = line->offset;
        reader.set_accumulator(result.main);
      }
      result.last_fields.assign(trim_cr(line->text));
    }
    reader.line(line->text, number);
    if (in_prefix) result.prefix_end = line->offset + line->text.size() + 1;
  }
  if (lines.error()) result.error = Error{fmt::format("read error: {}", std::strerror(errno)), task.name};
}

/// Lines of an nginx or Apache log (always read whole: never split over threads).
void read_web_lines(LineReader& lines, const Task& task, TaskResult& result, WebLogFormat format) {
  WebServerReader reader(result.main, task.file, format);
  std::uint64_t number = 0;
  while (auto line = lines.next()) {
    ++number;
    if (line->overlong) {
      reader.overlong_line(number);
    } else {
      reader.line(line->text, number);
    }
  }
  if (lines.error()) result.error = Error{fmt::format("read error: {}", std::strerror(errno)), task.name};
}

/// A whole input from a byte source whose first bytes are `head` (already read).
void read_stream(const Task& task, std::string head, const ReadFn& rest, TaskResult& result,
                 const std::vector<std::string>& names, int depth = 0);

void read_gzip(const Task& task, gzFile gz, TaskResult& result, const std::vector<std::string>& names, int depth) {
  ReadFn read = [gz](char* dst, std::size_t n) -> long {
    const int got = gzread(gz, dst, static_cast<unsigned>(std::min<std::size_t>(n, 1u << 30)));
    return got;
  };
  std::string head(4096, '\0');
  const long got = read(head.data(), head.size());
  if (got < 0) {
    int errnum = 0;
    result.error = Error{fmt::format("not a readable gzip file ({})", gzerror(gz, &errnum)), task.name};
    return;
  }
  head.resize(static_cast<std::size_t>(got));
  read_stream(task, std::move(head), read, result, names, depth + 1);
  int errnum = 0;
  const char* message = gzerror(gz, &errnum);
  if (errnum != Z_OK && errnum != Z_STREAM_END) {
    result.main.add_problem(task.name, fmt::format("gzip data ends early or is damaged ({}); read what came before", message));
  }
}

void read_stream(const Task& task, std::string head, const ReadFn& rest, TaskResult& result,
                 const std::vector<std::string>& names, int depth) {
  const LogKind kind = detect_kind(head);
  Accumulator& acc = result.main;
  switch (kind) {
    case LogKind::w3c:
    case LogKind::nginx_error:
    case LogKind::apache_error:
    case LogKind::access: {
      auto served = std::make_shared<bool>(false);
      auto held = std::make_shared<std::string>(std::move(head));
      LineReader lines([served, held, &rest](char* dst, std::size_t n) -> long {
        if (!*served) {
          *served = true;
          const std::size_t k = std::min(n, held->size());
          std::memcpy(dst, held->data(), k);
          held->erase(0, k);
          if (!held->empty()) *served = false;
          return static_cast<long>(k);
        }
        return rest(dst, n);
      });
      Task whole = task;
      whole.piece = false;
      if (kind == LogKind::w3c) {
        read_w3c_lines(lines, whole, result, 0);
      } else {
        read_web_lines(lines, whole, result,
                       kind == LogKind::nginx_error    ? WebLogFormat::nginx_error
                       : kind == LogKind::apache_error ? WebLogFormat::apache_error
                                                       : WebLogFormat::access);
      }
      return;
    }
    case LogKind::freb:
    case LogKind::event_xml: {
      auto text = slurp(rest, head, kMaxXmlBytes, task.name);
      if (!text) {
        result.error = text.error();
        return;
      }
      auto r = kind == LogKind::freb ? read_freb(*text, task.file, task.name, acc)
                                     : read_event_xml(*text, task.file, task.name, acc);
      if (kind == LogKind::event_xml) acc.lines += static_cast<std::uint64_t>(std::count(text->begin(), text->end(), '\n')) + 1;
      if (!r) result.error = r.error();
      return;
    }
    case LogKind::gzip:
      if (depth == 0 && task.path != "-") {
        gzFile gz = gzopen(task.path.c_str(), "rb");
        if (gz == nullptr) {
          result.error = Error{"cannot open gzip file", task.name};
          return;
        }
        gzbuffer(gz, 1 << 18);
        read_gzip(task, gz, result, names, depth);
        gzclose(gz);
        return;
      }
      result.error = Error{"gzip inside gzip or on standard input is not read; decompress it first", task.name};
      return;
    case LogKind::evtx:
      result.error = Error{".evtx must be a plain file (not compressed, not standard input)", task.name};
      return;
    case LogKind::iis_native:
      acc.add_problem(task.name, std::string(kNativeMessage));
      return;
    case LogKind::utf16:
      acc.add_problem(task.name, "UTF-16 text is not read; save it as UTF-8 (wevtutil writes UTF-8 XML)");
      return;
    case LogKind::unknown:
      acc.add_problem(task.name, "not a W3C, HTTPERR, FREB, event, nginx or Apache log; skipped");
      return;
  }
}

TaskResult run_task(const Task& task, const Filters& filters, const std::vector<std::string>& names,
                    std::atomic<std::uint64_t>& progress) {
  TaskResult result(filters);
  if (task.kind == LogKind::evtx) {
    auto r = read_evtx(task.path, task.file, task.name, result.main);
    progress.fetch_add(task.size, std::memory_order_relaxed);
    if (!r) result.error = r.error();
    return result;
  }
  if (task.kind == LogKind::gzip) {
    read_stream(task, "\x1f\x8b", nullptr, result, names, 0);
    progress.fetch_add(task.size, std::memory_order_relaxed);
    return result;
  }
  Fd fd;
  if (task.path == "-") {
    fd.fd = -1;
    ReadFn in = fd_reader(STDIN_FILENO, &progress);
    std::string head(4096, '\0');
    const long got = in(head.data(), head.size());
    head.resize(got > 0 ? static_cast<std::size_t>(got) : 0);
    if (head.size() >= 2 && static_cast<unsigned char>(head[0]) == 0x1f && static_cast<unsigned char>(head[1]) == 0x8b) {
      result.error = Error{"gzip on standard input is not read; use zcat FILE | mtls-doctor logs -", task.name};
      return result;
    }
    read_stream(task, std::move(head), in, result, names, 0);
    return result;
  }
  fd.fd = ::open(task.path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd.fd < 0) {
    result.error = file_error(task.name, "cannot read", std::strerror(errno));
    return result;
  }
  if (task.piece) {
    std::uint64_t from = task.begin;
    bool skip_partial = false;
    if (from > 0) {
      char c = 0;
      if (::pread(fd.fd, &c, 1, static_cast<off_t>(from - 1)) == 1 && c != '\n') skip_partial = true;
    }
    LineReader lines(pread_reader(fd.fd, from, task.size, &progress), from);
    if (skip_partial) {
      // The line straddling our start belongs to the previous piece.
      if (!lines.next()) return result;
    }
    read_w3c_lines(lines, task, result, task.end);
    return result;
  }
  ReadFn in = fd_reader(fd.fd, &progress);
  std::string head(4096, '\0');
  const long got = in(head.data(), head.size());
  head.resize(got > 0 ? static_cast<std::size_t>(got) : 0);
  read_stream(task, std::move(head), in, result, names, 0);
  return result;
}

/// Re-read the prefix of a piece with the #Fields that was really in effect.
Accumulator reread_prefix(const Task& task, const TaskResult& result, const std::string& fields, const Filters& filters) {
  Accumulator acc(filters);
  Fd fd;
  fd.fd = ::open(task.path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd.fd < 0) {
    acc.add_problem(task.name, "file vanished while being read");
    return acc;
  }
  W3cReader reader(acc, task.file, site_from_path(task.path));
  if (!fields.empty()) reader.assume_fields(fields);
  LineReader lines(pread_reader(fd.fd, result.start_offset, result.prefix_end, nullptr), result.start_offset);
  std::uint64_t number = 0;
  while (auto line = lines.next()) {
    ++number;
    if (line->overlong) {
      reader.overlong_line(number);
    } else {
      reader.line(line->text, number);
    }
  }
  return acc;
}

/// Expand folders; keep the order given (folders sorted) so reports are reproducible.
Expected<Done> expand(const std::string& path, std::vector<std::string>& out) {
  if (path == "-") {
    out.push_back(path);
    return Done{};
  }
  std::error_code ec;
  const auto status = fs::status(path, ec);
  if (ec || !fs::exists(status)) {
    return unexpected(file_error(path, "cannot read", ec ? ec.message() : std::strerror(ENOENT)));
  }
  if (!fs::is_directory(status)) {
    out.push_back(path);
    return Done{};
  }
  std::vector<std::string> found;
  for (fs::recursive_directory_iterator it(path, fs::directory_options::skip_permission_denied, ec), end;
       !ec && it != end; it.increment(ec)) {
    if (!it->is_regular_file(ec)) continue;
    std::string ext = it->path().extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (ext == ".log" || ext == ".xml" || ext == ".evtx" || ext == ".gz" || ext == ".txt") {
      found.push_back(it->path().string());
    }
  }
  if (ec) return unexpected(file_error(path, "cannot read", ec.message()));
  std::sort(found.begin(), found.end());
  out.insert(out.end(), found.begin(), found.end());
  return Done{};
}

/// Print "logs: 412 MiB of 1.0 GiB" on stderr every quarter second once a second has passed.
class ProgressPrinter {
 public:
  ProgressPrinter(bool enabled, std::uint64_t total, std::atomic<std::uint64_t>& done) : done_(done), total_(total) {
    if (enabled) thread_ = std::thread([this] { loop(); });
  }
  ~ProgressPrinter() {
    {
      std::lock_guard lock(mutex_);
      stop_ = true;
    }
    cv_.notify_all();
    if (thread_.joinable()) thread_.join();
    if (printed_) std::fputs("\r\033[K", stderr);
  }

 private:
  void loop() {
    const auto start = std::chrono::steady_clock::now();
    std::unique_lock lock(mutex_);
    while (!cv_.wait_for(lock, std::chrono::milliseconds(250), [this] { return stop_; })) {
      if (std::chrono::steady_clock::now() - start < std::chrono::seconds(1)) continue;
      const double mib = static_cast<double>(done_.load(std::memory_order_relaxed)) / (1 << 20);
      std::fprintf(stderr, "\rmtls-doctor logs: %.0f of %.0f MiB read", mib, static_cast<double>(total_) / (1 << 20));
      std::fflush(stderr);
      printed_ = true;
    }
  }
  std::atomic<std::uint64_t>& done_;
  std::uint64_t total_;
  std::mutex mutex_;
  std::condition_variable cv_;
  bool stop_ = false;
  bool printed_ = false;
  std::thread thread_;
};

}  // namespace

Expected<LogEvidence> parse_log_text(std::string_view text, std::string_view source_name, const Filters& filters) {
  const std::vector<std::string> names{std::string(source_name)};
  TaskResult result(filters);
  Task task;
  task.name = std::string(source_name);
  task.path = std::string(source_name);
  const LogKind kind = detect_kind(text.substr(0, 4096));
  if (kind == LogKind::gzip || kind == LogKind::evtx) {
    return unexpected(fmt::format("{} input needs read_logs()", to_string(kind)), std::string(source_name));
  }
  ReadFn none = [](char*, std::size_t) -> long { return 0; };
  read_stream(task, std::string(text), none, result, names, 0);
  if (result.error) return unexpected(*result.error);
  LogEvidence evidence;
  result.main.finish(evidence, names);
  return evidence;
}

Expected<LogEvidence> read_logs(const std::vector<std::string>& paths, const LogOptions& options) {
  std::vector<std::string> inputs;
  for (const std::string& p : paths) {
    if (auto r = expand(p, inputs); !r) return unexpected(r.error());
  }
  if (inputs.empty()) {
    return unexpected(file_error(paths.empty() ? std::string() : paths.front(), "no log file found",
                                 "no .log, .xml, .evtx, .gz or .txt file in the folder"));
  }

  // Build the task list: one per input, or several pieces for a large plain W3C file.
  std::vector<std::string> names;
  std::vector<Task> tasks;
  std::uint64_t total_bytes = 0;
  const unsigned jobs = std::max(1u, options.jobs);
  for (const std::string& path : inputs) {
    const auto file = static_cast<std::uint32_t>(names.size());
    names.push_back(path == "-"                 ? std::string("(stdin)")
                    : options.display_name ? options.display_name(path)
                                           : path);
    Task t;
    t.file = file;
    t.path = path;
    t.name = names.back();
    if (path != "-") {
      // A folder, a FIFO (open(2) would wait for a writer) or a device is refused here.
      if (auto ok = check_input_file(path, t.name, true); !ok) return unexpected(ok.error());
      Fd fd;
      fd.fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
      if (fd.fd < 0) return unexpected(file_error(t.name, "cannot read", std::strerror(errno)));
      std::string head(64 * 1024, '\0');
      const ssize_t got = ::pread(fd.fd, head.data(), head.size(), 0);
      if (got < 0) return unexpected(file_error(t.name, "cannot read", std::strerror(errno)));
      head.resize(static_cast<std::size_t>(got));
      t.kind = detect_kind(std::string_view(head).substr(0, 4096));
      std::error_code ec;
      t.size = fs::file_size(path, ec);
      total_bytes += t.size;
      if (t.kind == LogKind::w3c && jobs > 1 && t.size > options.split_bytes) {
        // The first #Fields directive of the file (in its first 64 KiB): what later pieces assume.
        std::string first_fields;
        std::string_view h(head);
        for (std::size_t at = 0; at < h.size();) {
          const auto nl = h.find('\n', at);
          if (nl == std::string_view::npos) break;
          const std::string_view line = h.substr(at, nl - at);
          if (is_fields_directive(line)) {
            first_fields.assign(trim_cr(line));
            break;
          }
          at = nl + 1;
        }
        const std::uint64_t pieces = std::min<std::uint64_t>((t.size + options.split_bytes - 1) / options.split_bytes,
                                                             std::max<std::uint64_t>(jobs, t.size / (256ull << 20)));
        const std::uint64_t step = (t.size + pieces - 1) / pieces;
        for (std::uint64_t k = 0; k < pieces; ++k) {
          Task piece = t;
          piece.piece = true;
          piece.begin = k * step;
          piece.end = std::min(t.size, (k + 1) * step);
          if (k > 0) piece.assumed_fields = first_fields;
          tasks.push_back(std::move(piece));
        }
        continue;
      }
    }
    tasks.push_back(std::move(t));
  }

  std::atomic<std::uint64_t> progress{0};
  ProgressPrinter printer(options.progress, total_bytes, progress);
  Accumulator total(options.filters);
  std::optional<Error> fatal;
  std::size_t usable = 0;
  std::uint32_t current_file = UINT32_MAX;
  std::uint64_t file_lines = 0;     // lines of the current file merged so far (piece numbering)
  std::string effective_fields;     // the #Fields in effect after the merged pieces of the file

  auto merge = [&](const Task& task, TaskResult&& r) {
    if (r.error) {
      // An unusable named input is fatal (exit 2); inside a folder it is a problem, not fatal.
      if (paths.size() == 1 && inputs.size() == 1) {
        fatal = r.error;
      } else {
        total.add_problem(task.name, r.error->message);
      }
    } else {
      ++usable;
    }
    if (task.file != current_file) {
      current_file = task.file;
      file_lines = 0;
      effective_fields.clear();
    }
    if (!task.piece) {
      total.merge(std::move(r.main));
      return;
    }
    if (task.begin > 0 && task.assumed_fields != effective_fields) {
      r.prefix = reread_prefix(task, r, effective_fields, options.filters);
    }
    const std::uint64_t piece_lines = r.prefix.lines + r.main.lines;
    r.prefix.merge(std::move(r.main));
    r.prefix.shift_lines(file_lines);
    file_lines += piece_lines;
    if (!r.last_fields.empty()) effective_fields = r.last_fields;
    total.merge(std::move(r.prefix));
  };

  if (jobs == 1 || tasks.size() == 1) {
    for (const Task& t : tasks) merge(t, run_task(t, options.filters, names, progress));
  } else {
    std::mutex mutex;
    std::condition_variable cv;
    std::vector<std::optional<TaskResult>> results(tasks.size());
    std::size_t next = 0, merged = 0;
    const std::size_t ahead = 2 * static_cast<std::size_t>(jobs);
    std::vector<std::thread> workers;
    for (unsigned w = 0; w < std::min<std::size_t>(jobs, tasks.size()); ++w) {
      workers.emplace_back([&] {
        for (;;) {
          std::size_t i = 0;
          {
            std::unique_lock lock(mutex);
            cv.wait(lock, [&] { return next >= tasks.size() || next < merged + ahead; });
            if (next >= tasks.size()) return;
            i = next++;
          }
          TaskResult r = run_task(tasks[i], options.filters, names, progress);
          {
            std::lock_guard lock(mutex);
            results[i].emplace(std::move(r));
          }
          cv.notify_all();
        }
      });
    }
    while (merged < tasks.size()) {
      std::optional<TaskResult> r;
      {
        std::unique_lock lock(mutex);
        cv.wait(lock, [&] { return results[merged].has_value(); });
        r = std::move(results[merged]);
        results[merged].reset();
      }
      merge(tasks[merged], std::move(*r));
      {
        std::lock_guard lock(mutex);
        ++merged;
      }
      cv.notify_all();
    }
    for (auto& w : workers) w.join();
  }
  if (fatal) return unexpected(*fatal);
  LogEvidence evidence;
  total.finish(evidence, names);
  // Nothing read at all: every line unreadable or every file skipped (a text file that is not a
  // log, an nginx error log) is unusable input, not a report of one warning. A log with only its
  // directives (IIS writes #Software/#Fields to a new file before any request) is still a log.
  const bool nothing_read = evidence.entries == 0 && evidence.windows_events_read == 0 &&
                            evidence.httperr_entries == 0 && evidence.freb_files == 0 &&
                            evidence.filtered_out == 0 && evidence.web_server_lines == 0;
  if (nothing_read && (usable == 0 || evidence.lines == 0 || evidence.unparsed != 0 || !evidence.problems.empty())) {
    std::string why = "empty";
    std::string where = names.front();
    std::uint64_t line = 0;
    if (!evidence.problems.empty()) {
      why = evidence.problems.front().message;
      where = evidence.problems.front().file;
    } else if (!evidence.unparsed_examples.empty()) {
      const LogExample& u = evidence.unparsed_examples.front();
      why = fmt::format("{} unreadable line{}, the first: {}", evidence.unparsed, evidence.unparsed == 1 ? "" : "s",
                        u.text);
      where = u.file;
      line = u.line;
    } else if (evidence.lines == 0 && names.size() == 1) {
      return unexpected(file_error(where, "empty", "0 bytes"));
    }
    return unexpected(file_error(where, "no log entry could be read", why, line));
  }
  return evidence;
}

}  // namespace mtls::logs
