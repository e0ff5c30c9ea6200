// SPDX-License-Identifier: Apache-2.0
// The text report's section on evidence.logs: what was read, the status triples with their names,
// the certificate failures with when and who, the late-negotiation pairs, HTTPERR, FREB and events.
#include <fmt/chrono.h>
#include <fmt/format.h>

#include <chrono>

#include "render/render.h"
#include "render/text_evidence.h"

namespace mtls::text {
namespace {


std::string tops(const std::vector<LogTopValue>& values, std::size_t n) {
  std::string s;
  for (std::size_t i = 0; i < values.size() && i < n; ++i) {
    s += fmt::format("{}{} ({})", s.empty() ? "" : ", ", values[i].value, values[i].count);
  }
  return s;
}

}  // namespace

void logs(std::string& out, const text::Styler& s, const LogEvidence& l) {
  out += fmt::format("\n{} {}, {}, {}, {} unreadable", s(Style::bold, "Logs:"), count_of(l.files.size(), "file", "files"),
                     count_of(l.lines, "line", "lines"), count_of(l.entries, "entry", "entries"), l.unparsed);
  if (l.filtered_out != 0) out += fmt::format(", {} outside the filters", l.filtered_out);
  out += "\n";
  if (!l.by_triple.empty()) {
    out += "  status  sub    win32        count  meaning\n";
    std::size_t shown = 0;
    for (const LogTriple& t : l.by_triple) {
      if (shown++ == s.shown(15)) {
        out += fmt::format("  ... {} more triples (-v or JSON shows all)\n", l.by_triple.size() - 15);
        break;
      }
      std::string meaning = t.status_name;
      if (!t.win32_name.empty()) meaning += (meaning.empty() ? "" : "; ") + t.win32_name;
      // A field the log does not have is shown as "-", as IIS writes an empty field.
      const std::string sub = t.substatus ? fmt::format("{}", *t.substatus) : "-";
      const std::string win32 = t.win32 ? fmt::format("{}", *t.win32) : "-";
      out += fmt::format("  {:>6} {:>4} {:>10} {:>10}  {}\n", t.status, sub, win32, t.count, meaning);
    }
  }
  if (l.by_triple.empty()) {
    // Evidence built without triples (only the schema 1 stable fields): status.substatus counts.
    for (const auto& [status, count] : l.by_status) out += fmt::format("  {:>8}  {}\n", status, count);
  }
  for (const LogFailure& f : l.failures) {
    out += fmt::format("  {} {}: {}, {} .. {}\n", s(Style::yellow, "failure"), to_string(f.kind), f.count,
                       log_time(f.first_time), log_time(f.last_time));
    if (!f.top_clients.empty()) out += fmt::format("      clients: {}\n", tops(f.top_clients, 5));
    if (!f.top_uris.empty()) out += fmt::format("      URIs:    {}\n", tops(f.top_uris, 5));
    if (!f.top_user_agents.empty()) out += fmt::format("      agents:  {}\n", tops(f.top_user_agents, 2));
    for (const LogExample& e : f.examples) out += fmt::format("      {}:{}  {}\n", e.file, e.line, e.text);
  }
  if (l.late_negotiation.pairs != 0) {
    out += fmt::format("  late negotiation: {} pair{} of 500 (aborted) then 403.7 within {} s\n",
                       l.late_negotiation.pairs, l.late_negotiation.pairs == 1 ? "" : "s",
                       l.late_negotiation.window_seconds);
    for (const auto& [a, b] : l.late_negotiation.examples) {
      out += fmt::format("      {}:{} -> {}:{}\n", a.file, a.line, b.file, b.line);
    }
  }
  if (!l.failures_per_minute.empty()) {
    std::uint64_t peak = 0;
    std::int64_t peak_minute = 0;
    for (const auto& [m, n] : l.failures_per_minute) {
      if (n > peak) {
        peak = n;
        peak_minute = m;
      }
    }
    out += fmt::format("  certificate failures in {} minute{}; busiest {} with {}\n", l.failures_per_minute.size(),
                       l.failures_per_minute.size() == 1 ? "" : "s", log_time(peak_minute), peak);
  }
  if (l.httperr_entries != 0) {
    out += fmt::format("  HTTPERR: {} entries:", l.httperr_entries);
    std::size_t shown = 0;
    for (const LogHttpErrReason& r : l.httperr_reasons) {
      if (shown++ == 8) break;
      out += fmt::format(" {} {}{}", r.reason, r.count, r.connection_level ? " (connection)" : "");
    }
    out += "\n";
  }
  if (l.freb_files != 0) {
    out += fmt::format("  FREB: {} trace{}\n", l.freb_files, l.freb_files == 1 ? "" : "s");
    std::size_t shown = 0;
    for (const FrebEvent& f : l.freb_events) {
      if (shown++ == 5) break;
      out += fmt::format("      {}:{}  {}.{} {} {} 0x{:08X}\n", f.file, f.line, f.status, f.substatus, f.module,
                         f.notification, f.error_code);
    }
  }
  if (l.windows_events_read != 0) {
    out += fmt::format("  events: {} read\n", l.windows_events_read);
    for (const WindowsEventCount& c : l.windows_event_counts) {
      out += fmt::format("      {} {} x{} {}{}\n", c.provider, c.event_id, c.count, c.meaning,
                         c.detail.empty() ? "" : " (" + c.detail + ")");
    }
  }
  for (const LogExample& a : l.assumed_fields) {
    out += fmt::format("  {} {}:{}: no #Fields directive; read with the assumed field set \"{}\"\n",
                       s(Style::yellow, "assumed:"), a.file, a.line, a.text);
  }
  if (l.web_server_lines != 0) {
    out += fmt::format("  nginx/Apache: {} read\n", count_of(l.web_server_lines, "line", "lines"));
    for (const WebServerMessage& m : l.web_server_messages) {
      const std::string what = web_server_message_what(m);
      out += fmt::format("  {} {} {}: {} x{}, {} .. {}{}\n", m.kind ? s(Style::yellow, "failure") : std::string("message"),
                         to_string(m.server), m.source, what, m.count, log_time(m.first_time), log_time(m.last_time),
                         m.local_time ? " (server local time)" : "");
      out += fmt::format("      {}\n", m.meaning);
      if (!m.top_clients.empty()) out += fmt::format("      clients: {}\n", tops(m.top_clients, 5));
      if (!m.top_servers.empty()) out += fmt::format("      servers: {}\n", tops(m.top_servers, 3));
      for (const LogExample& e : m.examples) out += fmt::format("      {}:{}  {}\n", e.file, e.line, e.text);
    }
  }
  if (l.capi2_events != 0) {
    out += fmt::format("  CAPI2: {} read (11, 30, 90), {} without error\n", count_of(l.capi2_events, "event", "events"),
                       count_of(l.capi2_chains_ok, "chain event", "chain events"));
    for (const Capi2ChainError& e : l.capi2_chain_errors) {
      const std::string error = capi2_error_text(e);
      out += fmt::format("  {} CAPI2 {}{}: {} x{}, {} .. {}\n", e.kind && e.client_auth ? s(Style::yellow, "failure") : std::string("chain"),
                         e.event_id, e.client_auth ? " (client certificate)" : "", error, e.count, log_time(e.first_time),
                         log_time(e.last_time));
      out += fmt::format("      \"{}\" {}{}\n", e.certificate.subject, e.certificate.thumbprint,
                         e.certificate.issuer.empty() ? "" : ", issuer \"" + e.certificate.issuer + "\"");
      for (const LogExample& x : e.examples) out += fmt::format("      {} record {}  {}\n", x.file, x.line, x.text);
    }
  }
  for (const LogFileProblem& p : l.problems) out += fmt::format("  {} {}: {}\n", s(Style::dim, "not read:"), p.file, p.message);
}

}  // namespace mtls::text
