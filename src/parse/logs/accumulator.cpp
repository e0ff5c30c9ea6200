// SPDX-License-Identifier: Apache-2.0
#include "parse/logs/accumulator.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstring>

#include "knowledge/client_cert_failures.h"
#include "knowledge/iis_status.h"
#include "knowledge/win32_codes.h"

namespace mtls::logs {
namespace {

LogExample example_of(const Entry& e) {
  return {{}, e.line, std::string(e.text.substr(0, kExampleBytes))};
}

// status (10 bits) | substatus absent (1) | win32 absent (1) | substatus (20) | win32 (32).
constexpr std::uint64_t kNoSubstatus = std::uint64_t{1} << 53;
constexpr std::uint64_t kNoWin32 = std::uint64_t{1} << 52;

std::uint64_t pack_triple(int status, std::optional<int> substatus, std::optional<std::uint32_t> win32) {
  std::uint64_t key = static_cast<std::uint64_t>(status & 0x3ff) << 54;
  key |= substatus ? static_cast<std::uint64_t>(*substatus & kMaxSubstatus) << 32 : kNoSubstatus;
  key |= win32 ? *win32 : kNoWin32;
  return key;
}

void widen(std::optional<std::int64_t>& first, std::optional<std::int64_t>& last,
           std::optional<std::int64_t> t) {
  if (!t) return;
  if (!first || *t < *first) first = t;
  if (!last || *t > *last) last = t;
}

}  // namespace

void Accumulator::count_failure(LogFailureKind kind, const Entry& e) {
  KindCounters& k = kinds_[static_cast<std::size_t>(kind)];
  ++k.count;
  widen(k.first_time, k.last_time, e.time);
  if (e.win32) ++k.by_win32[*e.win32];
  if (!e.client.empty()) k.clients.add(e.client);
  if (!e.uri.empty()) k.uris.add(e.uri);
  if (!e.user_agent.empty()) k.user_agents.add(e.user_agent);
  if (k.examples.size() < kExamplesPerKind) k.examples.emplace_back(e.file, example_of(e));
  count_minute(e.time);
}

void Accumulator::count_minute(std::optional<std::int64_t> time, std::uint64_t n) {
  if (!time) return;
  const std::int64_t minute = *time - ((*time % 60) + 60) % 60;
  auto it = per_minute_.find(minute);
  if (it != per_minute_.end()) {
    it->second += n;
  } else if (per_minute_.size() < kHistogramMinutes) {
    per_minute_.emplace(minute, n);
  } else {
    histogram_dropped_ += n;
  }
}

void Accumulator::add_access(const Entry& e) {
  ++entries;
  ++web_server_lines;
  triples_.add(pack_triple(e.status, std::nullopt, std::nullopt));
}

void Accumulator::add_web_message(const WebMessageInfo& info, const Entry& e) {
  WebKey key{info.server, info.access, std::string(info.code), info.verify_error.value_or(-1), info.alert.value_or(-1)};
  auto it = web_.find(key);
  if (it == web_.end()) {
    if (web_.size() >= kWebMessageKinds) {
      ++web_other_;
      return;
    }
    WebCounters c;
    c.message.server = info.server;
    c.message.source = info.access ? "access log" : "error log";
    c.message.local_time = !info.access;
    c.message.code = std::string(info.code);
    c.message.meaning = std::string(info.meaning);
    c.message.kind = info.kind;
    c.message.verify_error = info.verify_error;
    c.message.alert = info.alert;
    c.message.reason = std::string(info.reason.substr(0, 200));
    it = web_.emplace(std::move(key), std::move(c)).first;
  }
  WebCounters& c = it->second;
  ++c.message.count;
  widen(c.message.first_time, c.message.last_time, e.time);
  if (!e.client.empty()) c.clients.add(e.client);
  if (!info.server_name.empty()) c.servers.add(info.server_name);
  if (c.examples.size() < kExamplesPerKind) c.examples.emplace_back(e.file, example_of(e));
  // The certificate failures join the per-minute histogram, as IIS's 403.7 and 403.16 do; only
  // from access logs, whose times are UTC (error-log times have no zone).
  if (info.kind && info.access) count_minute(e.time);
}

void Accumulator::add_capi2_chain(const Capi2EventInfo& info) {
  if (info.result == 0 && info.trust_errors == 0) {
    ++capi2_ok_;
    return;
  }
  Capi2Key key{info.event_id, info.client_auth, info.result, info.trust_errors, std::string(info.thumbprint),
               std::string(info.policy)};
  auto it = capi2_.find(key);
  if (it == capi2_.end()) {
    if (capi2_.size() >= kCapi2Groups) {
      ++capi2_other_;
      return;
    }
    Capi2Counters c;
    Capi2ChainError& e = c.error;
    e.event_id = info.event_id;
    e.client_auth = info.client_auth;
    e.policy = key.policy;
    e.result = info.result;
    e.trust_errors = info.trust_errors;
    // The error the caller saw decides; event 11's trust bits when its call itself succeeded.
    e.kind = knowledge::classify_chain_error(info.result);
    if (!e.kind && info.result == 0) e.kind = knowledge::classify_trust_errors(info.trust_errors);
    e.certificate.thumbprint = key.thumbprint;
    e.certificate.subject = std::string(info.subject.substr(0, 256));
    e.process = std::string(info.process.substr(0, 128));
    it = capi2_.emplace(std::move(key), std::move(c)).first;
  }
  Capi2Counters& c = it->second;
  ++c.error.count;
  widen(c.error.first_time, c.error.last_time, info.time);
  if (c.examples.size() < kExamplesPerKind) {
    c.examples.emplace_back(info.file, LogExample{{}, info.record, std::string(info.text.substr(0, kExampleBytes))});
  }
}

void Accumulator::add_capi2_certificate(Capi2Certificate certificate) {
  if (certificate.thumbprint.empty() || capi2_certificates_.contains(certificate.thumbprint)) return;
  if (capi2_certificates_.size() >= kCapi2Certificates) return;
  std::string key = certificate.thumbprint;
  capi2_certificates_.emplace(std::move(key), std::move(certificate));
}

void Accumulator::note_assumed_fields(std::uint32_t file, std::uint64_t line, std::string_view fields) {
  if (assumed_.size() < kAssumedNotes) assumed_.emplace_back(file, LogExample{{}, line, std::string(fields)});
}

void Accumulator::add_w3c(const Entry& e) {
  ++entries;
  triples_.add(pack_triple(e.status, e.substatus, e.win32));
  if (e.status != 403 && e.status != 500) return;  // the common case ends here
  const auto kind = knowledge::classify_status_triple(e.status, e.substatus, e.win32);
  if (!kind) return;
  count_failure(*kind, e);
  if (*kind == LogFailureKind::renegotiation_aborted) note_renegotiation_500(e);
  if (e.status == 403 && e.substatus == 7) note_403_7(e);
}

void Accumulator::add_failure(LogFailureKind kind, const Entry& e) {
  count_failure(kind, e);
  if (kind == LogFailureKind::renegotiation_aborted) note_renegotiation_500(e);
  if (kind == LogFailureKind::cert_required || kind == LogFailureKind::ctl_access_denied) note_403_7(e);
}

void Accumulator::add_httperr(const Entry& e, std::string_view reason) {
  ++httperr_entries;
  if (reason.empty()) reason = "-";
  auto it = httperr_.find(reason);
  if (it == httperr_.end()) {
    if (httperr_.size() >= kHttpErrReasons) {
      ++httperr_other_;
      return;
    }
    HttpErrCounters c;
    c.file = e.file;
    c.example = example_of(e);
    it = httperr_.emplace(std::string(reason), std::move(c)).first;
  }
  ++it->second.count;
  widen(it->second.first_time, it->second.last_time, e.time);
}

void Accumulator::add_unparsed(std::uint32_t file, std::uint64_t line, std::string_view reason) {
  ++unparsed;
  if (unparsed_examples_.size() < kUnparsedExamples) {
    unparsed_examples_.emplace_back(file, LogExample{{}, line, std::string(reason)});
  }
}

void Accumulator::add_problem(std::string file, std::string message) {
  problems_.push_back({std::move(file), std::move(message)});
}

void Accumulator::add_freb_event(FrebEvent event) {
  if (freb_events_.size() < kKeptEvents) freb_events_.push_back(std::move(event));
}

void Accumulator::add_windows_event(WindowsEvent event, std::string detail) {
  EventKey key{event.provider, event.event_id, std::move(detail)};
  auto it = event_counts_.find(key);
  if (it == event_counts_.end()) {
    WindowsEventCount c{event.provider, event.event_id, key.detail, event.meaning, event.alert, 0, {}, {}};
    it = event_counts_.emplace(std::move(key), std::move(c)).first;
  }
  ++it->second.count;
  widen(it->second.first_time, it->second.last_time, event.time);
  if (windows_events_.size() < kKeptEvents) windows_events_.push_back(std::move(event));
}

void Accumulator::note_renegotiation_500(const Entry& e) {
  const std::int64_t t = e.time.value_or(0);
  if (!first_time_) first_time_ = t;
  last_time_ = std::max(last_time_.value_or(t), t);
  if (!pending_.put(PendingLine::from(e), t, filters_.window_seconds)) ++pending_dropped_;
}

void Accumulator::note_403_7(const Entry& e) {
  const std::int64_t t = e.time.value_or(0);
  if (!first_time_) first_time_ = t;
  last_time_ = std::max(last_time_.value_or(t), t);
  const std::string_view client = e.client.empty() ? std::string_view("-") : e.client.substr(0, 48);
  PendingLine* p = pending_.find(client);
  if (p != nullptr && !p->consumed && paired_in_window(p->time, t, filters_.window_seconds)) {
    p->consumed = true;
    add_pair(*p, e);
    return;
  }
  // Unpaired here: an earlier segment may hold its 500, if it is within one window of our start.
  if (orphans_.size() < kOrphanCap && t - *first_time_ <= filters_.window_seconds) {
    PendingLine o = PendingLine::from(e);
    o.prior_500 = p != nullptr;
    orphans_.push_back(o);
  }
}

void Accumulator::add_pair(const PendingLine& first, const Entry& second) {
  ++pairs_;
  if (pair_examples_.size() < kExamplesPerKind) {
    pair_examples_.push_back({{first.file, LogExample{{}, first.line, std::string(first.text_view())}},
                              {second.file, example_of(second)}});
  }
}

void Accumulator::add_pair(const PendingLine& first, const PendingLine& second) {
  ++pairs_;
  if (pair_examples_.size() < kExamplesPerKind) {
    pair_examples_.push_back({{first.file, LogExample{{}, first.line, std::string(first.text_view())}},
                              {second.file, LogExample{{}, second.line, std::string(second.text_view())}}});
  }
}

void Accumulator::merge(Accumulator&& later) {
  lines += later.lines;
  entries += later.entries;
  unparsed += later.unparsed;
  filtered_out += later.filtered_out;
  httperr_entries += later.httperr_entries;
  freb_files += later.freb_files;
  windows_events_read += later.windows_events_read;
  web_server_lines += later.web_server_lines;
  capi2_events += later.capi2_events;
  triples_.merge(later.triples_);
  for (auto& u : later.unparsed_examples_) {
    if (unparsed_examples_.size() < kUnparsedExamples) unparsed_examples_.push_back(std::move(u));
  }
  for (std::size_t i = 0; i < kinds_.size(); ++i) {
    KindCounters& a = kinds_[i];
    KindCounters& b = later.kinds_[i];
    a.count += b.count;
    widen(a.first_time, a.last_time, b.first_time);
    widen(a.first_time, a.last_time, b.last_time);
    for (const auto& [w, n] : b.by_win32) a.by_win32[w] += n;
    a.clients.merge(b.clients);
    a.uris.merge(b.uris);
    a.user_agents.merge(b.user_agents);
    for (auto& ex : b.examples) {
      if (a.examples.size() < kExamplesPerKind) a.examples.push_back(std::move(ex));
    }
  }
  for (const auto& [minute, n] : later.per_minute_) count_minute(minute, n);
  histogram_dropped_ += later.histogram_dropped_;
  for (auto& [reason, c] : later.httperr_) {
    auto it = httperr_.find(reason);
    if (it == httperr_.end()) {
      if (httperr_.size() >= kHttpErrReasons) {
        httperr_other_ += c.count;
        continue;
      }
      httperr_.emplace(reason, std::move(c));
    } else {
      it->second.count += c.count;
      widen(it->second.first_time, it->second.last_time, c.first_time);
      widen(it->second.first_time, it->second.last_time, c.last_time);
    }
  }
  httperr_other_ += later.httperr_other_;
  for (auto& f : later.freb_events_) {
    if (freb_events_.size() < kKeptEvents) freb_events_.push_back(std::move(f));
  }
  for (auto& w : later.windows_events_) {
    if (windows_events_.size() < kKeptEvents) windows_events_.push_back(std::move(w));
  }
  for (auto& [key, c] : later.event_counts_) {
    auto it = event_counts_.find(key);
    if (it == event_counts_.end()) {
      event_counts_.emplace(key, std::move(c));
    } else {
      it->second.count += c.count;
      widen(it->second.first_time, it->second.last_time, c.first_time);
      widen(it->second.first_time, it->second.last_time, c.last_time);
    }
  }
  for (auto& p : later.problems_) problems_.push_back(std::move(p));
  for (auto& [key, c] : later.web_) {
    auto it = web_.find(key);
    if (it == web_.end()) {
      if (web_.size() >= kWebMessageKinds) {
        web_other_ += c.message.count;
        continue;
      }
      web_.emplace(key, std::move(c));
      continue;
    }
    WebCounters& a = it->second;
    a.message.count += c.message.count;
    widen(a.message.first_time, a.message.last_time, c.message.first_time);
    widen(a.message.first_time, a.message.last_time, c.message.last_time);
    a.clients.merge(c.clients);
    a.servers.merge(c.servers);
    for (auto& ex : c.examples) {
      if (a.examples.size() < kExamplesPerKind) a.examples.push_back(std::move(ex));
    }
  }
  web_other_ += later.web_other_;
  for (auto& a : later.assumed_) {
    if (assumed_.size() < kAssumedNotes) assumed_.push_back(std::move(a));
  }
  for (auto& [key, c] : later.capi2_) {
    auto it = capi2_.find(key);
    if (it == capi2_.end()) {
      if (capi2_.size() >= kCapi2Groups) {
        capi2_other_ += c.error.count;
        continue;
      }
      capi2_.emplace(key, std::move(c));
      continue;
    }
    Capi2Counters& a = it->second;
    a.error.count += c.error.count;
    widen(a.error.first_time, a.error.last_time, c.error.first_time);
    widen(a.error.first_time, a.error.last_time, c.error.last_time);
    for (auto& ex : c.examples) {
      if (a.examples.size() < kExamplesPerKind) a.examples.push_back(std::move(ex));
    }
  }
  capi2_ok_ += later.capi2_ok_;
  capi2_other_ += later.capi2_other_;
  for (auto& [thumbprint, cert] : later.capi2_certificates_) {
    if (capi2_certificates_.size() < kCapi2Certificates) capi2_certificates_.emplace(thumbprint, std::move(cert));
  }

  // Late negotiation across the boundary: our pending 500s meet the later segment's unpaired
  // 403.7s (those early enough to be within one window of a 500 of ours).
  const int window = filters_.window_seconds;
  if (!first_time_) {
    // Nothing before (an empty accumulator, as each input's starts): the later segment's
    // orphans stay orphans, for the segment before the merged one to pair.
    for (const PendingLine& o : later.orphans_) {
      if (orphans_.size() < kOrphanCap) orphans_.push_back(o);
    }
  }
  for (const PendingLine& o : first_time_ ? later.orphans_ : std::vector<PendingLine>{}) {
    if (o.prior_500) continue;  // sequentially, the later segment's own 500 replaced ours
    PendingLine* p = pending_.find(o.client_view());
    if (p != nullptr && !p->consumed && paired_in_window(p->time, o.time, window)) {
      p->consumed = true;
      add_pair(*p, o);
    } else if (orphans_.size() < kOrphanCap && first_time_ && o.time - *first_time_ <= window) {
      orphans_.push_back(o);  // still early enough for a segment before us
    }
  }
  if (!first_time_) {
    // Nothing before: the later segment's own orphans stay orphans of the merged segment.
    first_time_ = later.first_time_;
  }
  pairs_ += later.pairs_;
  for (auto& ex : later.pair_examples_) {
    if (pair_examples_.size() < kExamplesPerKind) pair_examples_.push_back(std::move(ex));
  }
  pending_dropped_ += later.pending_dropped_;
  const std::int64_t now = std::max(last_time_.value_or(0), later.last_time_.value_or(0));
  if (later.last_time_ || last_time_) last_time_ = now;
  for (const PendingLine& p : later.pending_.live(now, window)) {
    if (!pending_.put(p, now, window)) ++pending_dropped_;
  }
}

void Accumulator::shift_lines(std::uint64_t delta) {
  if (delta == 0) return;
  for (auto& u : unparsed_examples_) u.second.line += delta;
  for (KindCounters& k : kinds_) {
    for (auto& ex : k.examples) ex.second.line += delta;
  }
  for (auto& [reason, c] : httperr_) c.example.line += delta;
  for (PendingLine& o : orphans_) o.line += delta;
  for (auto& [key, c] : web_) {
    for (auto& ex : c.examples) ex.second.line += delta;
  }
  for (auto& a : assumed_) a.second.line += delta;
  pending_.shift_lines(delta);
  for (auto& [a, b] : pair_examples_) {
    a.second.line += delta;
    b.second.line += delta;
  }
}

void Accumulator::finish(LogEvidence& out, const std::vector<std::string>& file_names) const {
  auto name = [&](std::uint32_t i) { return i < file_names.size() ? file_names[i] : std::string("-"); };
  auto resolve = [&](const std::pair<std::uint32_t, LogExample>& ex) {
    LogExample e = ex.second;
    e.file = name(ex.first);
    return e;
  };
  out.files = file_names;
  out.lines = lines;
  out.entries = entries;
  out.unparsed = unparsed;
  out.filtered_out = filtered_out;
  out.by_status.clear();
  out.by_win32.clear();
  out.by_triple.clear();
  triples_.for_each([&](std::uint64_t key, std::uint64_t n) {
    LogTriple t;
    t.status = static_cast<int>(key >> 54);
    if ((key & kNoSubstatus) == 0) t.substatus = static_cast<int>((key >> 32) & kMaxSubstatus);
    if ((key & kNoWin32) == 0) t.win32 = static_cast<std::uint32_t>(key & 0xffffffffu);
    t.count = n;
    if (t.substatus) {
      if (const auto* s = knowledge::find_iis_status(t.status, *t.substatus)) t.status_name = std::string(s->name);
    }
    if (t.win32 && *t.win32 != 0) {
      if (const auto* w = knowledge::find_win32_code(*t.win32)) t.win32_name = std::string(w->name);
    }
    // Without sc-substatus the key is the status alone ("200"), not "200.0".
    out.by_status[t.substatus ? fmt::format("{}.{}", t.status, *t.substatus) : fmt::format("{}", t.status)] += n;
    if (t.win32) out.by_win32[fmt::format("{}", *t.win32)] += n;
    out.by_triple.push_back(std::move(t));
  });
  std::sort(out.by_triple.begin(), out.by_triple.end(), [](const LogTriple& a, const LogTriple& b) {
    if (a.count != b.count) return a.count > b.count;
    if (a.status != b.status) return a.status < b.status;
    if (a.substatus != b.substatus) return a.substatus < b.substatus;
    return a.win32 < b.win32;
  });
  out.unparsed_examples.clear();
  for (const auto& u : unparsed_examples_) out.unparsed_examples.push_back(resolve(u));
  out.failures.clear();
  for (std::size_t i = 0; i < kinds_.size(); ++i) {
    const KindCounters& k = kinds_[i];
    if (k.count == 0) continue;
    LogFailure f;
    f.kind = static_cast<LogFailureKind>(i);
    f.count = k.count;
    f.first_time = k.first_time;
    f.last_time = k.last_time;
    f.by_win32 = k.by_win32;
    f.top_clients = k.clients.top(10);
    f.top_uris = k.uris.top(10);
    f.top_user_agents = k.user_agents.top(5);
    for (const auto& ex : k.examples) f.examples.push_back(resolve(ex));
    out.failures.push_back(std::move(f));
  }
  out.failures_per_minute = per_minute_;
  out.histogram_dropped = histogram_dropped_;
  out.late_negotiation.window_seconds = filters_.window_seconds;
  out.late_negotiation.pairs = pairs_;
  out.late_negotiation.pending_dropped = pending_dropped_;
  out.late_negotiation.examples.clear();
  for (const auto& [a, b] : pair_examples_) out.late_negotiation.examples.emplace_back(resolve(a), resolve(b));
  out.httperr_entries = httperr_entries;
  out.httperr_reasons.clear();
  for (const auto& [reason, c] : httperr_) {
    LogHttpErrReason r;
    r.reason = reason;
    r.count = c.count;
    // HTTP Server API error logging (KB820729): these reasons mean the connection itself ended
    // without a response, which is what a failed TLS renegotiation looks like from http.sys.
    r.connection_level = reason.starts_with("Connection_") || reason == "Client_Reset";
    r.first_time = c.first_time;
    r.last_time = c.last_time;
    r.example = c.example;
    r.example.file = name(c.file);
    out.httperr_reasons.push_back(std::move(r));
  }
  if (httperr_other_ != 0) out.httperr_reasons.push_back({"(other reasons)", httperr_other_, false, {}, {}, {}});
  std::stable_sort(out.httperr_reasons.begin(), out.httperr_reasons.end(),
                   [](const LogHttpErrReason& a, const LogHttpErrReason& b) { return a.count > b.count; });
  out.freb_files = freb_files;
  out.freb_events = freb_events_;
  out.windows_events_read = windows_events_read;
  out.windows_events = windows_events_;
  out.windows_event_counts.clear();
  for (const auto& [key, c] : event_counts_) out.windows_event_counts.push_back(c);
  out.problems = problems_;
  out.assumed_fields.clear();
  for (const auto& a : assumed_) out.assumed_fields.push_back(resolve(a));
  out.web_server_lines = web_server_lines;
  out.web_server_messages.clear();
  for (const auto& [key, c] : web_) {
    WebServerMessage m = c.message;
    m.top_clients = c.clients.top(10);
    m.top_servers = c.servers.top(5);
    for (const auto& ex : c.examples) m.examples.push_back(resolve(ex));
    out.web_server_messages.push_back(std::move(m));
  }
  if (web_other_ != 0) {
    out.problems.push_back({"-", fmt::format("{} nginx/Apache messages beyond {} kinds were counted in no group",
                                             web_other_, kWebMessageKinds)});
  }
  std::stable_sort(out.web_server_messages.begin(), out.web_server_messages.end(),
                   [](const WebServerMessage& a, const WebServerMessage& b) { return a.count > b.count; });
  out.capi2_events = capi2_events;
  out.capi2_chains_ok = capi2_ok_;
  out.capi2_chain_errors.clear();
  for (const auto& [key, c] : capi2_) {
    Capi2ChainError e = c.error;
    // Event 90 logs the certificates of a chain context: the issuer and dates of this one.
    if (auto cert = capi2_certificates_.find(e.certificate.thumbprint); cert != capi2_certificates_.end()) {
      if (e.certificate.subject.empty()) e.certificate.subject = cert->second.subject;
      e.certificate.issuer = cert->second.issuer;
      e.certificate.not_before = cert->second.not_before;
      e.certificate.not_after = cert->second.not_after;
    }
    for (const auto& ex : c.examples) e.examples.push_back(resolve(ex));
    out.capi2_chain_errors.push_back(std::move(e));
  }
  std::stable_sort(out.capi2_chain_errors.begin(), out.capi2_chain_errors.end(),
                   [](const Capi2ChainError& a, const Capi2ChainError& b) { return a.count > b.count; });
  if (capi2_other_ != 0) {
    out.problems.push_back({"-", fmt::format("{} CAPI2 chain errors beyond {} kinds were counted in no group",
                                             capi2_other_, kCapi2Groups)});
  }
}

}  // namespace mtls::logs
