// SPDX-License-Identifier: Apache-2.0
// The partial line: {"file": NAME, "mtls_doctor_partial": 1, "filters": {...}, "error": [...],
// "usable": N, "aggregate": {...}}. "file" comes first so that a sort of the lines (Hadoop
// Streaming sorts map output before the reduce) orders them by input name, as `logs DIR` reads a
// folder. The aggregate holds every member of the Accumulator; file indexes are not written (one
// line is one input) and are set again from the line's place in the merge.
#include "parse/logs/partial.h"

#include <fmt/format.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <iostream>
#include <sstream>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "core/input_file.h"
#include "parse/logs/input_plan.h"

namespace mtls::logs {

using Json = nlohmann::ordered_json;

namespace {

/// A line that is JSON but not an aggregate this version wrote, or one past the readers' bounds.
struct BadPartial : std::runtime_error {
  using std::runtime_error::runtime_error;
};

/// Well-formed UTF-8 (RFC 3629 §4: no overlong forms, no surrogates, nothing past U+10FFFF).
bool valid_utf8(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    std::size_t n = 0;
    unsigned char low = 0x80, high = 0xbf;  // the range of the second byte
    if (c < 0x80) {
      ++i;
      continue;
    }
    if (c >= 0xc2 && c <= 0xdf) {
      n = 1;
    } else if (c >= 0xe0 && c <= 0xef) {
      n = 2;
      if (c == 0xe0) low = 0xa0;
      if (c == 0xed) high = 0x9f;
    } else if (c >= 0xf0 && c <= 0xf4) {
      n = 3;
      if (c == 0xf0) low = 0x90;
      if (c == 0xf4) high = 0x8f;
    } else {
      return false;
    }
    if (i + n >= s.size()) return false;
    for (std::size_t k = 1; k <= n; ++k) {
      const auto d = static_cast<unsigned char>(s[i + k]);
      if (k == 1 ? (d < low || d > high) : (d < 0x80 || d > 0xbf)) return false;
    }
    i += n + 1;
  }
  return true;
}

/// A text as JSON, byte for byte: log lines are not always UTF-8 (JSON strings must be), so a
/// text that is not is written as {"hex": "..."} and read back to the same bytes.
Json text(std::string_view s) {
  if (valid_utf8(s)) return Json(std::string(s));
  static constexpr char digits[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(2 * s.size());
  for (unsigned char c : s) {
    hex.push_back(digits[c >> 4]);
    hex.push_back(digits[c & 0xf]);
  }
  return Json{{"hex", std::move(hex)}};
}

Json opt(std::optional<std::int64_t> t) { return t ? Json(*t) : Json(nullptr); }
Json opt32(std::optional<std::uint32_t> v) { return v ? Json(*v) : Json(nullptr); }
Json opt_int(std::optional<int> v) { return v ? Json(*v) : Json(nullptr); }

template <typename T>
T num(const Json& j) {
  if (!j.is_number_integer()) throw BadPartial("a count is not an integer");
  return j.get<T>();
}
std::optional<std::int64_t> get_opt(const Json& j) {
  if (j.is_null()) return std::nullopt;
  return num<std::int64_t>(j);
}
std::string str(const Json& j, std::size_t max = 1 << 16) {
  std::string s;
  if (j.is_object() && j.size() == 1 && j.contains("hex") && j["hex"].is_string()) {
    const std::string& hex = j["hex"].get_ref<const std::string&>();
    if (hex.size() % 2 != 0 || hex.size() / 2 > max) throw BadPartial("a hex text is malformed or too long");
    auto digit = [](char c) -> int {
      if (c >= '0' && c <= '9') return c - '0';
      if (c >= 'a' && c <= 'f') return c - 'a' + 10;
      throw BadPartial("a hex text has a character that is not a hex digit");
    };
    for (std::size_t i = 0; i < hex.size(); i += 2) s.push_back(static_cast<char>(digit(hex[i]) * 16 + digit(hex[i + 1])));
    return s;
  }
  if (!j.is_string()) throw BadPartial("a text is not a string");
  s = j.get<std::string>();
  if (s.size() > max) throw BadPartial(fmt::format("a text is longer than {} bytes", max));
  return s;
}
const Json& arr(const Json& j, std::size_t max, const char* what) {
  if (!j.is_array()) throw BadPartial(fmt::format("\"{}\" is not an array", what));
  if (j.size() > max) throw BadPartial(fmt::format("\"{}\" has {} entries, at most {}", what, j.size(), max));
  return j;
}
const Json& at(const Json& j, const char* key) {
  if (!j.is_object() || !j.contains(key)) throw BadPartial(fmt::format("no \"{}\"", key));
  return j.at(key);
}

Json example(const LogExample& e) { return Json::array({e.line, text(e.text)}); }
LogExample get_example(const Json& j) {
  arr(j, 2, "example");
  if (j.size() != 2) throw BadPartial("an example is not [line, text]");
  return LogExample{{}, num<std::uint64_t>(j[0]), str(j[1], kExampleBytes)};
}
Json examples(const std::vector<std::pair<std::uint32_t, LogExample>>& v) {
  Json out = Json::array();
  for (const auto& [file, e] : v) out.push_back(example(e));
  return out;
}
std::vector<std::pair<std::uint32_t, LogExample>> get_examples(const Json& j, std::uint32_t file, std::size_t max) {
  std::vector<std::pair<std::uint32_t, LogExample>> out;
  for (const Json& e : arr(j, max, "examples")) out.emplace_back(file, get_example(e));
  return out;
}

Json tops(const TopValues& t) {
  Json out = Json::array();
  for (const LogTopValue& v : t.slots()) out.push_back(Json::array({text(v.value), v.count, v.error}));
  return out;
}
void get_tops(const Json& j, TopValues& t) {
  std::vector<LogTopValue> slots;
  for (const Json& v : arr(j, TopValues::kSlots, "top values")) {
    if (!v.is_array() || v.size() != 3) throw BadPartial("a top value is not [value, count, error]");
    slots.push_back({str(v[0], TopValues::kKeyBytes), num<std::uint64_t>(v[1]), num<std::uint64_t>(v[2])});
  }
  if (!t.restore(slots)) throw BadPartial("a top list does not fit the sketch");
}

Json pending_line(const PendingLine& p) {
  return Json::array({text(p.client_view()), p.consumed, p.prior_500, p.time, p.line, text(p.text_view())});
}
PendingLine get_pending_line(const Json& j, std::uint32_t file) {
  if (!j.is_array() || j.size() != 6) throw BadPartial("a pending line is not [client, consumed, prior_500, time, line, text]");
  PendingLine p{};
  const std::string client = str(j[0], sizeof(p.client));
  const std::string text = str(j[5], sizeof(p.text));
  if (client.empty()) throw BadPartial("a pending line has no client");
  std::memcpy(p.client, client.data(), client.size());
  p.client_len = static_cast<std::uint8_t>(client.size());
  if (!j[1].is_boolean() || !j[2].is_boolean()) throw BadPartial("a pending flag is not true or false");
  p.consumed = j[1].get<bool>();
  p.prior_500 = j[2].get<bool>();
  p.time = num<std::int64_t>(j[3]);
  p.file = file;
  p.line = num<std::uint64_t>(j[4]);
  std::memcpy(p.text, text.data(), text.size());
  p.text_len = static_cast<std::uint16_t>(text.size());
  return p;
}

LogFailureKind get_kind(const Json& j) {
  const int k = num<int>(j);
  if (k < 0 || k >= log_failure_kind_count) throw BadPartial("a failure kind is out of range");
  return static_cast<LogFailureKind>(k);
}
std::optional<LogFailureKind> get_opt_kind(const Json& j) {
  if (j.is_null()) return std::nullopt;
  return get_kind(j);
}

}  // namespace

/// Every member of the Accumulator, out and back in.
struct PartialCodec {
  static Json encode(const Accumulator& a) {
    Json j;
    j["lines"] = a.lines;
    j["entries"] = a.entries;
    j["unparsed"] = a.unparsed;
    j["filtered_out"] = a.filtered_out;
    j["httperr_entries"] = a.httperr_entries;
    j["freb_files"] = a.freb_files;
    j["windows_events_read"] = a.windows_events_read;
    j["web_server_lines"] = a.web_server_lines;
    j["capi2_events"] = a.capi2_events;
    Json triples = Json::array();
    a.triples_.for_each([&](std::uint64_t key, std::uint64_t n) { triples.push_back(Json::array({key, n})); });
    j["triples"] = std::move(triples);
    j["triples_overflow"] = a.triples_.overflow;
    j["unparsed_examples"] = examples(a.unparsed_examples_);
    Json kinds = Json::array();
    for (const KindCounters& k : a.kinds_) {
      Json by_win32 = Json::array();
      for (const auto& [w, n] : k.by_win32) by_win32.push_back(Json::array({w, n}));
      kinds.push_back({{"count", k.count}, {"first", opt(k.first_time)}, {"last", opt(k.last_time)},
                       {"by_win32", std::move(by_win32)}, {"clients", tops(k.clients)}, {"uris", tops(k.uris)},
                       {"user_agents", tops(k.user_agents)}, {"examples", examples(k.examples)}});
    }
    j["kinds"] = std::move(kinds);
    Json minutes = Json::array();
    for (const auto& [m, n] : a.per_minute_) minutes.push_back(Json::array({m, n}));
    j["per_minute"] = std::move(minutes);
    j["histogram_dropped"] = a.histogram_dropped_;
    Json httperr = Json::array();
    for (const auto& [reason, c] : a.httperr_) {
      httperr.push_back({{"reason", text(reason)}, {"count", c.count}, {"first", opt(c.first_time)}, {"last", opt(c.last_time)},
                         {"example", example(c.example)}});
    }
    j["httperr"] = std::move(httperr);
    j["httperr_other"] = a.httperr_other_;
    Json freb = Json::array();
    for (const FrebEvent& f : a.freb_events_) {
      freb.push_back({{"file", text(f.file)}, {"line", f.line}, {"url", text(f.url)}, {"client", text(f.client)}, {"site_id", text(f.site_id)},
                      {"opcode", text(f.opcode)}, {"module", text(f.module)}, {"notification", text(f.notification)}, {"status", f.status},
                      {"substatus", f.substatus}, {"error_code", f.error_code}, {"time", opt(f.time)}});
    }
    j["freb_events"] = std::move(freb);
    Json events = Json::array();
    for (const WindowsEvent& w : a.windows_events_) {
      Json data = Json::array();
      for (const auto& [k, v] : w.data) data.push_back(Json::array({text(k), text(v)}));
      events.push_back({{"file", text(w.file)}, {"record", w.record}, {"provider", text(w.provider)}, {"event_id", w.event_id},
                        {"time", opt(w.time)}, {"meaning", text(w.meaning)}, {"alert", opt32(w.alert)}, {"data", std::move(data)}});
    }
    j["windows_events"] = std::move(events);
    Json counts = Json::array();
    for (const auto& [key, c] : a.event_counts_) {
      counts.push_back({{"provider", text(c.provider)}, {"event_id", c.event_id}, {"detail", text(c.detail)}, {"meaning", text(c.meaning)},
                        {"alert", opt32(c.alert)}, {"count", c.count}, {"first", opt(c.first_time)},
                        {"last", opt(c.last_time)}});
    }
    j["event_counts"] = std::move(counts);
    Json problems = Json::array();
    for (const LogFileProblem& p : a.problems_) problems.push_back(Json::array({text(p.file), text(p.message)}));
    j["problems"] = std::move(problems);
    Json web = Json::array();
    for (const auto& [key, c] : a.web_) {
      const WebServerMessage& m = c.message;
      web.push_back({{"server", static_cast<int>(key.server)}, {"access", key.access}, {"code", text(key.code)},
                     {"verify", key.verify}, {"alert", key.alert}, {"source", text(m.source)}, {"meaning", text(m.meaning)},
                     {"kind", m.kind ? Json(static_cast<int>(*m.kind)) : Json(nullptr)},
                     {"verify_error", opt_int(m.verify_error)}, {"alert_number", opt_int(m.alert)}, {"reason", text(m.reason)},
                     {"count", m.count}, {"first", opt(m.first_time)}, {"last", opt(m.last_time)},
                     {"local_time", m.local_time}, {"clients", tops(c.clients)}, {"servers", tops(c.servers)},
                     {"examples", examples(c.examples)}});
    }
    j["web"] = std::move(web);
    j["web_other"] = a.web_other_;
    j["assumed"] = examples(a.assumed_);
    Json capi2 = Json::array();
    for (const auto& [key, c] : a.capi2_) {
      const Capi2ChainError& e = c.error;
      capi2.push_back({{"event_id", key.event_id}, {"client_auth", key.client_auth}, {"result", key.result},
                       {"trust", key.trust}, {"thumbprint", text(key.thumbprint)}, {"policy", text(key.policy)},
                       {"kind", e.kind ? Json(static_cast<int>(*e.kind)) : Json(nullptr)},
                       {"subject", text(e.certificate.subject)}, {"process", text(e.process)}, {"count", e.count},
                       {"first", opt(e.first_time)}, {"last", opt(e.last_time)}, {"examples", examples(c.examples)}});
    }
    j["capi2"] = std::move(capi2);
    j["capi2_ok"] = a.capi2_ok_;
    j["capi2_other"] = a.capi2_other_;
    Json certs = Json::array();
    for (const auto& [thumbprint, c] : a.capi2_certificates_) {
      certs.push_back({{"thumbprint", text(c.thumbprint)}, {"subject", text(c.subject)}, {"issuer", text(c.issuer)},
                       {"not_before", opt(c.not_before)}, {"not_after", opt(c.not_after)}});
    }
    j["capi2_certificates"] = std::move(certs);
    Json pending = Json::array();
    const auto& slots = a.pending_.slots();
    for (std::size_t i = 0; i < slots.size(); ++i) {
      if (slots[i].client_len == 0) continue;
      Json p = pending_line(slots[i]);
      p.insert(p.begin(), i);
      pending.push_back(std::move(p));
    }
    j["pending"] = std::move(pending);
    Json orphans = Json::array();
    for (const PendingLine& o : a.orphans_) orphans.push_back(pending_line(o));
    j["orphans"] = std::move(orphans);
    j["first_time"] = opt(a.first_time_);
    j["last_time"] = opt(a.last_time_);
    j["pairs"] = a.pairs_;
    Json pairs = Json::array();
    for (const auto& [first, second] : a.pair_examples_) pairs.push_back(Json::array({example(first.second), example(second.second)}));
    j["pair_examples"] = std::move(pairs);
    j["pending_dropped"] = a.pending_dropped_;
    return j;
  }

  static void decode(const Json& j, std::uint32_t file, Accumulator& a) {
    a.lines = num<std::uint64_t>(at(j, "lines"));
    a.entries = num<std::uint64_t>(at(j, "entries"));
    a.unparsed = num<std::uint64_t>(at(j, "unparsed"));
    a.filtered_out = num<std::uint64_t>(at(j, "filtered_out"));
    a.httperr_entries = num<std::uint64_t>(at(j, "httperr_entries"));
    a.freb_files = num<std::uint64_t>(at(j, "freb_files"));
    a.windows_events_read = num<std::uint64_t>(at(j, "windows_events_read"));
    a.web_server_lines = num<std::uint64_t>(at(j, "web_server_lines"));
    a.capi2_events = num<std::uint64_t>(at(j, "capi2_events"));
    for (const Json& t : arr(at(j, "triples"), IntCounter::kSlots, "triples")) {
      if (!t.is_array() || t.size() != 2) throw BadPartial("a triple is not [key, count]");
      const auto n = num<std::uint64_t>(t[1]);
      if (n == 0) throw BadPartial("a triple counted 0 times");
      a.triples_.add(num<std::uint64_t>(t[0]), n);
    }
    a.triples_.overflow += num<std::uint64_t>(at(j, "triples_overflow"));
    a.unparsed_examples_ = get_examples(at(j, "unparsed_examples"), file, kUnparsedExamples);
    const Json& kinds = arr(at(j, "kinds"), a.kinds_.size(), "kinds");
    if (kinds.size() != a.kinds_.size()) throw BadPartial("\"kinds\" is not one entry per failure kind");
    for (std::size_t i = 0; i < a.kinds_.size(); ++i) {
      KindCounters& k = a.kinds_[i];
      const Json& x = kinds[i];
      k.count = num<std::uint64_t>(at(x, "count"));
      k.first_time = get_opt(at(x, "first"));
      k.last_time = get_opt(at(x, "last"));
      for (const Json& w : arr(at(x, "by_win32"), 4096, "by_win32")) {
        if (!w.is_array() || w.size() != 2) throw BadPartial("a win32 count is not [code, count]");
        k.by_win32[num<std::uint32_t>(w[0])] += num<std::uint64_t>(w[1]);
      }
      get_tops(at(x, "clients"), k.clients);
      get_tops(at(x, "uris"), k.uris);
      get_tops(at(x, "user_agents"), k.user_agents);
      k.examples = get_examples(at(x, "examples"), file, kExamplesPerKind);
    }
    for (const Json& m : arr(at(j, "per_minute"), kHistogramMinutes, "per_minute")) {
      if (!m.is_array() || m.size() != 2) throw BadPartial("a minute is not [minute, count]");
      a.per_minute_[num<std::int64_t>(m[0])] += num<std::uint64_t>(m[1]);
    }
    a.histogram_dropped_ = num<std::uint64_t>(at(j, "histogram_dropped"));
    for (const Json& h : arr(at(j, "httperr"), kHttpErrReasons, "httperr")) {
      HttpErrCounters c;
      c.count = num<std::uint64_t>(at(h, "count"));
      c.first_time = get_opt(at(h, "first"));
      c.last_time = get_opt(at(h, "last"));
      c.file = file;
      c.example = get_example(at(h, "example"));
      a.httperr_.emplace(str(at(h, "reason"), 1024), std::move(c));
    }
    a.httperr_other_ = num<std::uint64_t>(at(j, "httperr_other"));
    for (const Json& f : arr(at(j, "freb_events"), kKeptEvents, "freb_events")) {
      FrebEvent e;
      e.file = str(at(f, "file"));
      e.line = num<std::uint64_t>(at(f, "line"));
      e.url = str(at(f, "url"));
      e.client = str(at(f, "client"));
      e.site_id = str(at(f, "site_id"));
      e.opcode = str(at(f, "opcode"));
      e.module = str(at(f, "module"));
      e.notification = str(at(f, "notification"));
      e.status = num<int>(at(f, "status"));
      e.substatus = num<int>(at(f, "substatus"));
      e.error_code = num<std::uint32_t>(at(f, "error_code"));
      e.time = get_opt(at(f, "time"));
      a.freb_events_.push_back(std::move(e));
    }
    for (const Json& w : arr(at(j, "windows_events"), kKeptEvents, "windows_events")) {
      WindowsEvent e;
      e.file = str(at(w, "file"));
      e.record = num<std::uint64_t>(at(w, "record"));
      e.provider = str(at(w, "provider"), 256);
      e.event_id = num<std::uint32_t>(at(w, "event_id"));
      e.time = get_opt(at(w, "time"));
      e.meaning = str(at(w, "meaning"));
      if (!at(w, "alert").is_null()) e.alert = num<std::uint32_t>(at(w, "alert"));
      for (const Json& d : arr(at(w, "data"), 16, "data")) {
        if (!d.is_array() || d.size() != 2) throw BadPartial("an event data item is not [name, value]");
        e.data.emplace_back(str(d[0], 256), str(d[1], 256));
      }
      a.windows_events_.push_back(std::move(e));
    }
    for (const Json& c : arr(at(j, "event_counts"), 4096, "event_counts")) {
      WindowsEventCount n;
      n.provider = str(at(c, "provider"), 256);
      n.event_id = num<std::uint32_t>(at(c, "event_id"));
      n.detail = str(at(c, "detail"), 256);
      n.meaning = str(at(c, "meaning"));
      if (!at(c, "alert").is_null()) n.alert = num<std::uint32_t>(at(c, "alert"));
      n.count = num<std::uint64_t>(at(c, "count"));
      n.first_time = get_opt(at(c, "first"));
      n.last_time = get_opt(at(c, "last"));
      Accumulator::EventKey key{n.provider, n.event_id, n.detail};
      a.event_counts_.emplace(std::move(key), std::move(n));
    }
    for (const Json& p : arr(at(j, "problems"), 1 << 16, "problems")) {
      if (!p.is_array() || p.size() != 2) throw BadPartial("a problem is not [file, message]");
      a.problems_.push_back({str(p[0]), str(p[1])});
    }
    for (const Json& w : arr(at(j, "web"), kWebMessageKinds, "web")) {
      const int server = num<int>(at(w, "server"));
      if (server < 0 || server > static_cast<int>(WebServer::nginx_or_apache)) throw BadPartial("a web server is out of range");
      if (!at(w, "access").is_boolean() || !at(w, "local_time").is_boolean()) throw BadPartial("a flag is not true or false");
      Accumulator::WebKey key{static_cast<WebServer>(server), at(w, "access").get<bool>(), str(at(w, "code"), 256),
                              num<int>(at(w, "verify")), num<int>(at(w, "alert"))};
      Accumulator::WebCounters c;
      WebServerMessage& m = c.message;
      m.server = key.server;
      m.source = str(at(w, "source"), 64);
      m.local_time = at(w, "local_time").get<bool>();
      m.code = key.code;
      m.meaning = str(at(w, "meaning"));
      m.kind = get_opt_kind(at(w, "kind"));
      if (!at(w, "verify_error").is_null()) m.verify_error = num<int>(at(w, "verify_error"));
      if (!at(w, "alert_number").is_null()) m.alert = num<int>(at(w, "alert_number"));
      m.reason = str(at(w, "reason"), 200);
      m.count = num<std::uint64_t>(at(w, "count"));
      m.first_time = get_opt(at(w, "first"));
      m.last_time = get_opt(at(w, "last"));
      get_tops(at(w, "clients"), c.clients);
      get_tops(at(w, "servers"), c.servers);
      c.examples = get_examples(at(w, "examples"), file, kExamplesPerKind);
      a.web_.emplace(std::move(key), std::move(c));
    }
    a.web_other_ = num<std::uint64_t>(at(j, "web_other"));
    a.assumed_ = get_examples(at(j, "assumed"), file, kAssumedNotes);
    for (const Json& x : arr(at(j, "capi2"), kCapi2Groups, "capi2")) {
      if (!at(x, "client_auth").is_boolean()) throw BadPartial("a flag is not true or false");
      Accumulator::Capi2Key key{num<std::uint32_t>(at(x, "event_id")), at(x, "client_auth").get<bool>(),
                                num<std::uint32_t>(at(x, "result")), num<std::uint32_t>(at(x, "trust")),
                                str(at(x, "thumbprint"), 64), str(at(x, "policy"), 256)};
      Accumulator::Capi2Counters c;
      Capi2ChainError& e = c.error;
      e.event_id = key.event_id;
      e.client_auth = key.client_auth;
      e.policy = key.policy;
      e.result = key.result;
      e.trust_errors = key.trust;
      e.kind = get_opt_kind(at(x, "kind"));
      e.certificate.thumbprint = key.thumbprint;
      e.certificate.subject = str(at(x, "subject"), 256);
      e.process = str(at(x, "process"), 128);
      e.count = num<std::uint64_t>(at(x, "count"));
      e.first_time = get_opt(at(x, "first"));
      e.last_time = get_opt(at(x, "last"));
      c.examples = get_examples(at(x, "examples"), file, kExamplesPerKind);
      a.capi2_.emplace(std::move(key), std::move(c));
    }
    a.capi2_ok_ = num<std::uint64_t>(at(j, "capi2_ok"));
    a.capi2_other_ = num<std::uint64_t>(at(j, "capi2_other"));
    for (const Json& x : arr(at(j, "capi2_certificates"), kCapi2Certificates, "capi2_certificates")) {
      Capi2Certificate c;
      c.thumbprint = str(at(x, "thumbprint"), 64);
      c.subject = str(at(x, "subject"), 256);
      c.issuer = str(at(x, "issuer"), 256);
      c.not_before = get_opt(at(x, "not_before"));
      c.not_after = get_opt(at(x, "not_after"));
      std::string key = c.thumbprint;
      a.capi2_certificates_.emplace(std::move(key), std::move(c));
    }
    for (const Json& p : arr(at(j, "pending"), kPendingCap, "pending")) {
      if (!p.is_array() || p.size() != 7) throw BadPartial("a pending 500 is not [slot, client, ...]");
      Json rest(p.begin() + 1, p.end());
      if (!a.pending_.restore(num<std::size_t>(p[0]), get_pending_line(rest, file))) {
        throw BadPartial("a pending 500 does not fit its table");
      }
    }
    for (const Json& o : arr(at(j, "orphans"), kOrphanCap, "orphans")) a.orphans_.push_back(get_pending_line(o, file));
    a.first_time_ = get_opt(at(j, "first_time"));
    a.last_time_ = get_opt(at(j, "last_time"));
    a.pairs_ = num<std::uint64_t>(at(j, "pairs"));
    for (const Json& p : arr(at(j, "pair_examples"), kExamplesPerKind, "pair_examples")) {
      if (!p.is_array() || p.size() != 2) throw BadPartial("a pair is not [500 line, 403.7 line]");
      a.pair_examples_.push_back({{file, get_example(p[0])}, {file, get_example(p[1])}});
    }
    a.pending_dropped_ = num<std::uint64_t>(at(j, "pending_dropped"));
  }
};

namespace {

/// One line of at most `cap` bytes (without its newline); false at the end. A longer line sets
/// `too_long` and stops there, so memory stays bounded whatever the input.
bool next_line(std::istream& in, std::string& out, std::size_t cap, bool& too_long) {
  out.clear();
  too_long = false;
  std::streambuf* buf = in.rdbuf();
  bool any = false;
  for (;;) {
    const int c = buf->sbumpc();
    if (c == std::char_traits<char>::eof()) return any;
    any = true;
    if (c == '\n') return true;
    if (out.size() >= cap) {
      too_long = true;
      return true;
    }
    out.push_back(static_cast<char>(c));
  }
}

Json filters_json(const Filters& f) {
  return {{"since", opt(f.since)}, {"until", opt(f.until)}, {"site", opt32(f.site)}, {"window", f.window_seconds}};
}

Filters get_filters(const Json& j) {
  Filters f;
  f.since = get_opt(at(j, "since"));
  f.until = get_opt(at(j, "until"));
  if (!at(j, "site").is_null()) f.site = num<std::uint32_t>(at(j, "site"));
  f.window_seconds = num<int>(at(j, "window"));
  if (f.window_seconds < 1 || f.window_seconds > 86400) throw BadPartial("the window is out of range (1-86400 seconds)");
  return f;
}

bool same_filters(const Filters& a, const Filters& b) {
  return a.since == b.since && a.until == b.until && a.site == b.site && a.window_seconds == b.window_seconds;
}

}  // namespace

Expected<Done> write_partials(const std::vector<std::string>& paths, const LogOptions& options,
                              const std::function<void(std::string_view line)>& write) {
  auto plan = plan_inputs(paths, options);
  if (!plan) return unexpected(plan.error());
  run_plan(*plan, options, [&](const Task& task, Accumulator&& acc, const std::vector<Error>& errors, std::size_t ok) {
    Json line;
    line["file"] = text(task.name);
    line["mtls_doctor_partial"] = kPartialVersion;
    line["filters"] = filters_json(options.filters);
    Json error = Json::array();
    for (const Error& e : errors) error.push_back(text(e.message));
    line["errors"] = std::move(error);
    line["usable"] = ok;
    line["aggregate"] = PartialCodec::encode(acc);
    write(line.dump());
  });
  return Done{};
}

namespace {

/// What the merge has gathered so far, over every partial file.
struct MergeState {
  std::optional<Accumulator> total;
  Filters filters;
  std::vector<std::string> names;
  std::size_t usable = 0;
};

/// The partial lines of one stream, merged into `state` in order.
Expected<Done> merge_stream(std::istream& in, const std::string& shown, MergeState& state) {
  std::string text;
  std::uint64_t number = 0;
  std::size_t lines_here = 0;
  bool too_long = false;
  while (next_line(in, text, kMaxPartialLineBytes, too_long)) {
    ++number;
    if (too_long) {
      return unexpected(file_error(shown, "not a partial aggregate",
                                   fmt::format("a line longer than {} MiB", kMaxPartialLineBytes >> 20), number));
    }
    if (!text.empty() && text.back() == '\r') text.pop_back();
    if (text.empty()) continue;
    const Json line = Json::parse(text, nullptr, false);
    if (line.is_discarded()) {
      return unexpected(file_error(shown, "not a partial aggregate", "not JSON; write it with mtls-doctor logs --partial", number));
    }
    try {
      if (!line.is_object() || !line.contains("mtls_doctor_partial") || line["mtls_doctor_partial"] != kPartialVersion) {
        throw BadPartial(fmt::format("no \"mtls_doctor_partial\": {} (write it with mtls-doctor logs --partial of this "
                                     "version)", kPartialVersion));
      }
      const Filters f = get_filters(at(line, "filters"));
      if (!state.total) {
        state.filters = f;
        state.total.emplace(f);
      } else if (!same_filters(f, state.filters)) {
        throw BadPartial("written with other --since/--until/--site/--window than the lines before it");
      }
      if (state.names.size() >= (1u << 24)) throw BadPartial("more than 16 million inputs");
      const auto index = static_cast<std::uint32_t>(state.names.size());
      std::string name = str(at(line, "file"), 4096);
      Accumulator acc(state.filters);
      PartialCodec::decode(at(line, "aggregate"), index, acc);
      std::vector<std::string> errors;
      for (const Json& e : arr(at(line, "errors"), 1024, "errors")) errors.push_back(str(e));
      const auto usable = num<std::size_t>(at(line, "usable"));
      // Nothing of the line is merged until all of it was read: a bad line changes nothing.
      for (std::string& e : errors) state.total->add_problem(name, std::move(e));
      state.usable += usable;
      state.names.push_back(std::move(name));
      state.total->merge(std::move(acc));
      ++lines_here;
    } catch (const BadPartial& e) {
      return unexpected(file_error(shown, "not a partial aggregate", e.what(), number));
    } catch (const nlohmann::json::exception& e) {
      return unexpected(file_error(shown, "not a partial aggregate", e.what(), number));
    }
  }
  if (lines_here == 0) {
    return unexpected(file_error(shown, number == 0 ? "empty" : "not a partial aggregate",
                                 number == 0 ? "0 bytes" : "no partial line in it"));
  }
  return Done{};
}

}  // namespace

Expected<LogEvidence> merge_partials(const std::vector<std::string>& paths) {
  MergeState state;
  for (const std::string& path : paths) {
    const std::string shown = path == "-" ? std::string("(stdin)") : path;
    if (path == "-") {
      if (auto r = merge_stream(std::cin, shown, state); !r) return unexpected(r.error());
      continue;
    }
    if (auto ok = check_input_file(path, shown, false); !ok) return unexpected(ok.error());
    std::ifstream file(path, std::ios::binary);
    if (!file) return unexpected(file_error(shown, "cannot read", std::strerror(errno)));
    if (auto r = merge_stream(file, shown, state); !r) return unexpected(r.error());
  }
  if (!state.total) return unexpected(file_error("", "no partial aggregate", "no file given"));
  return finish_logs(*state.total, state.names, state.usable);
}

Expected<LogEvidence> merge_partial_text(std::string_view text, std::string_view name) {
  MergeState state;
  std::istringstream in{std::string(text)};
  if (auto r = merge_stream(in, std::string(name), state); !r) return unexpected(r.error());
  return finish_logs(*state.total, state.names, state.usable);
}

}  // namespace mtls::logs
