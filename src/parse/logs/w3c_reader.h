// SPDX-License-Identifier: Apache-2.0
// W3C extended log lines (IIS u_ex*.log) and HTTP Server API error logs (HTTPERR), which share the
// format: directives (#Software, #Version, #Date, #Fields) and space-separated fields in the order
// the latest #Fields names (W3C Working Draft WD-logfile-960323; IIS writes a new #Fields block
// on restart or configuration change). Lines are tokenized in place: no allocation per line.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "parse/logs/accumulator.h"

namespace mtls::logs {

inline constexpr std::size_t kMaxLineBytes = 64 * 1024;
inline constexpr std::size_t kMaxFields = 64;

/// Where each field we read sits in the current #Fields list (-1 when absent).
struct FieldMap {
  int count = 0;
  int date = -1, time = -1, client = -1, uri_stem = -1, uri = -1, user_agent = -1;
  int status = -1, substatus = -1, win32 = -1, sitename = -1, siteid = -1, reason = -1;
  bool httperr = false;  ///< s-reason present: an HTTP Server API error log

  static FieldMap from_directive(std::string_view fields);
};

class W3cReader {
 public:
  /// `file_site`: the site id the file's folder names (W3SVC<id>), used when lines carry none.
  W3cReader(Accumulator& acc, std::uint32_t file, std::optional<std::uint32_t> file_site = {})
      : acc_(&acc), file_(file), file_site_(file_site) {}

  /// One physical line (no line terminator; a trailing CR is ignored).
  void line(std::string_view text, std::uint64_t number);
  /// A line longer than kMaxLineBytes: skipped and counted.
  void overlong_line(std::uint64_t number);
  /// Start as if `directive` ("#Fields: ...") had been read (a piece of a split file).
  void assume_fields(std::string_view directive);

  /// Count into another accumulator from now on (a split piece's prefix, then its main part).
  void set_accumulator(Accumulator& acc) { acc_ = &acc; }
  [[nodiscard]] bool saw_fields() const { return fields_.count > 0; }
  [[nodiscard]] const std::string& fields_directive() const { return fields_text_; }

 private:
  void directive(std::string_view text);

  Accumulator* acc_;
  std::uint32_t file_;
  std::optional<std::uint32_t> file_site_;
  FieldMap fields_;
  std::string fields_text_;
  bool httperr_software_ = false;
  std::string date_directive_;  // "#Date:" day, for logs without a date field
  // Cache of the last parsed date: most lines of a file share it.
  std::array<char, 10> cached_date_{};
  std::int64_t cached_day_ = 0;
  bool cached_valid_ = false;
};

/// Split a W3C line on single spaces; fields in "double quotes" may contain spaces. Returns the
/// number of fields, or kMaxFields + 1 when there are more.
std::size_t split_fields(std::string_view line, std::array<std::string_view, kMaxFields>& out);

/// Decimal digits to an unsigned 32-bit value; nullopt for anything else (including overflow).
std::optional<std::uint32_t> parse_u32(std::string_view s);

}  // namespace mtls::logs
