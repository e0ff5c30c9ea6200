// SPDX-License-Identifier: Apache-2.0
// The counters one reader fills for one segment of input (a file, or a piece of a large file read
// by one thread), merged in input order into LogEvidence. Bounded whatever the input size; adding
// an ordinary entry touches one integer counter and allocates nothing.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/evidence/logs.h"
#include "parse/logs/bounded.h"

namespace mtls::logs {

inline constexpr std::size_t kExamplesPerKind = 3;
inline constexpr std::size_t kUnparsedExamples = 10;
inline constexpr std::size_t kExampleBytes = 512;
inline constexpr std::size_t kHistogramMinutes = 20160;  // two weeks of minutes
inline constexpr std::size_t kPendingCap = 2048;         // clients with an unanswered 500 at once
inline constexpr std::size_t kOrphanCap = 2048;
inline constexpr std::size_t kKeptEvents = 200;
inline constexpr std::size_t kHttpErrReasons = 128;
inline constexpr std::size_t kWebMessageKinds = 64;  // distinct nginx/Apache message groups
inline constexpr std::size_t kAssumedNotes = 16;     // files read with an assumed #Fields

/// Filters from the command line (--since/--until/--site) and the late-negotiation window.
struct Filters {
  std::optional<std::int64_t> since;  ///< Unix seconds, inclusive
  std::optional<std::int64_t> until;  ///< Unix seconds, inclusive
  std::optional<std::uint32_t> site;  ///< IIS site id (W3SVC<id>, s-siteid, FREB siteId)
  int window_seconds = 60;
};

/// One log entry, as views into the line (valid only during the call).
struct Entry {
  std::uint32_t file = 0;  ///< index into the input's file names
  std::uint64_t line = 0;
  std::string_view text;   ///< the whole line
  std::optional<std::int64_t> time;
  std::string_view client;
  std::string_view uri;
  std::string_view user_agent;
  int status = 0;
  /// Absent when the #Fields list has no sc-substatus / sc-win32-status (IIS 4 and 5 logs, and
  /// trimmed field sets): an unknown value is not 0.
  std::optional<int> substatus;
  std::optional<std::uint32_t> win32;
};

/// What an nginx or Apache line says, decided by the web-server reader (views valid during the call).
struct WebMessageInfo {
  WebServer server{};
  bool access = false;            ///< an access-log status, not an error-log message
  std::string_view code;
  std::string_view meaning;
  std::optional<LogFailureKind> kind;
  std::optional<int> verify_error;
  std::optional<int> alert;
  std::string_view reason;
  std::string_view server_name;  ///< nginx "server:", Apache "(server host:port)"
};

/// A 500 waiting for its 403.7 (late negotiation), or a 403.7 this segment could not pair.
struct PendingLine {
  char client[48];
  std::uint8_t client_len = 0;
  bool consumed = false;      ///< already paired (kept so an older carried 500 is not paired again)
  bool prior_500 = false;     ///< (orphans) this segment had a 500 from the client before it
  std::int64_t time = 0;
  std::uint32_t file = 0;
  std::uint64_t line = 0;
  std::uint16_t text_len = 0;
  char text[200];

  [[nodiscard]] std::string_view client_view() const { return {client, client_len}; }
  [[nodiscard]] std::string_view text_view() const { return {text, text_len}; }
  static PendingLine from(const Entry& e);
};

/// Pending 500s keyed by client, open addressing, fixed capacity; expired entries are swept when
/// it fills, and if it is still full the new one is dropped and counted.
class PendingTable {
 public:
  PendingLine* find(std::string_view client);
  /// Insert or overwrite; false when full of live entries.
  bool put(const PendingLine& p, std::int64_t now, int window);
  void sweep(std::int64_t now, int window);
  void shift_lines(std::uint64_t delta);
  [[nodiscard]] std::vector<PendingLine> live(std::int64_t now, int window) const;
  [[nodiscard]] bool empty() const { return used_ == 0; }

 private:
  static constexpr std::size_t kSlots = 2 * kPendingCap;
  std::vector<PendingLine> slots_;  // client_len == 0 means free
  std::size_t used_ = 0;
};

struct KindCounters {
  std::uint64_t count = 0;
  std::optional<std::int64_t> first_time;
  std::optional<std::int64_t> last_time;
  std::map<std::uint32_t, std::uint64_t> by_win32;  // few keys: only failing entries
  TopValues clients;
  TopValues uris;
  TopValues user_agents;
  std::vector<std::pair<std::uint32_t, LogExample>> examples;  // file index kept until finish
};

struct HttpErrCounters {
  std::uint64_t count = 0;
  std::optional<std::int64_t> first_time;
  std::optional<std::int64_t> last_time;
  std::uint32_t file = 0;
  LogExample example;
};

/// Everything one segment learned.
class Accumulator {
 public:
  explicit Accumulator(const Filters& filters) : filters_(filters) {}

  /// A W3C (IIS) entry that passed the filters.
  void add_w3c(const Entry& e);
  /// An HTTPERR entry: reason is s-reason, status may be absent (0).
  void add_httperr(const Entry& e, std::string_view reason);
  /// A failure seen in a FREB trace (no W3C triple counting, that file is not a log line).
  void add_failure(LogFailureKind kind, const Entry& e);
  void add_unparsed(std::uint32_t file, std::uint64_t line, std::string_view reason);
  void add_problem(std::string file, std::string message);
  void add_freb_event(FrebEvent event);
  void add_windows_event(WindowsEvent event, std::string detail);
  /// An access-log entry (nginx, Apache): counted like a W3C entry with status alone.
  void add_access(const Entry& e);
  /// An nginx / Apache message or access status worth keeping (bounded groups).
  void add_web_message(const WebMessageInfo& info, const Entry& e);
  /// A file read with a #Fields it does not declare (the assumed directive).
  void note_assumed_fields(std::uint32_t file, std::uint64_t line, std::string_view fields);

  /// Late negotiation: a 500 that may be followed by a 403.7, and a 403.7 that may follow one.
  void note_renegotiation_500(const Entry& e);
  void note_403_7(const Entry& e);

  /// Merge a later segment into this one (input order), pairing this segment's pending 500s
  /// with the later segment's unpaired 403.7s.
  void merge(Accumulator&& later);
  /// Add `delta` to every line number kept (a piece of a split file numbers its lines from 1).
  void shift_lines(std::uint64_t delta);
  /// The evidence, with file indexes resolved to names.
  void finish(LogEvidence& out, const std::vector<std::string>& file_names) const;

  std::uint64_t lines = 0;
  std::uint64_t entries = 0;
  std::uint64_t unparsed = 0;
  std::uint64_t filtered_out = 0;
  std::uint64_t httperr_entries = 0;
  std::uint64_t freb_files = 0;
  std::uint64_t windows_events_read = 0;
  std::uint64_t web_server_lines = 0;

  [[nodiscard]] const Filters& filters() const { return filters_; }

 private:
  void count_failure(LogFailureKind kind, const Entry& e);
  void count_minute(std::optional<std::int64_t> time, std::uint64_t n = 1);
  void add_pair(const PendingLine& first, const Entry& second);
  void add_pair(const PendingLine& first, const PendingLine& second);

  Filters filters_;
  IntCounter triples_;
  std::vector<std::pair<std::uint32_t, LogExample>> unparsed_examples_;
  std::array<KindCounters, log_failure_kind_count> kinds_;
  std::map<std::int64_t, std::uint64_t> per_minute_;
  std::uint64_t histogram_dropped_ = 0;
  std::map<std::string, HttpErrCounters, std::less<>> httperr_;
  std::uint64_t httperr_other_ = 0;
  std::vector<FrebEvent> freb_events_;
  std::vector<WindowsEvent> windows_events_;
  struct EventKey {
    std::string provider;
    std::uint32_t id;
    std::string detail;
    auto operator<=>(const EventKey&) const = default;
  };
  std::map<EventKey, WindowsEventCount> event_counts_;
  std::vector<LogFileProblem> problems_;
  struct WebKey {
    WebServer server;
    bool access;
    std::string code;
    int verify;
    int alert;
    auto operator<=>(const WebKey&) const = default;
  };
  struct WebCounters {
    WebServerMessage message;  // counts, times, meaning; tops and examples kept below
    TopValues clients;
    TopValues servers;
    std::vector<std::pair<std::uint32_t, LogExample>> examples;
  };
  std::map<WebKey, WebCounters> web_;
  std::uint64_t web_other_ = 0;  // messages beyond kWebMessageKinds groups
  std::vector<std::pair<std::uint32_t, LogExample>> assumed_;

  // Late negotiation.
  PendingTable pending_;
  std::vector<PendingLine> orphans_;  // 403.7s with no 500 in this segment, early enough to pair
  std::optional<std::int64_t> first_time_;
  std::optional<std::int64_t> last_time_;
  std::uint64_t pairs_ = 0;
  std::vector<std::pair<std::pair<std::uint32_t, LogExample>, std::pair<std::uint32_t, LogExample>>> pair_examples_;
  std::uint64_t pending_dropped_ = 0;
};

/// The kind a W3C status triple belongs to, if it is a client-certificate failure.
/// An absent substatus or win32 status decides nothing: 403 without a substatus is no known kind.
std::optional<LogFailureKind> classify(int status, std::optional<int> substatus,
                                       std::optional<std::uint32_t> win32);
/// The largest sc-substatus the triple counter holds (IIS substatus values are below 1000).
inline constexpr std::uint32_t kMaxSubstatus = 0xfffff;

/// "2024-03-01" "12:34:56[.mmm]" -> Unix seconds (UTC).
std::optional<std::int64_t> parse_date_time(std::string_view date, std::string_view time);
/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil).
std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d);

}  // namespace mtls::logs
