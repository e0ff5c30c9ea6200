// SPDX-License-Identifier: Apache-2.0
// The readers on real samples from ../shared/corpus (read in place) and on generated files for
// splitting across threads, gzip and folders.
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <unistd.h>
#include <zlib.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>

#include "parse/logs/logs.h"
#include "parse/logs/xml_readers.h"

namespace mtls::logs {
namespace {
namespace fs = std::filesystem;

const std::string kCorpus = std::string(MTLS_SHARED_DIR) + "/corpus";

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

const LogFailure* failure(const LogEvidence& e, LogFailureKind kind) {
  for (const LogFailure& f : e.failures) {
    if (f.kind == kind) return &f;
  }
  return nullptr;
}

class TempDir {
 public:
  TempDir() {
    std::string tmpl = (fs::temp_directory_path() / "mtls-logs-XXXXXX").string();
    path_ = ::mkdtemp(tmpl.data());
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  [[nodiscard]] std::string file(std::string_view name) const { return (fs::path(path_) / name).string(); }

 private:
  std::string path_;
};

void write(const std::string& path, std::string_view text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
}

TEST(LogsCorpus, W3cMultiHeaderChangingFieldsDetectsMismatch) {
  auto e = read_logs({kCorpus + "/text/iis-w3c-logs/beats-multiheader-changing-fields.log"}, {});
  ASSERT_TRUE(e) << e.error().to_string();
  // Three header blocks with 15, 19 and 22 fields; the two trailing 15-field lines follow the
  // 22-field header and cannot be read.
  EXPECT_EQ(e->entries, 3u);
  EXPECT_EQ(e->unparsed, 2u);
  EXPECT_EQ(e->by_status.at("200.0"), 3u);
  ASSERT_EQ(e->unparsed_examples.size(), 2u);
  EXPECT_EQ(e->unparsed_examples[0].text, "15 fields where #Fields declares 22");
}

TEST(LogsCorpus, W3cRepeatedHeadersWin32_64) {
  auto e = read_logs({kCorpus + "/text/iis-w3c-logs/webknowit-u_ex160110-iis85-repeated-headers-win32-64.log"}, {});
  ASSERT_TRUE(e) << e.error().to_string();
  EXPECT_EQ(e->unparsed, 0u);
  EXPECT_GT(e->entries, 20u);
  EXPECT_GE(e->by_win32.at("64"), 2u);
  EXPECT_EQ(e->by_status.at("200.0") + e->by_status.at("404.0") <= e->entries, true);
}

TEST(LogsCorpus, W3cFieldsOnlyUnusualOrderWithoutSubstatus) {
  auto e = read_logs({kCorpus + "/text/iis-w3c-logs/webtrends-ex960101-iis4-fields-only-unusual-order.log"}, {});
  ASSERT_TRUE(e) << e.error().to_string();
  EXPECT_EQ(e->unparsed, 0u);
  EXPECT_GT(e->entries, 0u);
}

TEST(LogsCorpus, NdesDocFragment403_16IsUnparsedNotFatal) {
  auto e = read_logs({kCorpus + "/text/iis-w3c-logs/ms-intune-ndes-403-16-2148204809-docfragment.log"}, {});
  // A wrapped documentation fragment: neither line is a W3C record, and the file is no log at all.
  if (e) {
    EXPECT_EQ(e->entries, 0u);
  } else {
    EXPECT_NE(e.error().message.find("no log entry could be read"), std::string::npos);
  }
}

TEST(LogsCorpus, HttpErrSamples) {
  auto e = read_logs({kCorpus + "/text/httperr-logs"}, {});
  ASSERT_TRUE(e) << e.error().to_string();
  EXPECT_EQ(e->files.size(), 4u);
  EXPECT_EQ(e->unparsed, 0u);
  std::map<std::string, std::uint64_t> reasons;
  for (const auto& r : e->httperr_reasons) reasons[r.reason] = r.count;
  EXPECT_EQ(reasons["Timer_ConnectionIdle"], 6u);
  EXPECT_EQ(reasons["Connection_Abandoned_By_ReqQueue"], 1u);
  EXPECT_EQ(reasons["URL"], 4u);
  EXPECT_EQ(reasons["N/A"], 2u);
  EXPECT_EQ(reasons["Timer_MinBytesPerSecond"], 1u);
}

TEST(LogsCorpus, IisNativeFormatIsReportedNotRead) {
  auto e = read_logs({kCorpus + "/text/iis-other-formats/logjoint-iis7-native-ipv6-loopback.log",
                      kCorpus + "/text/iis-w3c-logs/beats-multiheader-changing-fields.log"},
                     {});
  ASSERT_TRUE(e) << e.error().to_string();
  ASSERT_EQ(e->problems.size(), 1u);
  EXPECT_NE(e->problems[0].message.find("IIS native"), std::string::npos);
}

TEST(LogsCorpus, FrebSample) {
  auto e = read_logs({kCorpus + "/text/freb-xml/alulab-https-plesk-404-iiswebcore-excerpt.xml"}, {});
  ASSERT_TRUE(e) << e.error().to_string();
  EXPECT_EQ(e->freb_files, 1u);
  EXPECT_EQ(e->entries, 1u);
  ASSERT_EQ(e->freb_events.size(), 1u);
  const FrebEvent& f = e->freb_events[0];
  EXPECT_EQ(f.module, "IIS Web Core");
  EXPECT_EQ(f.notification, "MAP_REQUEST_HANDLER");
  EXPECT_EQ(f.status, 404);
  EXPECT_EQ(f.error_code, 0x80070002u);
  EXPECT_EQ(f.site_id, "179");
  EXPECT_EQ(f.line, 49u);
  EXPECT_TRUE(e->failures.empty());
}

TEST(LogsFreb, LateNegotiationErrorCodeAndCertRequired) {
  const std::string xml = R"(<?xml version="1.0" encoding="UTF-8"?>
<failedRequest url="https://www.example.test:443/secure/" siteId="1" statusCode="500" verb="GET">
<Event xmlns="http://schemas.microsoft.com/win/2004/08/events/event">
 <System><TimeCreated SystemTime="2024-03-01T10:00:00.000Z"/></System>
 <EventData><Data Name="RemoteAddress">192.0.2.7</Data><Data Name="RemotePort">50000</Data></EventData>
 <RenderingInfo Culture="en-US"><Opcode>GENERAL_ENDPOINT_INFORMATION</Opcode></RenderingInfo>
</Event>
<Event xmlns="http://schemas.microsoft.com/win/2004/08/events/event">
 <System><TimeCreated SystemTime="2024-03-01T10:00:01.000Z"/></System>
 <EventData><Data Name="ModuleName">IIS Web Core</Data><Data Name="Notification">2</Data>
  <Data Name="HttpStatus">500</Data><Data Name="HttpSubStatus">0</Data><Data Name="ErrorCode">2147943395</Data></EventData>
 <RenderingInfo Culture="en-US"><Opcode>MODULE_SET_RESPONSE_ERROR_STATUS</Opcode></RenderingInfo>
</Event>
</failedRequest>)";
  auto e = parse_log_text(xml, "fr000001.xml");
  ASSERT_TRUE(e) << e.error().to_string();
  const LogFailure* f = failure(*e, LogFailureKind::renegotiation_aborted);
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->count, 1u);
  EXPECT_EQ(f->by_win32.at(995u), 1u);
  ASSERT_EQ(f->top_clients.size(), 1u);
  EXPECT_EQ(f->top_clients[0].value, "192.0.2.7");
  ASSERT_EQ(e->freb_events.size(), 1u);
  EXPECT_EQ(e->freb_events[0].line, 8u);

  auto bad = parse_log_text("<failedRequest><Event>", "fr2.xml");
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().where.find("fr2.xml:"), std::string::npos);
}

TEST(LogsEventXml, SchannelAndHttpEventFromWevtutilExport) {
  const std::string xml = R"(<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System><Provider Name='Schannel' Guid='{1F678132-5938-4686-9FDC-C8FF68F15C85}'/><EventID>36888</EventID><TimeCreated SystemTime='2024-03-01T10:00:00.0000000Z'/></System><EventData><Data Name='AlertDesc'>46</Data><Data Name='ErrorState'>1203</Data></EventData></Event>
<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System><Provider Name='Schannel'/><EventID>36885</EventID><TimeCreated SystemTime='2024-03-01T10:00:01.0000000Z'/></System></Event>
<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System><Provider Name='Microsoft-Windows-HttpEvent' EventSourceName='HTTP'/><EventID Qualifiers='49152'>15300</EventID><TimeCreated SystemTime='2024-03-01T10:00:02.0000000Z'/></System><EventData><Data Name='DeviceObject'>\Device\Http\ReqQueue</Data><Data Name='EndpointName'>0.0.0.0:443</Data></EventData></Event>
<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System><Provider Name='Service Control Manager'/><EventID>7036</EventID></System></Event>
)";
  auto e = parse_log_text(xml, "system.xml");
  ASSERT_TRUE(e) << e.error().to_string();
  EXPECT_EQ(e->windows_events_read, 4u);
  ASSERT_EQ(e->windows_events.size(), 3u);
  EXPECT_EQ(e->windows_events[0].event_id, 36888u);
  EXPECT_EQ(e->windows_events[0].record, 1u);
  EXPECT_EQ(e->windows_events[2].event_id, 15300u);
  EXPECT_EQ(e->windows_events[2].record, 3u);
  ASSERT_EQ(e->windows_event_counts.size(), 3u);
  bool alert = false;
  for (const auto& c : e->windows_event_counts) {
    if (c.event_id == 36888) {
      alert = true;
      EXPECT_TRUE(c.detail.starts_with("alert 46")) << c.detail;
    }
  }
  EXPECT_TRUE(alert);
}

// The .evtx corpus is xz-compressed; decompress into a temp folder at test time.
std::string unxz(const TempDir& dir, const std::string& name) {
  const std::string out = dir.file(name);
  const std::string cmd = fmt::format("xz -dc '{}/binary/evtx/{}.xz' > '{}'", kCorpus, name, out);
  if (std::system(cmd.c_str()) != 0) return {};
  return out;
}

TEST(LogsEvtx, StolenSzechuanSchannelBurst) {
  TempDir dir;
  const std::string path = unxz(dir, "dfirartifactmuseum_Win2012R2_StolenSzechuan_System.evtx");
  ASSERT_FALSE(path.empty());
  auto e = read_logs({path}, {});
  ASSERT_TRUE(e) << e.error().to_string();
  ASSERT_EQ(e->windows_event_counts.size(), 2u);
  EXPECT_EQ(e->windows_event_counts[0].event_id, 36874u);
  EXPECT_EQ(e->windows_event_counts[0].count, 29205u);
  EXPECT_EQ(e->windows_event_counts[1].event_id, 36888u);
  EXPECT_EQ(e->windows_event_counts[1].count, 29205u);
  EXPECT_TRUE(e->windows_event_counts[1].detail.starts_with("alert 40")) << e->windows_event_counts[1].detail;
  EXPECT_EQ(e->windows_events_read, 60189u);
  EXPECT_LE(e->windows_events.size(), 200u);
}

TEST(LogsEvtx, HttpEventNegativeControlAndBrokenRecords) {
  TempDir dir;
  const std::string rathbun = unxz(dir, "dfirartifactmuseum_Win10_RathbunVM_System.evtx");
  const std::string capi2 = unxz(dir, "omerbenamram-evtx_Microsoft-Windows-CAPI2_Operational.evtx");
  auto e = read_logs({rathbun, capi2}, {});
  ASSERT_TRUE(e) << e.error().to_string();
  EXPECT_TRUE(e->windows_event_counts.empty());  // 15007/15008 are not SSL-binding events
  // libevtx 20181227 cannot decode CAPI2 record 24 onwards: reported, not fatal.
  bool reported = false;
  for (const auto& p : e->problems) reported |= p.file == capi2 && p.message.find("could not be read") != std::string::npos;
  EXPECT_TRUE(reported || e->problems.empty());
  EXPECT_GT(e->windows_events_read, 1000u);
}

std::string generated_log(std::size_t lines, std::uint32_t seed, bool change_fields_midway) {
  std::mt19937 rng(seed);
  std::string text =
      "#Software: Microsoft Internet Information Services 10.0\n"
      "#Fields: date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) "
      "cs(Referer) sc-status sc-substatus sc-win32-status time-taken\n";
  bool changed = false;
  for (std::size_t i = 0; i < lines; ++i) {
    const int sec = static_cast<int>(i / 10);
    const std::string time = fmt::format("{:02}:{:02}:{:02}", (sec / 3600) % 24, (sec / 60) % 60, sec % 60);
    const std::string ip = fmt::format("192.0.2.{}", rng() % 50);
    const unsigned pick = rng() % 100;
    std::string status = pick < 3 ? "500 0 64" : pick < 8 ? "403 7 0" : pick < 9 ? "403 16 2148204809" : "200 0 0";
    if (change_fields_midway && !changed && i == lines / 2) {
      text += "#Fields: date time c-ip sc-status sc-substatus sc-win32-status cs-uri-stem\n";
      changed = true;
    }
    if (changed) {
      text += fmt::format("2024-03-01 {} {} {} /app/\n", time, ip, status);
    } else {
      text += fmt::format("2024-03-01 {} 10.0.0.1 GET /app/ - 443 - {} curl/8 - {} 15\n", time, ip, status);
    }
  }
  return text;
}

void expect_same(const LogEvidence& a, const LogEvidence& b) {
  EXPECT_EQ(a.lines, b.lines);
  EXPECT_EQ(a.entries, b.entries);
  EXPECT_EQ(a.unparsed, b.unparsed);
  EXPECT_EQ(a.by_status, b.by_status);
  EXPECT_EQ(a.by_win32, b.by_win32);
  EXPECT_EQ(a.late_negotiation.pairs, b.late_negotiation.pairs);
  ASSERT_EQ(a.failures.size(), b.failures.size());
  for (std::size_t i = 0; i < a.failures.size(); ++i) {
    EXPECT_EQ(a.failures[i].count, b.failures[i].count);
    ASSERT_EQ(a.failures[i].examples.size(), b.failures[i].examples.size());
    for (std::size_t k = 0; k < a.failures[i].examples.size(); ++k) {
      EXPECT_EQ(a.failures[i].examples[k], b.failures[i].examples[k]);
    }
  }
  EXPECT_EQ(a.failures_per_minute, b.failures_per_minute);
  ASSERT_EQ(a.late_negotiation.examples.size(), b.late_negotiation.examples.size());
  for (std::size_t k = 0; k < a.late_negotiation.examples.size(); ++k) {
    EXPECT_EQ(a.late_negotiation.examples[k], b.late_negotiation.examples[k]);
  }
}

TEST(LogsSplit, PiecesOnThreadsGiveTheSameAnswerAsOneThread) {
  for (bool change : {false, true}) {
    TempDir dir;
    const std::string path = dir.file("u_ex240301.log");
    const std::string text = generated_log(20000, 7, change);
    write(path, text);
    LogOptions one;
    auto a = read_logs({path}, one);
    ASSERT_TRUE(a) << a.error().to_string();
    for (unsigned jobs : {2u, 3u, 5u}) {
      LogOptions many;
      many.jobs = jobs;
      many.split_bytes = 50000;  // force many pieces
      auto b = read_logs({path}, many);
      ASSERT_TRUE(b) << b.error().to_string();
      SCOPED_TRACE(fmt::format("jobs {} change {}", jobs, change));
      expect_same(*a, *b);
    }
    // And the pure reader agrees with the file reader.
    auto c = parse_log_text(text, path);
    ASSERT_TRUE(c);
    expect_same(*a, *c);
    EXPECT_GT(a->late_negotiation.pairs, 0u);
  }
}

TEST(LogsInputs, GzipFoldersAndMissingPaths) {
  TempDir dir;
  fs::create_directories(dir.file("W3SVC2"));
  const std::string text = generated_log(500, 3, false);
  write(dir.file("W3SVC2/u_ex240301.log"), text);
  gzFile gz = gzopen(dir.file("W3SVC2/u_ex240302.log.gz").c_str(), "wb");
  gzwrite(gz, text.data(), static_cast<unsigned>(text.size()));
  gzclose(gz);
  write(dir.file("W3SVC2/readme.txt"), "not a log\n");
  auto e = read_logs({dir.file("")}, {});
  ASSERT_TRUE(e) << e.error().to_string();
  EXPECT_EQ(e->files.size(), 3u);
  EXPECT_EQ(e->entries, 1000u);
  ASSERT_EQ(e->problems.size(), 1u);
  EXPECT_NE(e->problems[0].file.find("readme.txt"), std::string::npos);

  LogOptions site;
  site.filters.site = 3;  // the folder says W3SVC2: every entry is filtered out
  auto s = read_logs({dir.file("W3SVC2/u_ex240301.log")}, site);
  ASSERT_TRUE(s);
  EXPECT_EQ(s->entries, 0u);
  EXPECT_EQ(s->filtered_out, 500u);

  auto missing = read_logs({dir.file("nope.log")}, {});
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().message, "cannot read (No such file or directory)");

  // A truncated gzip: what came before is read and the damage reported.
  const std::string gz_bytes = read_file(dir.file("W3SVC2/u_ex240302.log.gz"));
  write(dir.file("cut.log.gz"), std::string_view(gz_bytes).substr(0, gz_bytes.size() / 2));
  auto cut = read_logs({dir.file("cut.log.gz"), dir.file("W3SVC2/u_ex240301.log")}, {});
  ASSERT_TRUE(cut) << cut.error().to_string();
  EXPECT_FALSE(cut->problems.empty());
}

}  // namespace
}  // namespace mtls::logs
