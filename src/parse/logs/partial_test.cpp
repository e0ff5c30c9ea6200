// SPDX-License-Identifier: Apache-2.0
// merge(partial(a), partial(b)) == logs a b: the counts, the examples and the findings of the log
// checks, on generated logs whose late-negotiation pairs cross the boundary between the files,
// with every kind of failure, HTTPERR lines, Schannel and CAPI2 events, and non-UTF-8 bytes.
#include "parse/logs/partial.h"

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <random>

#include "checks/checks.h"
#include "checks/log_test_support.h"

namespace mtls::logs {
namespace {
namespace fs = std::filesystem;

struct Dir {
  Dir() {
    std::string t = (fs::temp_directory_path() / "mtls-partial-XXXXXX").string();
    path = ::mkdtemp(t.data());
  }
  ~Dir() { fs::remove_all(path); }
  std::string write(const std::string& name, const std::string& text) const {
    const std::string p = path + "/" + name;
    std::ofstream(p, std::ios::binary) << text;
    return p;
  }
  std::string path;
};

std::string w3c(std::uint32_t seed, int hour, std::size_t n) {
  std::mt19937 rng(seed);
  std::string text(checks::testing::kW3cHeader);
  const char* triples[] = {"200 0 0", "200 0 0", "200 0 0", "403 7 0", "500 0 64", "403 16 2148204809",
                           "403 17 0", "403 13 2148081683", "403 12 0", "403 7 5", "500 0 50", "404 0 2"};
  for (std::size_t i = 0; i < n; ++i) {
    const int s = static_cast<int>(i * 3599 / n);
    const std::string ip = fmt::format("192.0.2.{}", rng() % 6);
    // A byte that is not UTF-8 in some user agents: partial lines must carry it unchanged.
    const std::string uri = rng() % 17 == 0 ? "/secure/\xff" : "/secure/";
    text += fmt::format("2024-03-01 {:02}:{:02}:{:02} 10.0.0.5 GET {} - 443 - {} Mozilla/5.0 - {} 15\n", hour, s / 60,
                        s % 60, uri, ip, triples[rng() % std::size(triples)]);
  }
  return text;
}

void expect_same(const LogEvidence& m, const LogEvidence& w) {
  EXPECT_EQ(m.files, w.files);
  EXPECT_EQ(m.lines, w.lines);
  EXPECT_EQ(m.entries, w.entries);
  EXPECT_EQ(m.unparsed, w.unparsed);
  EXPECT_EQ(m.by_status, w.by_status);
  EXPECT_EQ(m.by_win32, w.by_win32);
  ASSERT_EQ(m.by_triple.size(), w.by_triple.size());
  for (std::size_t i = 0; i < m.by_triple.size(); ++i) EXPECT_EQ(m.by_triple[i].count, w.by_triple[i].count);
  ASSERT_EQ(m.failures.size(), w.failures.size());
  for (std::size_t i = 0; i < m.failures.size(); ++i) {
    const LogFailure& a = m.failures[i];
    const LogFailure& b = w.failures[i];
    EXPECT_EQ(a.kind, b.kind);
    EXPECT_EQ(a.count, b.count);
    EXPECT_EQ(a.first_time, b.first_time);
    EXPECT_EQ(a.last_time, b.last_time);
    EXPECT_EQ(a.by_win32, b.by_win32);
    EXPECT_EQ(a.examples, b.examples);
    ASSERT_EQ(a.top_clients.size(), b.top_clients.size());
    for (std::size_t k = 0; k < a.top_clients.size(); ++k) {
      EXPECT_EQ(a.top_clients[k].value, b.top_clients[k].value);
      EXPECT_EQ(a.top_clients[k].count, b.top_clients[k].count);
    }
    ASSERT_EQ(a.top_uris.size(), b.top_uris.size());
    for (std::size_t k = 0; k < a.top_uris.size(); ++k) EXPECT_EQ(a.top_uris[k].value, b.top_uris[k].value);
  }
  EXPECT_EQ(m.failures_per_minute, w.failures_per_minute);
  EXPECT_EQ(m.late_negotiation.pairs, w.late_negotiation.pairs);
  EXPECT_EQ(m.late_negotiation.examples, w.late_negotiation.examples);
  EXPECT_EQ(m.windows_events_read, w.windows_events_read);
  ASSERT_EQ(m.windows_event_counts.size(), w.windows_event_counts.size());
  for (std::size_t i = 0; i < m.windows_event_counts.size(); ++i) {
    EXPECT_EQ(m.windows_event_counts[i].count, w.windows_event_counts[i].count);
    EXPECT_EQ(m.windows_event_counts[i].detail, w.windows_event_counts[i].detail);
  }
  EXPECT_EQ(m.capi2_events, w.capi2_events);
  ASSERT_EQ(m.capi2_chain_errors.size(), w.capi2_chain_errors.size());
  for (std::size_t i = 0; i < m.capi2_chain_errors.size(); ++i) {
    EXPECT_EQ(m.capi2_chain_errors[i].count, w.capi2_chain_errors[i].count);
    EXPECT_EQ(m.capi2_chain_errors[i].certificate.issuer, w.capi2_chain_errors[i].certificate.issuer);
    EXPECT_EQ(m.capi2_chain_errors[i].examples, w.capi2_chain_errors[i].examples);
  }
  ASSERT_EQ(m.problems.size(), w.problems.size());
  for (std::size_t i = 0; i < m.problems.size(); ++i) EXPECT_EQ(m.problems[i].message, w.problems[i].message);
}

std::vector<std::string> finding_lines(const LogEvidence& logs) {
  Evidence e;
  e.logs = logs;
  std::vector<std::string> out;
  for (const Check& c : {checks::log_client_cert_required_check(), checks::log_late_negotiation_check(),
                         checks::log_client_cert_rejected_check(), checks::log_mapping_denied_check(),
                         checks::log_ctl_access_denied_check(), checks::log_schannel_events_check()}) {
    for (const Finding& f : checks::testing::run_check(c, e).findings) out.push_back(f.id + ": " + f.detail);
  }
  return out;
}

std::string partial_of(const std::string& path, const LogOptions& options = {}) {
  std::string out;
  auto r = write_partials({path}, options, [&out](std::string_view line) {
    out.append(line);
    out.push_back('\n');
  });
  EXPECT_TRUE(r) << r.error().to_string();
  return out;
}

TEST(LogsPartial, MergeOfPartialsIsLogsOfAll) {
  Dir dir;
  // File a ends with 500s whose 403.7 open file b (the same clients, within the window).
  std::string a_text = w3c(1, 10, 3000);
  a_text += "2024-03-01 10:59:59 10.0.0.5 GET /secure/ - 443 - 198.51.100.7 Mozilla/5.0 - 500 0 64 15\n";
  std::string b_text = std::string(checks::testing::kW3cHeader) +
                       "2024-03-01 11:00:01 10.0.0.5 GET /secure/ - 443 - 198.51.100.7 Mozilla/5.0 - 403 7 0 15\n";
  b_text += w3c(2, 11, 3000).substr(checks::testing::kW3cHeader.size());
  const std::string a = dir.write("u_ex240301a.log", a_text);
  const std::string b = dir.write("u_ex240301b.log", b_text);
  const std::string c = dir.write("not-a-log.txt", "hello\n");
  const std::string events = dir.write(
      "System.xml",
      R"(<Events><Event><System><Provider Name="Schannel"/><EventID>36888</EventID><TimeCreated SystemTime="2024-03-01T10:00:00Z"/></System><EventData><Data Name="AlertDesc">48</Data><Data Name="ErrorState">552</Data></EventData></Event>
<Event><System><Provider Name="Microsoft-Windows-CAPI2"/><EventID>30</EventID><TimeCreated SystemTime="2024-03-01T10:00:05Z"/></System><UserData><CertVerifyCertificateChainPolicy><Policy type="CERT_CHAIN_POLICY_SSL"/><Certificate fileRef="3E1A9C0D6A5F3C2B1A09F8E7D6C5B4A392817060.cer" subjectName="alice"/><SSLAdditionalPolicyInfo authType="client"/><Result value="800B0109"/></CertVerifyCertificateChainPolicy></UserData></Event></Events>
)");
  for (unsigned jobs : {1u, 2u}) {
    LogOptions options;
    options.jobs = jobs;
    options.split_bytes = 64 * 1024;  // a and b are split into pieces with -j2
    auto whole = read_logs({a, b, c, events}, options);
    ASSERT_TRUE(whole) << whole.error().to_string();
    ASSERT_GT(whole->late_negotiation.pairs, 0u);
    const std::string lines = partial_of(a, options) + partial_of(b, options) + partial_of(c, options) +
                              partial_of(events, options);
    auto merged = merge_partial_text(lines, "partials.jsonl");
    ASSERT_TRUE(merged) << merged.error().to_string();
    expect_same(*merged, *whole);
    EXPECT_EQ(finding_lines(*merged), finding_lines(*whole)) << "jobs " << jobs;
  }
}

TEST(LogsPartial, NothingUsableIsTheSameErrorAsLogs) {
  Dir dir;
  const std::string c = dir.write("not-a-log.txt", "hello\n");
  auto whole = read_logs({c, c}, {});
  ASSERT_FALSE(whole);
  auto merged = merge_partial_text(partial_of(c) + partial_of(c), "p.jsonl");
  ASSERT_FALSE(merged);
  EXPECT_EQ(merged.error().message, whole.error().message);
}

TEST(LogsPartial, BadLinesNameFileAndLine) {
  Dir dir;
  const std::string good = partial_of(dir.write("u_ex.log", w3c(3, 10, 50)));
  for (const std::string& bad : {std::string("not json\n"), std::string("{\"file\":\"x\"}\n"), std::string("[1,2]\n"),
                                 good.substr(0, good.size() / 2) + "\n"}) {
    auto r = merge_partial_text(good + bad, "p.jsonl");
    ASSERT_FALSE(r) << bad;
    EXPECT_EQ(r.error().where, "p.jsonl:2") << r.error().to_string();
  }
  // A bound of the reader exceeded in a line is refused, not merged.
  std::string big = good;
  const auto at = big.find("\"unparsed_examples\":[]");
  ASSERT_NE(at, std::string::npos);
  std::string many = "\"unparsed_examples\":[";
  for (int i = 0; i < 20; ++i) many += fmt::format("{}[{},\"x\"]", i ? "," : "", i);
  big.replace(at, 22, many + "]");
  auto r = merge_partial_text(big, "p.jsonl");
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("at most 10"), std::string::npos) << r.error().to_string();
  // Other filters than the lines before: refused.
  LogOptions other;
  other.filters.window_seconds = 30;
  auto mixed = merge_partial_text(good + partial_of(dir.write("u_ex2.log", w3c(4, 10, 50)), other), "p.jsonl");
  ASSERT_FALSE(mixed);
  EXPECT_NE(mixed.error().message.find("--window"), std::string::npos);
}

}  // namespace
}  // namespace mtls::logs
