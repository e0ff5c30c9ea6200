// SPDX-License-Identifier: Apache-2.0
// The HTML report's section on evidence.logs: the certificate failures over time (SVG bars of the
// per-minute histogram, and when each failure kind was first and last seen), the
// status.substatus.win32 counts, then late negotiation, HTTPERR, FREB and events (as
// render/text_logs.cpp).
#include <fmt/chrono.h>
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <chrono>

#include "render/html_evidence.h"
#include "render/render.h"

namespace mtls::html {
namespace {


std::string tops(const std::vector<LogTopValue>& values, std::size_t n) {
  std::string s;
  for (std::size_t i = 0; i < values.size() && i < n; ++i) s += fmt::format("{}{} ({})", s.empty() ? "" : ", ", values[i].value, values[i].count);
  return s;
}

std::string bar(std::uint64_t count, std::uint64_t max) {
  const double w = max == 0 ? 0 : 100.0 * static_cast<double>(count) / static_cast<double>(max);
  return fmt::format("<svg class=\"bar\" viewBox=\"0 0 100 10\" width=\"100\" height=\"10\" aria-hidden=\"true\">"
                     "<rect width=\"{:.1f}\" height=\"10\" fill=\"#5b7fa6\"/></svg>",
                     std::max(w, count ? 1.0 : 0.0));
}

constexpr std::size_t kMaxBins = 60;
constexpr std::size_t kMaxTriples = 25;

/// The per-minute failures as at most kMaxBins bars over the time they span, and below them one
/// line per failure kind from its first to its last time, on the same axis.
void histogram(std::string& out, const LogEvidence& l) {
  const std::int64_t first = l.failures_per_minute.begin()->first;
  const std::int64_t last = l.failures_per_minute.rbegin()->first;
  std::int64_t from = first, to = last + 60;
  for (const LogFailure& f : l.failures) {
    if (f.first_time) from = std::min(from, *f.first_time - *f.first_time % 60);
    if (f.last_time) to = std::max(to, *f.last_time - *f.last_time % 60 + 60);
  }
  const auto minutes = static_cast<std::size_t>((to - from) / 60);
  const std::size_t per_bin = (minutes + kMaxBins - 1) / kMaxBins;
  const std::size_t bins = (minutes + per_bin - 1) / per_bin;
  std::vector<std::uint64_t> sums(bins, 0);
  std::uint64_t peak = 0;
  std::int64_t peak_minute = first;
  for (const auto& [minute, n] : l.failures_per_minute) {
    sums[static_cast<std::size_t>((minute - from) / 60) / per_bin] += n;
    if (n > peak) {
      peak = n;
      peak_minute = minute;
    }
  }
  const std::uint64_t max = *std::max_element(sums.begin(), sums.end());
  constexpr int width = 640, x0 = 44, plot_w = 588, bars_top = 16, bars_h = 110, row_h = 18;
  const int rows_top = bars_top + bars_h + 28;
  const int height = rows_top + static_cast<int>(l.failures.size()) * row_h + 6;
  const double slot = static_cast<double>(plot_w) / static_cast<double>(bins);
  const auto x_of = [&](std::int64_t t) { return x0 + static_cast<double>(t - from) / static_cast<double>(to - from) * plot_w; };

  out += fmt::format("<figure class=\"histogram\" id=\"log-histogram\">\n<svg viewBox=\"0 0 {0} {1}\" width=\"{0}\" role=\"img\" "
                     "aria-labelledby=\"log-histogram-caption\" xmlns=\"http://www.w3.org/2000/svg\" font-family=\"system-ui,sans-serif\">\n",
                     width, height);
  out += fmt::format("<text x=\"{}\" y=\"{}\" font-size=\"11\" fill=\"#555\" text-anchor=\"end\">{}</text>"
                     "<text x=\"{}\" y=\"{}\" font-size=\"11\" fill=\"#555\" text-anchor=\"end\">0</text>"
                     "<path d=\"M{} {}H{}\" stroke=\"#999\"/>\n",
                     x0 - 4, bars_top + 8, max, x0 - 4, bars_top + bars_h, x0, bars_top + bars_h, x0 + plot_w);
  for (std::size_t b = 0; b < bins; ++b) {
    if (sums[b] == 0) continue;
    const double h = static_cast<double>(bars_h) * static_cast<double>(sums[b]) / static_cast<double>(max);
    const std::int64_t bin_from = from + static_cast<std::int64_t>(b * per_bin) * 60;
    out += fmt::format("<rect class=\"bin\" x=\"{:.1f}\" y=\"{:.1f}\" width=\"{:.1f}\" height=\"{:.1f}\" fill=\"#b04a4a\">"
                       "<title>{} from {}</title></rect>\n",
                       x0 + slot * static_cast<double>(b) + 0.5, bars_top + bars_h - h, std::max(slot - 1.0, 1.0), h,
                       count_of(sums[b], "failure", "failures"), log_time(bin_from));
  }
  out += fmt::format("<text x=\"{}\" y=\"{}\" font-size=\"11\" fill=\"#555\">{}</text>"
                     "<text x=\"{}\" y=\"{}\" font-size=\"11\" fill=\"#555\" text-anchor=\"end\">{}</text>\n",
                     x0, bars_top + bars_h + 14, log_time(from), x0 + plot_w, bars_top + bars_h + 14, log_time(to));
  for (std::size_t k = 0; k < l.failures.size(); ++k) {
    const LogFailure& f = l.failures[k];
    const int y = rows_top + static_cast<int>(k) * row_h;
    out += fmt::format("<text x=\"{}\" y=\"{}\" font-size=\"11\" fill=\"#333\" text-anchor=\"end\">{}</text>", x0 + plot_w,
                       y + 4, e(fmt::format("{} ×{}", to_string(f.kind), f.count)));
    if (f.first_time && f.last_time) {
      const double a = x_of(*f.first_time), b = std::max(x_of(*f.last_time), a + 3);
      out += fmt::format("<path class=\"span\" d=\"M{:.1f} {}H{:.1f}\" stroke=\"#5b7fa6\" stroke-width=\"6\" stroke-linecap=\"round\">"
                         "<title>{}: {} .. {}</title></path>",
                         a, y, b, e(to_string(f.kind)), log_time(f.first_time), log_time(f.last_time));
    }
    out += "\n";
  }
  out += "</svg>\n";
  out += fmt::format("<figcaption id=\"log-histogram-caption\">Certificate failures per {} from {} to {} UTC "
                     "({} minute{} with failures; busiest {} with {}){}; below, each failure kind from its first to its last time.</figcaption>\n</figure>\n",
                     per_bin == 1 ? std::string("minute") : fmt::format("{} minutes", per_bin), log_time(from), log_time(to),
                     l.failures_per_minute.size(), l.failures_per_minute.size() == 1 ? "" : "s", log_time(peak_minute), peak,
                     l.histogram_dropped ? fmt::format("; {} more beyond the histogram's cap", l.histogram_dropped) : "");
}

}  // namespace

void logs(std::string& out, const LogEvidence& l) {
  out += fmt::format("<section id=\"logs\">\n<h3>Logs</h3>\n<p>{}, {}, {}, {} unreadable{}</p>\n",
                     count_of(l.files.size(), "file", "files"), count_of(l.lines, "line", "lines"),
                     count_of(l.entries, "entry", "entries"), l.unparsed,
                     l.filtered_out ? fmt::format(", {} outside the filters", l.filtered_out) : "");
  if (!l.failures_per_minute.empty()) histogram(out, l);
  if (!l.by_triple.empty()) {
    std::uint64_t max = 0;
    for (const LogTriple& t : l.by_triple) max = std::max(max, t.count);
    std::vector<std::vector<std::string>> rows;
    for (std::size_t i = 0; i < l.by_triple.size() && i < kMaxTriples; ++i) {
      const LogTriple& t = l.by_triple[i];
      std::string meaning = t.status_name;
      if (!t.win32_name.empty()) meaning += (meaning.empty() ? "" : "; ") + t.win32_name;
      // A field the log does not have is shown as "-", as IIS writes an empty field.
      rows.push_back({fmt::format("{}.{}.{}", t.status, t.substatus ? std::to_string(*t.substatus) : "-",
                                  t.win32 ? std::to_string(*t.win32) : "-"),
                      fmt::format("{}", t.count), bar(t.count, max), e(meaning)});
    }
    out += "<h4>status.substatus.win32</h4>\n" + table({"status", "count", "", "meaning"}, rows, "triples");
    if (l.by_triple.size() > kMaxTriples) {
      out += fmt::format("<p class=\"meta\">... {} more (the JSON report has all)</p>\n", l.by_triple.size() - kMaxTriples);
    }
  } else if (!l.by_status.empty()) {
    // Evidence built without triples (only the schema 1 stable fields): status.substatus counts.
    std::uint64_t max = 0;
    for (const auto& [status, count] : l.by_status) max = std::max(max, count);
    std::vector<std::vector<std::string>> rows;
    for (const auto& [status, count] : l.by_status) rows.push_back({e(status), fmt::format("{}", count), bar(count, max)});
    out += "<h4>status.substatus</h4>\n" + table({"status", "count", ""}, rows, "triples");
  }
  if (!l.failures.empty()) {
    std::vector<std::vector<std::string>> rows;
    for (const LogFailure& f : l.failures) {
      std::string who;
      if (!f.top_clients.empty()) who += "clients: " + e(tops(f.top_clients, 5));
      if (!f.top_uris.empty()) who += (who.empty() ? "" : "<br>") + std::string("URIs: ") + e(tops(f.top_uris, 5));
      if (!f.top_user_agents.empty()) who += (who.empty() ? "" : "<br>") + std::string("agents: ") + e(tops(f.top_user_agents, 2));
      std::string examples;
      for (const LogExample& x : f.examples) examples += (examples.empty() ? "" : "<br>") + code(fmt::format("{}:{}  {}", x.file, x.line, x.text));
      std::string win32;
      for (const auto& [code_, n] : f.by_win32) win32 += fmt::format("{}{} ×{}", win32.empty() ? "" : ", ", code_, n);
      rows.push_back({e(to_string(f.kind)), fmt::format("{}", f.count), e(log_time(f.first_time)), e(log_time(f.last_time)), e(win32), who, examples});
    }
    out += "<h4>Certificate failures</h4>\n" + table({"kind", "count", "first", "last", "win32", "who", "first lines"}, rows);
  }
  if (l.late_negotiation.pairs != 0) {
    out += fmt::format("<p>late negotiation: {} of 500 (aborted) then 403.7 within {} s</p>\n<ul>\n",
                       count_of(l.late_negotiation.pairs, "pair", "pairs"), l.late_negotiation.window_seconds);
    for (const auto& [a, b] : l.late_negotiation.examples) {
      out += fmt::format("<li>{} → {}</li>\n", code(fmt::format("{}:{}", a.file, a.line)), code(fmt::format("{}:{}", b.file, b.line)));
    }
    out += "</ul>\n";
  }
  if (l.httperr_entries != 0) {
    std::vector<std::vector<std::string>> rows;
    for (const LogHttpErrReason& r : l.httperr_reasons) {
      rows.push_back({e(r.reason), fmt::format("{}", r.count), r.connection_level ? "connection" : "", e(log_time(r.first_time)),
                      r.example.file.empty() ? "" : code(fmt::format("{}:{}", r.example.file, r.example.line))});
    }
    out += fmt::format("<h4>HTTPERR: {}</h4>\n", count_of(l.httperr_entries, "entry", "entries")) +
           table({"reason", "count", "level", "first", "first line"}, rows);
  }
  if (l.freb_files != 0) {
    std::vector<std::vector<std::string>> rows;
    for (std::size_t i = 0; i < l.freb_events.size() && i < 20; ++i) {
      const FrebEvent& f = l.freb_events[i];
      rows.push_back({code(fmt::format("{}:{}", f.file, f.line)), e(f.url), fmt::format("{}.{}", f.status, f.substatus), e(f.module),
                      e(f.notification), fmt::format("0x{:08X}", f.error_code)});
    }
    out += fmt::format("<h4>FREB: {}</h4>\n", count_of(l.freb_files, "trace", "traces")) +
           table({"where", "URL", "status", "module", "notification", "error"}, rows);
  }
  if (l.windows_events_read != 0) {
    std::vector<std::vector<std::string>> rows;
    for (const WindowsEventCount& c : l.windows_event_counts) {
      rows.push_back({e(c.provider), fmt::format("{}", c.event_id), fmt::format("{}", c.count), e(c.meaning), e(c.detail)});
    }
    out += fmt::format("<h4>Windows events: {} read</h4>\n", l.windows_events_read) +
           table({"provider", "event", "count", "meaning", "detail"}, rows);
  }
  for (const LogExample& a : l.assumed_fields) {
    out += fmt::format("<p class=\"meta\">assumed: {} has no #Fields directive; read with the assumed field set {}</p>\n",
                       code(fmt::format("{}:{}", a.file, a.line)), code(a.text));
  }
  if (l.web_server_lines != 0) {
    std::vector<std::vector<std::string>> rows;
    for (const WebServerMessage& m : l.web_server_messages) {
      std::string examples;
      for (const LogExample& x : m.examples) examples += (examples.empty() ? "" : "<br>") + code(fmt::format("{}:{}  {}", x.file, x.line, x.text));
      rows.push_back({m.kind ? "failure" : "message", e(to_string(m.server)), e(m.source), e(web_server_message_what(m)), fmt::format("{}", m.count),
                      e(log_time(m.first_time)), e(log_time(m.last_time) + (m.local_time ? " (server local time)" : "")), e(m.meaning),
                      e(tops(m.top_clients, 5)), examples});
    }
    out += fmt::format("<h4>nginx/Apache: {} read</h4>\n", count_of(l.web_server_lines, "line", "lines")) +
           table({"", "server", "log", "message", "count", "first", "last", "meaning", "clients", "first lines"}, rows);
  }
  if (l.capi2_events != 0) {
    std::vector<std::vector<std::string>> rows;
    for (const Capi2ChainError& c : l.capi2_chain_errors) {
      std::string examples;
      for (const LogExample& x : c.examples) examples += (examples.empty() ? "" : "<br>") + code(fmt::format("{} record {}  {}", x.file, x.line, x.text));
      rows.push_back({c.kind && c.client_auth ? "failure" : "chain", fmt::format("{}", c.event_id), c.client_auth ? "yes" : "no",
                      e(capi2_error_text(c)), fmt::format("{}", c.count), e(log_time(c.first_time)), e(log_time(c.last_time)),
                      e(c.certificate.subject), code(c.certificate.thumbprint), e(c.certificate.issuer), examples});
    }
    out += fmt::format("<h4>CAPI2: {} read (11, 30, 90), {} without error</h4>\n", count_of(l.capi2_events, "event", "events"),
                       count_of(l.capi2_chains_ok, "chain event", "chain events")) +
           table({"", "event", "client certificate", "error", "count", "first", "last", "subject", "thumbprint", "issuer", "first lines"}, rows);
  }
  for (const LogFileProblem& p : l.problems) out += fmt::format("<p class=\"meta\">not read: {}: {}</p>\n", code(p.file), e(p.message));
  out += "</section>\n";
}

}  // namespace mtls::html
