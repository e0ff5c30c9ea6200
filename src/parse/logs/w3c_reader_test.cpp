// SPDX-License-Identifier: Apache-2.0
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <string>

#include "parse/logs/logs.h"
#include "parse/logs/w3c_reader.h"
#include "support/corpus.h"

namespace mtls::logs {
namespace {

constexpr std::string_view kHeader =
    "#Software: Microsoft Internet Information Services 10.0\n"
    "#Version: 1.0\n"
    "#Date: 2024-03-01 10:00:00\n"
    "#Fields: date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) "
    "cs(Referer) sc-status sc-substatus sc-win32-status time-taken\n";

std::string line(std::string_view time, std::string_view ip, std::string_view status) {
  return fmt::format("2024-03-01 {} 10.0.0.1 GET /app/ - 443 - {} Mozilla/5.0+(Windows) - {} 15\n", time, ip, status);
}

const LogFailure* failure(const LogEvidence& e, LogFailureKind kind) {
  for (const LogFailure& f : e.failures) {
    if (f.kind == kind) return &f;
  }
  return nullptr;
}

TEST(LogsW3cReader, CountsStatusTriplesAndDecodes) {
  std::string text(kHeader);
  text += line("10:00:01", "192.0.2.1", "200 0 0");
  text += line("10:00:02", "192.0.2.1", "403 7 0");
  text += line("10:00:03", "192.0.2.2", "403 16 2148204809");
  auto e = parse_log_text(text, "u_ex240301.log");
  ASSERT_TRUE(e) << e.error().to_string();
  EXPECT_EQ(e->lines, 7u);
  EXPECT_EQ(e->entries, 3u);
  EXPECT_EQ(e->unparsed, 0u);
  EXPECT_EQ(e->by_status.at("403.7"), 1u);
  EXPECT_EQ(e->by_status.at("403.16"), 1u);
  EXPECT_EQ(e->by_win32.at("2148204809"), 1u);
  ASSERT_EQ(e->by_triple.size(), 3u);
  const LogFailure* untrusted = failure(*e, LogFailureKind::cert_untrusted);
  ASSERT_NE(untrusted, nullptr);
  EXPECT_EQ(untrusted->by_win32.at(0x800B0109u), 1u);
  ASSERT_EQ(untrusted->examples.size(), 1u);
  EXPECT_EQ(untrusted->examples[0].file, "u_ex240301.log");
  EXPECT_EQ(untrusted->examples[0].line, 7u);
  const LogFailure* required = failure(*e, LogFailureKind::cert_required);
  ASSERT_NE(required, nullptr);
  EXPECT_EQ(required->first_time, required->last_time);
  ASSERT_EQ(required->top_clients.size(), 1u);
  EXPECT_EQ(required->top_clients[0].value, "192.0.2.1");
  EXPECT_EQ(e->failures_per_minute.size(), 1u);
}

TEST(LogsW3cReader, FieldsReorderedMidFileAndMissingFields) {
  std::string text =
      "#Fields: date time c-ip sc-status sc-substatus sc-win32-status\n"
      "2024-03-01 10:00:00 192.0.2.9 403 7 5\n"
      "#Fields: sc-win32-status sc-substatus sc-status time c-ip date\n"
      "64 0 500 10:00:01 192.0.2.9 2024-03-01\n"
      "#Fields: date time cs-uri-stem sc-status\n"  // no substatus, no win32
      "2024-03-01 10:00:02 /x 403\n";
  auto e = parse_log_text(text, "mixed.log");
  ASSERT_TRUE(e) << e.error().to_string();
  EXPECT_EQ(e->entries, 3u);
  EXPECT_EQ(e->unparsed, 0u);
  EXPECT_EQ(e->by_status.at("403.7"), 1u);
  EXPECT_EQ(e->by_status.at("500.0"), 1u);
  // The last block has no sc-substatus: its 403 is counted as "403", not as a 403.0 the log
  // never said, and it is no known certificate failure.
  EXPECT_EQ(e->by_status.at("403"), 1u);
  EXPECT_FALSE(e->by_status.contains("403.0"));
  EXPECT_EQ(e->by_win32.size(), 2u);  // "5" and "64": nothing for the line without the field
  EXPECT_NE(failure(*e, LogFailureKind::ctl_access_denied), nullptr);
  EXPECT_NE(failure(*e, LogFailureKind::renegotiation_aborted), nullptr);
}

TEST(LogsW3cReader, BadLinesAreCountedWithLineNumbersAndNeverStopTheRun) {
  std::string text(kHeader);
  text += "garbage\n";
  text += line("10:00:01", "192.0.2.1", "abc 0 0");
  text += line("10:00:02", "192.0.2.1", "403 7 0");
  text += std::string(70 * 1024, 'x') + "\n";
  text += line("10:00:03", "192.0.2.1", "403 7 0");
  auto e = parse_log_text(text, "bad.log");
  ASSERT_TRUE(e) << e.error().to_string();
  EXPECT_EQ(e->unparsed, 3u);
  EXPECT_EQ(e->entries, 2u);
  ASSERT_EQ(e->unparsed_examples.size(), 3u);
  EXPECT_EQ(e->unparsed_examples[0].line, 5u);
  EXPECT_EQ(e->unparsed_examples[0].text, "1 fields where #Fields declares 15");
  EXPECT_EQ(e->unparsed_examples[1].line, 6u);
  EXPECT_EQ(e->unparsed_examples[2].line, 8u);
  EXPECT_EQ(e->unparsed_examples[2].text, "line longer than 64 KiB, skipped");
}

TEST(LogsW3cReader, CrlfBomQuotedValuesAndNoTrailingNewline) {
  std::string text = "\xef\xbb\xbf#Fields: date time c-ip cs(User-Agent) sc-status sc-substatus sc-win32-status\r\n"
                     "2024-03-01 10:00:00 192.0.2.1 \"Mozilla 5.0 (quoted)\" 403 7 0\r\n"
                     "2024-03-01 10:00:01 192.0.2.1 curl/8.0 403 7 0";
  auto e = parse_log_text(text, "crlf.log");
  ASSERT_TRUE(e) << e.error().to_string();
  EXPECT_EQ(e->entries, 2u);
  EXPECT_EQ(e->unparsed, 0u);
  const LogFailure* f = failure(*e, LogFailureKind::cert_required);
  ASSERT_NE(f, nullptr);
  ASSERT_EQ(f->top_user_agents.size(), 2u);
}

TEST(LogsW3cReader, LateNegotiationInterleavedWithOtherClients) {
  std::string text(kHeader);
  // Client A: 500 0 64 then 403.7 within the window -> one pair. Client B: 403.7 without a 500.
  // Client C: 500 0 64 and a 403.7 two minutes later -> no pair (window 60 s). Client D: 500 0 995
  // then 403.7 -> pair. A's second 403.7 has no 500 left -> no pair.
  text += line("10:00:00", "192.0.2.10", "500 0 64");
  text += line("10:00:00", "192.0.2.30", "500 0 64");
  text += line("10:00:01", "192.0.2.20", "403 7 0");
  text += line("10:00:01", "192.0.2.40", "500 0 995");
  text += line("10:00:02", "192.0.2.99", "200 0 0");
  text += line("10:00:03", "192.0.2.10", "403 7 0");
  text += line("10:00:04", "192.0.2.40", "403 7 0");
  text += line("10:00:05", "192.0.2.10", "403 7 0");
  text += line("10:02:30", "192.0.2.30", "403 7 0");
  auto e = parse_log_text(text, "late.log");
  ASSERT_TRUE(e) << e.error().to_string();
  EXPECT_EQ(e->late_negotiation.pairs, 2u);
  ASSERT_EQ(e->late_negotiation.examples.size(), 2u);
  EXPECT_EQ(e->late_negotiation.examples[0].first.line, 5u);
  EXPECT_EQ(e->late_negotiation.examples[0].second.line, 10u);
  EXPECT_EQ(e->late_negotiation.examples[1].first.line, 8u);
  EXPECT_EQ(e->late_negotiation.examples[1].second.line, 11u);
}

TEST(LogsW3cReader, SinceUntilAndSiteFilters) {
  std::string text =
      "#Fields: date time s-sitename c-ip sc-status sc-substatus sc-win32-status\n"
      "2024-03-01 09:59:59 W3SVC1 192.0.2.1 403 7 0\n"
      "2024-03-01 10:00:00 W3SVC1 192.0.2.1 403 7 0\n"
      "2024-03-01 10:00:00 W3SVC2 192.0.2.1 403 7 0\n"
      "2024-03-01 10:00:01 W3SVC1 192.0.2.1 403 7 0\n";
  Filters f;
  f.since = parse_date_time("2024-03-01", "10:00:00");
  f.until = parse_date_time("2024-03-01", "10:00:00");
  f.site = 1;
  auto e = parse_log_text(text, "f.log", f);
  ASSERT_TRUE(e);
  EXPECT_EQ(e->entries, 1u);
  EXPECT_EQ(e->filtered_out, 3u);
}

TEST(LogsW3cReader, HttpErrReasons) {
  std::string text =
      "#Software: Microsoft HTTP API 2.0\n"
      "#Fields: date time c-ip c-port s-ip s-port cs-version cs-method cs-uri sc-status s-siteid s-reason "
      "s-queuename\n"
      "2024-03-01 10:00:00 192.0.2.1 5000 10.0.0.1 443 HTTP/1.1 GET /app - 1 Connection_Dropped DefaultAppPool\n"
      "2024-03-01 10:00:01 192.0.2.1 5001 10.0.0.1 443 - - - - - Timer_ConnectionIdle -\n"
      "2024-03-01 10:00:02 192.0.2.2 5002 10.0.0.1 443 HTTP/1.1 GET /x 400 - Hostname -\n";
  auto e = parse_log_text(text, "httperr1.log");
  ASSERT_TRUE(e);
  EXPECT_EQ(e->httperr_entries, 3u);
  EXPECT_EQ(e->entries, 0u);
  ASSERT_EQ(e->httperr_reasons.size(), 3u);
  bool dropped = false;
  for (const auto& r : e->httperr_reasons) {
    if (r.reason == "Connection_Dropped") {
      dropped = true;
      EXPECT_TRUE(r.connection_level);
      EXPECT_EQ(r.example.line, 3u);
    }
  }
  EXPECT_TRUE(dropped);
}

TEST(LogsW3cReader, SplitFieldsHandlesQuotesAndLimits) {
  std::array<std::string_view, kMaxFields> f{};
  EXPECT_EQ(split_fields("a \"b c\" d", f), 3u);
  EXPECT_EQ(f[1], "\"b c\"");
  EXPECT_EQ(split_fields("a \"b\"\"c d\" e", f), 3u);
  EXPECT_EQ(split_fields("\"unterminated x", f), 2u);
  std::string many;
  for (int i = 0; i < 70; ++i) many += "x ";
  EXPECT_EQ(split_fields(many, f), kMaxFields + 1);
  EXPECT_EQ(parse_u32("4294967295"), 4294967295u);
  EXPECT_FALSE(parse_u32("4294967296"));
  EXPECT_FALSE(parse_u32("-1"));
}

TEST(LogsDetect, KindsByContent) {
  EXPECT_EQ(detect_kind("#Software: Microsoft HTTP API 2.0\n"), LogKind::w3c);
  EXPECT_EQ(detect_kind("2024-03-01 10:00:00 1.2.3.4 GET / - 80"), LogKind::w3c);
  EXPECT_EQ(detect_kind("<?xml version=\"1.0\"?>\n<failedRequest url=\"x\">"), LogKind::freb);
  EXPECT_EQ(detect_kind("<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'>"), LogKind::event_xml);
  EXPECT_EQ(detect_kind(std::string_view("ElfFile\0", 8)), LogKind::evtx);
  EXPECT_EQ(detect_kind("\x1f\x8b\x08"), LogKind::gzip);
  EXPECT_EQ(detect_kind("::1, -, 2/23/2013, 12:12:46, W3SVC1, MSA, ::1, 324, 285, 935, 200, 0, GET, /, -,"),
            LogKind::iis_native);
  EXPECT_EQ(detect_kind("hello world"), LogKind::unknown);
}

TEST(LogsW3cReader, HeaderlessLinesWithIisDefaultShapeAreReadAndSaySo) {
  // What a ticket holds: data lines pasted without the #Fields header.
  const std::string text = line("10:00:01", "192.0.2.1", "200 0 0") + line("10:00:02", "192.0.2.1", "403 7 0");
  auto e = parse_log_text(text, "pasted.log");
  ASSERT_TRUE(e) << e.error().to_string();
  EXPECT_EQ(e->entries, 2u);
  EXPECT_EQ(e->unparsed, 0u);
  EXPECT_EQ(e->by_status.at("403.7"), 1u);
  ASSERT_EQ(e->assumed_fields.size(), 1u);
  EXPECT_EQ(e->assumed_fields[0].file, "pasted.log");
  EXPECT_EQ(e->assumed_fields[0].line, 1u);
  EXPECT_EQ(e->assumed_fields[0].text,
            "date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) cs(Referer) "
            "sc-status sc-substatus sc-win32-status time-taken");
  // A log with its header assumes nothing.
  auto headed = parse_log_text(std::string(kHeader) + line("10:00:01", "192.0.2.1", "200 0 0"), "u_ex.log");
  ASSERT_TRUE(headed);
  EXPECT_TRUE(headed->assumed_fields.empty());
}

TEST(LogsW3cReader, HeaderlessLinesOfAnotherShapeAreRefused) {
  // 15 fields, but no status where IIS's default set has sc-status: not read with guessed fields.
  const std::string wrong = "2024-03-01 10:00:01 10.0.0.1 GET /app/ - 443 - 192.0.2.1 UA - OK 0 0 15\n";
  auto e = parse_log_text(wrong + line("10:00:02", "192.0.2.1", "403 7 0"), "pasted.log");
  ASSERT_TRUE(e) << e.error().to_string();
  EXPECT_EQ(e->unparsed, 1u);
  EXPECT_EQ(e->entries, 1u) << "the next line fits and is read";
  ASSERT_EQ(e->unparsed_examples.size(), 1u);
  EXPECT_NE(e->unparsed_examples[0].text.find("shape of IIS's default field set"), std::string::npos);
  ASSERT_EQ(e->assumed_fields.size(), 1u);
  EXPECT_EQ(e->assumed_fields[0].line, 2u);
}

TEST(LogsW3cReader, CorpusHeaderlessWithExtraFieldIsRefused) {
  // 23 fields (IIS's 22 with s-sitename ... and a trailing X-Forwarded-For): not the default set,
  // so no field set is assumed and nothing is read.
  MTLS_CORPUS_FILE(path, "text/iis-w3c-logs/beats-headerless-xff-trailing-field.log");
  auto e = read_logs({path.string()}, {});
  ASSERT_FALSE(e);
  EXPECT_NE(e.error().message.find("no #Fields directive before this line, and its 23 fields are not IIS's default 15"),
            std::string::npos)
      << e.error().message;
}

TEST(LogsW3cReader, CorpusWrappedDocFragmentIsRefused) {
  MTLS_CORPUS_FILE(path, "text/iis-w3c-logs/ms-intune-ndes-403-16-2148204809-docfragment.log");
  auto e = read_logs({path.string()}, {});
  ASSERT_FALSE(e) << "a wrapped fragment without date and time is not a log line of any known shape";
}

}  // namespace
}  // namespace mtls::logs
