// SPDX-License-Identifier: Apache-2.0
// The I/O around the pure readers for one task: kind detection, buffered line reading, gzip
// through zlib, XML and .evtx whole. A piece of a split W3C file counts the lines before its own
// first #Fields into a separate prefix accumulator (read_logs explains why).
#include "parse/logs/input_reader.h"

#include <fcntl.h>
#include <unistd.h>
#include <zlib.h>

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <memory>

#include "core/input_file.h"
#include "parse/logs/evtx_reader.h"
#include "parse/logs/line_reader.h"
#include "parse/logs/w3c_reader.h"
#include "parse/logs/web_server_reader.h"
#include "parse/logs/xml_readers.h"

namespace mtls::logs {

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

namespace {

constexpr std::string_view kNativeMessage =
    "IIS native (comma-separated) log format: it has no sc-substatus field, so 403.7 cannot be told "
    "from other 403s; not read. Switch the site's log format to W3C (IIS Manager > Logging).";

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

/// Every line of `lines` to a reader that numbers them from 1 (an overlong line is reported, not read).
template <typename Reader>
void feed_lines(LineReader& lines, Reader& reader) {
  std::uint64_t number = 0;
  while (auto line = lines.next()) {
    ++number;
    if (line->overlong) {
      reader.overlong_line(number);
    } else {
      reader.line(line->text, number);
    }
  }
}

/// Lines of an nginx or Apache log (always read whole: never split over threads).
void read_web_lines(LineReader& lines, const Task& task, TaskResult& result, WebLogFormat format) {
  WebServerReader reader(result.main, task.file, format);
  feed_lines(lines, reader);
  if (lines.error()) result.error = Error{fmt::format("read error: {}", std::strerror(errno)), task.name};
}

/// A whole input from a byte source whose first bytes are `head` (already read).
void read_stream(const Task& task, std::string head, const ReadFn& rest, TaskResult& result, int depth = 0);

void read_gzip(const Task& task, gzFile gz, TaskResult& result, int depth) {
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
  read_stream(task, std::move(head), read, result, depth + 1);
  int errnum = 0;
  const char* message = gzerror(gz, &errnum);
  if (errnum != Z_OK && errnum != Z_STREAM_END) {
    result.main.add_problem(task.name, fmt::format("gzip data ends early or is damaged ({}); read what came before", message));
  }
}

void read_stream(const Task& task, std::string head, const ReadFn& rest, TaskResult& result, int depth) {
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
        read_gzip(task, gz, result, depth);
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

}  // namespace

TaskResult run_task(const Task& task, const Filters& filters, std::atomic<std::uint64_t>& progress) {
  TaskResult result(filters);
  if (task.kind == LogKind::evtx) {
    auto r = read_evtx(task.path, task.file, task.name, result.main);
    progress.fetch_add(task.size, std::memory_order_relaxed);
    if (!r) result.error = r.error();
    return result;
  }
  if (task.kind == LogKind::gzip) {
    read_stream(task, "\x1f\x8b", nullptr, result, 0);
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
    read_stream(task, std::move(head), in, result, 0);
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
  read_stream(task, std::move(head), in, result, 0);
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
  feed_lines(lines, reader);
  return acc;
}

Expected<LogEvidence> parse_log_text(std::string_view text, std::string_view source_name, const Filters& filters) {
  TaskResult result(filters);
  Task task;
  task.name = std::string(source_name);
  task.path = std::string(source_name);
  const LogKind kind = detect_kind(text.substr(0, 4096));
  if (kind == LogKind::gzip || kind == LogKind::evtx) {
    return unexpected(fmt::format("{} input needs read_logs()", to_string(kind)), std::string(source_name));
  }
  ReadFn none = [](char*, std::size_t) -> long { return 0; };
  read_stream(task, std::string(text), none, result, 0);
  if (result.error) return unexpected(*result.error);
  LogEvidence evidence;
  result.main.finish(evidence, {std::string(source_name)});
  return evidence;
}

}  // namespace mtls::logs
