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
#include "parse/logs/log_time.h"
#include "parse/logs/pending_table.h"

namespace mtls::logs {

inline constexpr std::size_t kExamplesPerKind = 3;
inline constexpr std::size_t kUnparsedExamples = 10;
inline constexpr std::size_t kExampleBytes = 512;
inline constexpr std::size_t kHistogramMinutes = 20160;  // two weeks of minutes
inline constexpr std::size_t kOrphanCap = 2048;
inline constexpr std::size_t kKeptEvents = 200;
inline constexpr std::size_t kHttpErrReasons = 128;
inline constexpr std::size_t kWebMessageKinds = 64;  // distinct nginx/Apache message groups
inline constexpr std::size_t kAssumedNotes = 16;     // files read with an assumed #Fields
inline constexpr std::size_t kCapi2Groups = 64;      // distinct CAPI2 chain errors
inline constexpr std::size_t kCapi2Certificates = 256;  // certificates of CAPI2 event 90 kept

/// Filters from the command line (--since/--until/--site) and the late-negotiation window.
struct Filters {
  std::optional<std::int64_t> since;  ///< Unix seconds, inclusive
  std::optional<std::int64_t> until;  ///< Unix seconds, inclusive
  std::optional<std::uint32_t> site;  ///< IIS site id (W3SVC<id>, s-siteid, FREB siteId)
  int window_seconds = 60;
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

/// What one CAPI2 chain event (11 or 30) says, decided by the CAPI2 reader (views valid during
/// the call).
struct Capi2EventInfo {
  std::uint32_t event_id = 0;
  bool client_auth = false;
  std::string_view policy;
  std::uint32_t result = 0;
  std::uint32_t trust_errors = 0;
  std::string_view subject;
  std::string_view thumbprint;
  std::string_view process;
  std::uint32_t file = 0;
  std::uint64_t record = 0;
  std::optional<std::int64_t> time;
  std::string_view text;  ///< a one-line summary quoted as the example
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
  /// A CAPI2 chain event (11, 30): a failed one is kept in a bounded group, a good one counted.
  void add_capi2_chain(const Capi2EventInfo& info);
  /// A certificate of a CAPI2 event 90, kept (bounded) to name the issuer and dates of failures.
  void add_capi2_certificate(Capi2Certificate certificate);
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
  std::uint64_t capi2_events = 0;

  [[nodiscard]] const Filters& filters() const { return filters_; }

  /// The partial aggregate of `logs --partial` reads and writes every member (partial.cpp).
  friend struct PartialCodec;

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
  struct Capi2Key {
    std::uint32_t event_id;
    bool client_auth;
    std::uint32_t result;
    std::uint32_t trust;
    std::string thumbprint;
    std::string policy;
    auto operator<=>(const Capi2Key&) const = default;
  };
  struct Capi2Counters {
    Capi2ChainError error;  // count, times, certificate; examples kept below
    std::vector<std::pair<std::uint32_t, LogExample>> examples;
  };
  std::map<Capi2Key, Capi2Counters> capi2_;
  std::uint64_t capi2_ok_ = 0;
  std::uint64_t capi2_other_ = 0;  // failed chain events beyond kCapi2Groups groups
  std::map<std::string, Capi2Certificate, std::less<>> capi2_certificates_;

  // Late negotiation.
  PendingTable pending_;
  std::vector<PendingLine> orphans_;  // 403.7s with no 500 in this segment, early enough to pair
  std::optional<std::int64_t> first_time_;
  std::optional<std::int64_t> last_time_;
  std::uint64_t pairs_ = 0;
  std::vector<std::pair<std::pair<std::uint32_t, LogExample>, std::pair<std::uint32_t, LogExample>>> pair_examples_;
  std::uint64_t pending_dropped_ = 0;
};

/// The largest sc-substatus the triple counter holds (IIS substatus values are below 1000).
inline constexpr std::uint32_t kMaxSubstatus = 0xfffff;

}  // namespace mtls::logs
