// SPDX-License-Identifier: Apache-2.0
// Field names: "W3C Logging" (learn.microsoft.com/iis/configuration/system.applicationhost/sites/
// site/logfile/) and "Error logging in HTTP APIs" (KB820729) for HTTPERR.
#include "parse/logs/w3c_reader.h"

#include <fmt/format.h>

#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace mtls::logs {
namespace {

// IIS's default W3C field set (IIS 7 and later); used only for lines of a file that has no #Fields
// directive at all (log excerpts, headers cut off by a rotation tool) and exactly this many fields.
constexpr std::string_view kDefaultIisFields =
    "#Fields: date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) "
    "cs(Referer) sc-status sc-substatus sc-win32-status time-taken";

// The HTTP Server API's error log field set (KB820729), for HTTPERR lines without a header.
constexpr std::string_view kDefaultHttpErrFields =
    "#Fields: date time c-ip c-port s-ip s-port cs-version cs-method cs-uri sc-status s-siteid s-reason s-queuename";

std::string_view trim_end(std::string_view s) {
  while (!s.empty() && (s.back() == '\r' || s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool starts_with_date(std::string_view s) {
  return s.size() >= 10 && s[4] == '-' && s[7] == '-' && s[0] >= '0' && s[0] <= '9';
}

std::string_view dash_empty(std::string_view v) { return v == "-" ? std::string_view{} : v; }

bool is_number(std::string_view v) {
  if (v.empty() || v.size() > 10) return false;
  for (char c : v) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

bool is_time(std::string_view v) { return v.size() >= 8 && v[2] == ':' && v[5] == ':' && is_number(v.substr(0, 2)); }

/// date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent)
/// cs(Referer) sc-status sc-substatus sc-win32-status time-taken
bool fits_iis_default(const std::array<std::string_view, kMaxFields>& f) {
  return is_time(f[1]) && is_number(f[6]) && f[11].size() == 3 && is_number(f[11]) && is_number(f[12]) &&
         is_number(f[13]) && is_number(f[14]);
}

/// date time c-ip c-port s-ip s-port cs-version cs-method cs-uri sc-status s-siteid s-reason s-queuename
bool fits_httperr_default(const std::array<std::string_view, kMaxFields>& f) {
  return is_time(f[1]) && (is_number(f[3]) || f[3] == "-") && (is_number(f[5]) || f[5] == "-");
}

}  // namespace

std::optional<std::uint32_t> parse_u32(std::string_view s) {
  if (s.empty() || s.size() > 10) return std::nullopt;
  std::uint64_t v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return std::nullopt;
    v = v * 10 + static_cast<unsigned>(c - '0');
  }
  if (v > 0xffffffffULL) return std::nullopt;
  return static_cast<std::uint32_t>(v);
}

namespace {

std::size_t split_quoted(std::string_view line, std::array<std::string_view, kMaxFields>& out) {
  std::size_t n = 0;
  const char* p = line.data();
  const char* const end = p + line.size();
  while (p <= end) {
    if (n == kMaxFields) return kMaxFields + 1;
    const char* start = p;
    const char* stop = nullptr;
    if (p < end && *p == '"') {
      // A quoted value ends at the quote that precedes a space or the end of the line; W3C
      // escapes a quote inside by doubling it.
      const char* q = p + 1;
      while (q < end) {
        if (*q == '"') {
          if (q + 1 < end && q[1] == '"') {
            q += 2;
            continue;
          }
          break;
        }
        ++q;
      }
      if (q < end) {
        stop = q + 1;
        if (stop < end && *stop != ' ') stop = nullptr;  // not a quoted field after all
      }
    }
    if (stop == nullptr) {
      stop = static_cast<const char*>(std::memchr(p, ' ', static_cast<std::size_t>(end - p)));
      if (stop == nullptr) stop = end;
    }
    out[n++] = std::string_view(start, static_cast<std::size_t>(stop - start));
    p = stop + 1;
  }
  return n;
}

}  // namespace

// The hot loop of the logs command: 16 bytes at a time (SSE2 is part of x86-64), recording a field
// boundary at each space. A line with a double quote anywhere takes the quoted-field path.
std::size_t split_fields(std::string_view line, std::array<std::string_view, kMaxFields>& out) {
  const char* const data = line.data();
  const std::size_t size = line.size();
  std::size_t n = 0;
  std::size_t start = 0;
  std::size_t i = 0;
#if defined(__SSE2__)
  const __m128i space = _mm_set1_epi8(' ');
  const __m128i quote = _mm_set1_epi8('"');
  for (; i + 16 <= size; i += 16) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(data + i));
    if (_mm_movemask_epi8(_mm_cmpeq_epi8(v, quote)) != 0) return split_quoted(line, out);
    auto spaces = static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(v, space)));
    while (spaces != 0) {
      const std::size_t at = i + static_cast<std::size_t>(__builtin_ctz(spaces));
      if (n == kMaxFields - 1) return kMaxFields + 1;
      out[n++] = std::string_view(data + start, at - start);
      start = at + 1;
      spaces &= spaces - 1;
    }
  }
#endif
  for (; i < size; ++i) {
    const char c = data[i];
    if (c == '"') return split_quoted(line, out);
    if (c == ' ') {
      if (n == kMaxFields - 1) return kMaxFields + 1;
      out[n++] = std::string_view(data + start, i - start);
      start = i + 1;
    }
  }
  out[n++] = std::string_view(data + start, size - start);
  return n;
}

FieldMap FieldMap::from_directive(std::string_view fields) {
  FieldMap m;
  std::array<std::string_view, kMaxFields> names{};
  const std::size_t n = split_fields(fields, names);
  if (n > kMaxFields) return m;
  m.count = static_cast<int>(n);
  for (std::size_t i = 0; i < n; ++i) {
    const std::string_view f = names[i];
    const int at = static_cast<int>(i);
    if (f == "date") m.date = at;
    else if (f == "time") m.time = at;
    else if (f == "c-ip") m.client = at;
    else if (f == "cs-uri-stem") m.uri_stem = at;
    else if (f == "cs-uri") m.uri = at;
    else if (f == "cs(User-Agent)") m.user_agent = at;
    else if (f == "sc-status") m.status = at;
    else if (f == "sc-substatus") m.substatus = at;
    else if (f == "sc-win32-status") m.win32 = at;
    else if (f == "s-sitename") m.sitename = at;
    else if (f == "s-siteid") m.siteid = at;
    else if (f == "s-reason") m.reason = at;
  }
  m.httperr = m.reason >= 0;
  return m;
}

void W3cReader::assume_fields(std::string_view directive_line) { directive(directive_line); }

void W3cReader::directive(std::string_view text) {
  if (text.starts_with("#Fields:")) {
    std::string_view rest = text.substr(8);
    while (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
    fields_ = FieldMap::from_directive(rest);
    fields_text_.assign(text);
    if (fields_.count == 0) {
      fields_text_.clear();
    }
  } else if (text.starts_with("#Software:")) {
    httperr_software_ = text.find("HTTP API") != std::string_view::npos;
  } else if (text.starts_with("#Date:")) {
    std::string_view rest = text.substr(6);
    while (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
    date_directive_.assign(rest.substr(0, 10));
  }
}

void W3cReader::overlong_line(std::uint64_t number) {
  ++acc_->lines;
  acc_->add_unparsed(file_, number, "line longer than 64 KiB, skipped");
}

void W3cReader::line(std::string_view text, std::uint64_t number) {
  ++acc_->lines;
  if (!text.empty() && text.front() == '\xef' && text.starts_with("\xef\xbb\xbf")) text.remove_prefix(3);  // UTF-8 BOM
  text = trim_end(text);
  if (text.empty()) return;
  if (text.front() == '#') {
    directive(text);
    return;
  }
  std::array<std::string_view, kMaxFields> f;  // not zeroed: 1 KiB per line; split fills [0, n)
  const std::size_t n = split_fields(text, f);
  if (fields_.count == 0) {
    static const FieldMap default_map = FieldMap::from_directive(kDefaultIisFields.substr(9));
    static const FieldMap default_httperr = FieldMap::from_directive(kDefaultHttpErrFields.substr(9));
    // The shape must fit, not just the count: a time, numeric ports and status fields where the
    // default set has them. A line that does not fit is refused, never read with guessed fields.
    if (n == static_cast<std::size_t>(default_map.count) && starts_with_date(text) && fits_iis_default(f)) {
      fields_ = default_map;
      fields_text_.assign(kDefaultIisFields);
      acc_->note_assumed_fields(file_, number, kDefaultIisFields.substr(9));
    } else if (n == static_cast<std::size_t>(default_httperr.count) && starts_with_date(text) && fits_httperr_default(f)) {
      fields_ = default_httperr;
      fields_text_.assign(kDefaultHttpErrFields);
      acc_->note_assumed_fields(file_, number, kDefaultHttpErrFields.substr(9));
    } else {
      acc_->add_unparsed(file_, number,
                         n == static_cast<std::size_t>(default_map.count) || n == static_cast<std::size_t>(default_httperr.count)
                             ? "no #Fields directive before this line, and its fields do not have the shape of IIS's "
                               "default field set"
                             : fmt::format("no #Fields directive before this line, and its {} fields are not IIS's "
                                           "default {} (date time s-ip cs-method cs-uri-stem cs-uri-query s-port "
                                           "cs-username c-ip cs(User-Agent) cs(Referer) sc-status sc-substatus "
                                           "sc-win32-status time-taken)",
                                           n > kMaxFields ? kMaxFields : n, default_map.count));
      return;
    }
  }
  if (n != static_cast<std::size_t>(fields_.count)) {
    acc_->add_unparsed(file_, number,
                      n > kMaxFields ? std::string("more than 64 fields")
                                     : fmt::format("{} fields where #Fields declares {}", n, fields_.count));
    return;
  }
  const FieldMap& m = fields_;
  Entry e;
  e.file = file_;
  e.line = number;
  e.text = text;

  // Time: needed for the filters and for failures; parsed lazily, the date cached per file.
  auto entry_time = [&]() -> std::optional<std::int64_t> {
    if (m.time < 0) return std::nullopt;
    std::string_view date = m.date >= 0 ? f[static_cast<std::size_t>(m.date)] : std::string_view(date_directive_);
    const std::string_view time = f[static_cast<std::size_t>(m.time)];
    if (date.size() == 10 && cached_valid_ && std::memcmp(date.data(), cached_date_.data(), 10) == 0) {
      auto t = parse_date_time("1970-01-01", time);
      if (!t) return std::nullopt;
      return cached_day_ * 86400 + *t;
    }
    auto day = parse_date_time(date, "00:00:00");
    if (!day) return std::nullopt;
    std::memcpy(cached_date_.data(), date.data(), 10);
    cached_day_ = *day / 86400;
    cached_valid_ = true;
    auto t = parse_date_time("1970-01-01", time);
    if (!t) return std::nullopt;
    return *day + *t;
  };

  const Filters& filters = acc_->filters();
  if (filters.since || filters.until) {
    e.time = entry_time();
    if (!e.time) {
      acc_->add_unparsed(file_, number, "unreadable date or time");
      return;
    }
    if ((filters.since && *e.time < *filters.since) || (filters.until && *e.time > *filters.until)) {
      ++acc_->filtered_out;
      return;
    }
  }
  if (filters.site) {
    std::optional<std::uint32_t> site = file_site_;
    if (m.sitename >= 0) {
      std::string_view s = f[static_cast<std::size_t>(m.sitename)];
      if (s.starts_with("W3SVC")) site = parse_u32(s.substr(5));
    } else if (m.siteid >= 0) {
      site = parse_u32(f[static_cast<std::size_t>(m.siteid)]);
    }
    if (site != filters.site) {
      ++acc_->filtered_out;
      return;
    }
  }

  if (m.client >= 0) e.client = dash_empty(f[static_cast<std::size_t>(m.client)]);
  if (m.uri_stem >= 0) e.uri = dash_empty(f[static_cast<std::size_t>(m.uri_stem)]);
  else if (m.uri >= 0) e.uri = dash_empty(f[static_cast<std::size_t>(m.uri)]);
  if (m.user_agent >= 0) e.user_agent = dash_empty(f[static_cast<std::size_t>(m.user_agent)]);

  if (m.httperr || httperr_software_) {
    if (m.status >= 0) {
      if (auto s = parse_u32(f[static_cast<std::size_t>(m.status)]); s && *s < 1000) e.status = static_cast<int>(*s);
    }
    if (!e.time) e.time = entry_time();
    acc_->add_httperr(e, m.reason >= 0 ? f[static_cast<std::size_t>(m.reason)] : std::string_view{});
    return;
  }

  if (m.status < 0) {
    // A W3C log without sc-status (e.g. IIS 5 minimal field sets): an entry, nothing to count.
    ++acc_->entries;
    return;
  }
  const std::string_view status_text = f[static_cast<std::size_t>(m.status)];
  const auto status = parse_u32(status_text);
  if (!status || *status < 100 || *status > 999) {
    acc_->add_unparsed(file_, number, fmt::format("sc-status \"{}\" is not an HTTP status", status_text.substr(0, 32)));
    return;
  }
  e.status = static_cast<int>(*status);
  if (m.substatus >= 0) {
    const auto sub = parse_u32(f[static_cast<std::size_t>(m.substatus)]);
    if (!sub || *sub > kMaxSubstatus) {
      acc_->add_unparsed(file_, number, "sc-substatus is not a number");
      return;
    }
    e.substatus = static_cast<int>(*sub);
  }
  if (m.win32 >= 0) {
    const auto w = parse_u32(f[static_cast<std::size_t>(m.win32)]);
    if (!w) {
      acc_->add_unparsed(file_, number, "sc-win32-status is not a number");
      return;
    }
    e.win32 = *w;
  }
  if ((e.status == 403 || e.status == 500) && !e.time) e.time = entry_time();
  acc_->add_w3c(e);
}

}  // namespace mtls::logs
