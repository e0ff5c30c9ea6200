// SPDX-License-Identifier: Apache-2.0
// The Markdown report's section on evidence.logs: the facts of render/text_logs.cpp as tables
// (status triples, certificate failures, late negotiation, HTTPERR, FREB, events, nginx/Apache, CAPI2).
#include <fmt/chrono.h>
#include <fmt/format.h>

#include <chrono>

#include "render/markdown_evidence.h"
#include "render/render.h"

namespace mtls::md {
namespace {


std::string tops(const std::vector<LogTopValue>& values, std::size_t n) {
  std::string s;
  for (std::size_t i = 0; i < values.size() && i < n; ++i) {
    s += fmt::format("{}{} ({})", s.empty() ? "" : ", ", code(values[i].value), values[i].count);
  }
  return s;
}

std::string where(const std::string& file, std::uint64_t line) { return code(fmt::format("{}:{}", file, line)); }

}  // namespace

void logs(std::string& out, const LogEvidence& l) {
  out += fmt::format("\n### Logs: {}, {}, {}, {} unreadable{}\n", count_of(l.files.size(), "file", "files"),
                     count_of(l.lines, "line", "lines"), count_of(l.entries, "entry", "entries"), l.unparsed,
                     l.filtered_out != 0 ? fmt::format(", {} outside the filters", l.filtered_out) : std::string());
  std::vector<std::vector<std::string>> rows;
  for (const LogTriple& t : l.by_triple) {
    if (rows.size() == 15) {
      rows.push_back({"…", "", "", "", fmt::format("{} more triples (JSON has all)", l.by_triple.size() - 15)});
      break;
    }
    std::string meaning = t.status_name;
    if (!t.win32_name.empty()) meaning += (meaning.empty() ? "" : "; ") + t.win32_name;
    rows.push_back({fmt::format("{}", t.status), t.substatus ? fmt::format("{}", *t.substatus) : "-",
                    t.win32 ? fmt::format("{}", *t.win32) : "-", fmt::format("{}", t.count), cell(meaning)});
  }
  if (!rows.empty()) out += "\n" + table({"status", "sub", "win32", "count", "meaning"}, rows);
  if (l.by_triple.empty() && !l.by_status.empty()) {
    std::vector<std::vector<std::string>> statuses;
    for (const auto& [status, count] : l.by_status) statuses.push_back({cell(status), fmt::format("{}", count)});
    out += "\n" + table({"status", "count"}, statuses);
  }
  if (!l.failures.empty()) {
    std::vector<std::vector<std::string>> failures;
    for (const LogFailure& f : l.failures) {
      std::string examples;
      for (const LogExample& e : f.examples) examples += fmt::format("{}{} {}", examples.empty() ? "" : "<br>", where(e.file, e.line), code(e.text));
      failures.push_back({std::string(to_string(f.kind)), fmt::format("{}", f.count), fmt::format("{} .. {}", log_time(f.first_time), log_time(f.last_time)),
                          tops(f.top_clients, 5), tops(f.top_uris, 5), tops(f.top_user_agents, 2), examples});
    }
    out += "\n" + table({"certificate failure", "count", "first .. last", "clients", "URIs", "agents", "examples"}, failures);
  }
  std::vector<std::string> lines;
  if (l.late_negotiation.pairs != 0) {
    std::string line = fmt::format("late negotiation: {} pair{} of 500 (aborted) then 403.7 within {} s", l.late_negotiation.pairs,
                                   l.late_negotiation.pairs == 1 ? "" : "s", l.late_negotiation.window_seconds);
    for (const auto& [a, b] : l.late_negotiation.examples) line += fmt::format("; {} → {}", where(a.file, a.line), where(b.file, b.line));
    lines.push_back(line);
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
    lines.push_back(fmt::format("certificate failures in {} minute{}; busiest {} with {}", l.failures_per_minute.size(),
                                l.failures_per_minute.size() == 1 ? "" : "s", log_time(peak_minute), peak));
  }
  if (l.httperr_entries != 0) {
    std::string line = fmt::format("HTTPERR: {} entries:", l.httperr_entries);
    std::size_t shown = 0;
    for (const LogHttpErrReason& r : l.httperr_reasons) {
      if (shown++ == 8) break;
      line += fmt::format(" {} {}{}", code(r.reason), r.count, r.connection_level ? " (connection)" : "");
    }
    lines.push_back(line);
  }
  if (!lines.empty()) {
    out += "\n";
    for (const std::string& line : lines) out += "- " + line + "\n";
  }
  if (l.freb_files != 0) {
    out += fmt::format("\nFREB: {} trace{}\n\n", l.freb_files, l.freb_files == 1 ? "" : "s");
    std::vector<std::vector<std::string>> freb;
    for (const FrebEvent& f : l.freb_events) {
      if (freb.size() == 5) break;
      freb.push_back({where(f.file, f.line), fmt::format("{}.{}", f.status, f.substatus), cell(f.module), cell(f.notification),
                      fmt::format("0x{:08X}", f.error_code)});
    }
    if (!freb.empty()) out += table({"trace", "status", "module", "notification", "error"}, freb);
  }
  if (l.windows_events_read != 0) {
    out += fmt::format("\nEvents: {} read\n\n", l.windows_events_read);
    std::vector<std::vector<std::string>> events;
    for (const WindowsEventCount& c : l.windows_event_counts) {
      events.push_back({cell(c.provider), fmt::format("{}", c.event_id), fmt::format("{}", c.count), cell(c.meaning), cell(c.detail)});
    }
    if (!events.empty()) out += table({"provider", "event", "count", "meaning", "detail"}, events);
  }
  if (!l.assumed_fields.empty()) {
    out += "\n";
    for (const LogExample& a : l.assumed_fields) {
      out += fmt::format("- assumed: {} has no `#Fields` directive; read with the assumed field set {}\n", where(a.file, a.line), code(a.text));
    }
  }
  if (l.web_server_lines != 0) {
    out += fmt::format("\nnginx/Apache: {} read\n", count_of(l.web_server_lines, "line", "lines"));
    std::vector<std::vector<std::string>> messages;
    for (const WebServerMessage& m : l.web_server_messages) {
      std::string examples;
      for (const LogExample& x : m.examples) examples += fmt::format("{}{} {}", examples.empty() ? "" : "<br>", where(x.file, x.line), code(x.text));
      messages.push_back({m.kind ? "failure" : "message", cell(std::string(to_string(m.server))), cell(m.source), cell(web_server_message_what(m)),
                      fmt::format("{}", m.count),
                      fmt::format("{} .. {}{}", log_time(m.first_time), log_time(m.last_time), m.local_time ? " (server local time)" : ""),
                      cell(m.meaning), tops(m.top_clients, 5), examples});
    }
    if (!messages.empty()) out += "\n" + table({"", "server", "log", "message", "count", "first .. last", "meaning", "clients", "examples"}, messages);
  }
  if (l.capi2_events != 0) {
    out += fmt::format("\nCAPI2: {} read (11, 30, 90), {} without error\n", count_of(l.capi2_events, "event", "events"),
                       count_of(l.capi2_chains_ok, "chain event", "chain events"));
    std::vector<std::vector<std::string>> chains;
    for (const Capi2ChainError& e : l.capi2_chain_errors) {
      std::string examples;
      for (const LogExample& x : e.examples) examples += fmt::format("{}{} record {} {}", examples.empty() ? "" : "<br>", code(x.file), x.line, code(x.text));
      chains.push_back({e.kind && e.client_auth ? "failure" : "chain", fmt::format("{}", e.event_id), e.client_auth ? "yes" : "no",
                      cell(capi2_error_text(e)), fmt::format("{}", e.count), fmt::format("{} .. {}", log_time(e.first_time), log_time(e.last_time)),
                      cell(e.certificate.subject), code(e.certificate.thumbprint), cell(e.certificate.issuer), examples});
    }
    if (!chains.empty()) {
      out += "\n" + table({"", "event", "client certificate", "error", "count", "first .. last", "subject", "thumbprint", "issuer", "examples"}, chains);
    }
  }
  if (!l.problems.empty()) {
    out += "\n";
    for (const LogFileProblem& p : l.problems) out += fmt::format("- not read: {}: {}\n", code(p.file), text(p.message));
  }
}

}  // namespace mtls::md
