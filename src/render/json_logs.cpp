// SPDX-License-Identifier: Apache-2.0
// evidence.logs as JSON (docs/report.schema.json): the stable fields first, then what the logs reader adds.
// Times are RFC 3339 UTC; absent times are left out.
#include <fmt/format.h>

#include "knowledge/win32_codes.h"
#include "render/json_evidence.h"
#include "render/render.h"

namespace mtls::json {
namespace {

void put_time(Json& j, const char* key, std::optional<std::int64_t> t) {
  if (t) j[key] = rfc3339(std::chrono::sys_seconds{std::chrono::seconds{*t}});
}

Json example(const LogExample& e) {
  return {{"ref", fmt::format("{}:{}", e.file, e.line)}, {"file", e.file}, {"line", e.line}, {"text", e.text}};
}

Json top(const std::vector<LogTopValue>& values) {
  Json a = Json::array();
  for (const LogTopValue& v : values) {
    Json j = {{"value", v.value}, {"count", v.count}};
    if (v.error != 0) j["overestimate"] = v.error;
    a.push_back(std::move(j));
  }
  return a;
}

}  // namespace

Json logs(const LogEvidence& l) {
  Json j = {{"files", l.files},       {"lines", l.lines},         {"entries", l.entries},
            {"unparsed", l.unparsed}, {"by_status", l.by_status}, {"by_win32", l.by_win32}};
  Json triples = Json::array();
  for (const LogTriple& t : l.by_triple) {
    // A field the log does not have is left out, not written as 0.
    Json x = {{"status", t.status}};
    if (t.substatus) x["substatus"] = *t.substatus;
    if (t.win32) x["win32"] = *t.win32;
    x["count"] = t.count;
    if (!t.status_name.empty()) x["status_name"] = t.status_name;
    if (!t.win32_name.empty()) x["win32_name"] = t.win32_name;
    triples.push_back(std::move(x));
  }
  j["by_triple"] = std::move(triples);
  j["filtered_out"] = l.filtered_out;
  Json unparsed = Json::array();
  for (const LogExample& e : l.unparsed_examples) {
    unparsed.push_back({{"ref", fmt::format("{}:{}", e.file, e.line)}, {"file", e.file}, {"line", e.line}, {"reason", e.text}});
  }
  j["unparsed_examples"] = std::move(unparsed);
  Json failures = Json::array();
  for (const LogFailure& f : l.failures) {
    Json x = {{"kind", std::string(to_string(f.kind))}, {"count", f.count}};
    put_time(x, "first_time", f.first_time);
    put_time(x, "last_time", f.last_time);
    Json codes = Json::object();
    for (const auto& [code, n] : f.by_win32) codes[fmt::format("{}", code)] = n;
    x["by_win32"] = std::move(codes);
    x["top_clients"] = top(f.top_clients);
    x["top_uris"] = top(f.top_uris);
    x["top_user_agents"] = top(f.top_user_agents);
    Json ex = Json::array();
    for (const LogExample& e : f.examples) ex.push_back(example(e));
    x["examples"] = std::move(ex);
    failures.push_back(std::move(x));
  }
  j["failures"] = std::move(failures);
  Json histogram = Json::array();
  for (const auto& [minute, n] : l.failures_per_minute) {
    histogram.push_back({{"minute", rfc3339(std::chrono::sys_seconds{std::chrono::seconds{minute}})}, {"count", n}});
  }
  j["failures_per_minute"] = std::move(histogram);
  if (l.histogram_dropped != 0) j["histogram_dropped"] = l.histogram_dropped;
  Json pairs = Json::array();
  for (const auto& [a, b] : l.late_negotiation.examples) pairs.push_back({{"aborted", example(a)}, {"denied", example(b)}});
  j["late_negotiation"] = {{"window_seconds", l.late_negotiation.window_seconds},
                           {"pairs", l.late_negotiation.pairs},
                           {"pending_dropped", l.late_negotiation.pending_dropped},
                           {"examples", std::move(pairs)}};
  j["httperr_entries"] = l.httperr_entries;
  Json reasons = Json::array();
  for (const LogHttpErrReason& r : l.httperr_reasons) {
    Json x = {{"reason", r.reason}, {"count", r.count}, {"connection_level", r.connection_level}};
    put_time(x, "first_time", r.first_time);
    put_time(x, "last_time", r.last_time);
    if (!r.example.file.empty()) x["example"] = example(r.example);
    reasons.push_back(std::move(x));
  }
  j["httperr_reasons"] = std::move(reasons);
  j["freb_files"] = l.freb_files;
  Json freb = Json::array();
  for (const FrebEvent& f : l.freb_events) {
    Json x = {{"ref", fmt::format("{}:{}", f.file, f.line)},
              {"url", f.url},
              {"site_id", f.site_id},
              {"opcode", f.opcode},
              {"module", f.module},
              {"notification", f.notification},
              {"status", f.status},
              {"substatus", f.substatus},
              {"error_code", fmt::format("0x{:08X}", f.error_code)}};
    if (!f.client.empty()) x["client"] = f.client;
    put_time(x, "time", f.time);
    freb.push_back(std::move(x));
  }
  j["freb_events"] = std::move(freb);
  j["windows_events_read"] = l.windows_events_read;
  Json counts = Json::array();
  for (const WindowsEventCount& c : l.windows_event_counts) {
    Json x = {{"provider", c.provider}, {"event_id", c.event_id}, {"meaning", c.meaning}, {"count", c.count}};
    if (!c.detail.empty()) x["detail"] = c.detail;
    if (c.alert) x["alert"] = *c.alert;
    put_time(x, "first_time", c.first_time);
    put_time(x, "last_time", c.last_time);
    counts.push_back(std::move(x));
  }
  j["windows_event_counts"] = std::move(counts);
  Json events = Json::array();
  for (const WindowsEvent& w : l.windows_events) {
    Json data = Json::object();
    for (const auto& [k, v] : w.data) data[k] = v;
    Json x = {{"ref", fmt::format("{} record {}", w.file, w.record)},
              {"provider", w.provider},
              {"event_id", w.event_id},
              {"meaning", w.meaning},
              {"data", std::move(data)}};
    put_time(x, "time", w.time);
    events.push_back(std::move(x));
  }
  j["windows_events"] = std::move(events);
  Json problems = Json::array();
  for (const LogFileProblem& p : l.problems) problems.push_back({{"file", p.file}, {"message", p.message}});
  j["problems"] = std::move(problems);
  Json assumed = Json::array();
  for (const LogExample& a : l.assumed_fields) {
    assumed.push_back({{"ref", fmt::format("{}:{}", a.file, a.line)}, {"file", a.file}, {"line", a.line}, {"fields", a.text}});
  }
  j["assumed_fields"] = std::move(assumed);
  j["web_server_lines"] = l.web_server_lines;
  Json web = Json::array();
  for (const WebServerMessage& m : l.web_server_messages) {
    static constexpr const char* servers[] = {"nginx", "apache", "nginx_or_apache"};
    Json x = {{"server", servers[static_cast<int>(m.server)]}, {"source", m.source}, {"code", m.code},
              {"meaning", m.meaning}, {"count", m.count}};
    if (m.kind) x["kind"] = std::string(to_string(*m.kind));
    if (m.verify_error) x["verify_error"] = *m.verify_error;
    if (m.alert) x["alert"] = *m.alert;
    if (!m.reason.empty()) x["reason"] = m.reason;
    if (m.local_time) {
      // Error logs carry no zone: the time as logged, without the "Z" an RFC 3339 UTC time has.
      auto local = [](std::int64_t t) {
        std::string s = rfc3339(std::chrono::sys_seconds{std::chrono::seconds{t}});
        if (!s.empty() && s.back() == 'Z') s.pop_back();
        return s;
      };
      if (m.first_time) x["first_time"] = local(*m.first_time);
      if (m.last_time) x["last_time"] = local(*m.last_time);
    } else {
      put_time(x, "first_time", m.first_time);
      put_time(x, "last_time", m.last_time);
    }
    if (m.first_time) x["time_zone"] = m.local_time ? "server local time" : "UTC";
    x["top_clients"] = top(m.top_clients);
    x["top_servers"] = top(m.top_servers);
    Json ex = Json::array();
    for (const LogExample& e : m.examples) ex.push_back(example(e));
    x["examples"] = std::move(ex);
    web.push_back(std::move(x));
  }
  j["web_server_messages"] = std::move(web);
  if (l.capi2_events != 0) {
    // Only when CAPI2 events were read: the other reports keep their shape.
    j["capi2_events"] = l.capi2_events;
    j["capi2_chains_ok"] = l.capi2_chains_ok;
    Json capi2 = Json::array();
    for (const Capi2ChainError& e : l.capi2_chain_errors) {
      Json x = {{"event_id", e.event_id}, {"client_auth", e.client_auth}, {"result", fmt::format("0x{:08X}", e.result)},
                {"trust_errors", fmt::format("0x{:X}", e.trust_errors)}, {"count", e.count}};
      if (const auto* code = knowledge::find_win32_code(e.result); code != nullptr && e.result != 0) {
        x["result_name"] = std::string(code->name);
      }
      if (!e.policy.empty()) x["policy"] = e.policy;
      if (e.kind) x["kind"] = std::string(to_string(*e.kind));
      Json cert = {{"subject", e.certificate.subject}, {"thumbprint", e.certificate.thumbprint}};
      if (!e.certificate.issuer.empty()) cert["issuer"] = e.certificate.issuer;
      put_time(cert, "not_before", e.certificate.not_before);
      put_time(cert, "not_after", e.certificate.not_after);
      x["certificate"] = std::move(cert);
      if (!e.process.empty()) x["process"] = e.process;
      put_time(x, "first_time", e.first_time);
      put_time(x, "last_time", e.last_time);
      Json ex = Json::array();
      for (const LogExample& r : e.examples) {
        ex.push_back({{"ref", fmt::format("{} record {}", r.file, r.line)}, {"file", r.file}, {"record", r.line}, {"text", r.text}});
      }
      x["examples"] = std::move(ex);
      capi2.push_back(std::move(x));
    }
    j["capi2_chain_errors"] = std::move(capi2);
  }
  return j;
}

}  // namespace mtls::json
