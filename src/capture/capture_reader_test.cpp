// SPDX-License-Identifier: Apache-2.0
#include "capture/capture_reader.h"

#include <pcap/pcap.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <vector>

#include "capture/capture_builder.h"

namespace mtls::capture {
namespace {

using namespace build;

TEST(CaptureReader, PcapMicrosecondsLittleEndian) {
  const std::string file = pcap_file({{"abc", 1, 1'700'000'000'123'456}, {"defg", 1, 1'700'000'001'000'000}});
  auto r = CaptureReader::open(memory_source(file), "t.pcap");
  ASSERT_TRUE(r) << r.error().to_string();
  CaptureFrame f;
  ASSERT_TRUE(r->next(f));
  EXPECT_EQ(f.number, 1u);
  EXPECT_EQ(f.data, "abc");
  EXPECT_EQ(f.link_type, 1u);
  EXPECT_EQ(f.time_ns, 1'700'000'000'123'456'000);
  ASSERT_TRUE(r->next(f));
  EXPECT_EQ(f.data, "defg");
  EXPECT_FALSE(r->next(f));
  EXPECT_FALSE(r->problem());
  EXPECT_EQ(r->format(), "pcap");
}

TEST(CaptureReader, PcapBigEndianNanoseconds) {
  std::string f;
  put32(f, 0xA1B23C4D);
  put16(f, 2);
  put16(f, 4);
  put32(f, 0);
  put32(f, 0);
  put32(f, 65535);
  put32(f, 101);
  put32(f, 10);
  put32(f, 5);
  put32(f, 2);
  put32(f, 2);
  f += "hi";
  auto r = CaptureReader::open(memory_source(f), "be.pcap");
  ASSERT_TRUE(r);
  CaptureFrame fr;
  ASSERT_TRUE(r->next(fr));
  EXPECT_EQ(fr.link_type, 101u);
  EXPECT_EQ(fr.time_ns, 10'000'000'005);
  EXPECT_EQ(fr.data, "hi");
}

TEST(CaptureReader, TruncatedRecordNamesTheFrame) {
  std::string file = pcap_file({{"abcdef", 1}, {"0123456789", 1}});
  file.resize(file.size() - 4);
  auto r = CaptureReader::open(memory_source(file), "cut.pcap");
  ASSERT_TRUE(r);
  CaptureFrame f;
  EXPECT_TRUE(r->next(f));
  EXPECT_FALSE(r->next(f));
  ASSERT_TRUE(r->problem());
  EXPECT_EQ(r->problem()->where, "cut.pcap frame 2");
  EXPECT_NE(r->problem()->message.find("truncated record"), std::string::npos);
}

TEST(CaptureReader, ImplausibleRecordLength) {
  std::string file = pcap_file({});
  le32(file, 0);
  le32(file, 0);
  le32(file, 0x7FFFFFFF);
  le32(file, 0x7FFFFFFF);
  auto r = CaptureReader::open(memory_source(file), "big.pcap");
  ASSERT_TRUE(r);
  CaptureFrame f;
  EXPECT_FALSE(r->next(f));
  ASSERT_TRUE(r->problem());
  EXPECT_NE(r->problem()->message.find("not plausible"), std::string::npos);
}

TEST(CaptureReader, NotACapture) {
  auto r = CaptureReader::open(memory_source("this is a text file, not a capture at all"), "x.txt");
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("not a pcap or pcapng"), std::string::npos);
  EXPECT_FALSE(CaptureReader::open(memory_source("ab"), "short"));
}

TEST(CaptureReader, PcapngSeveralInterfacesAndSections) {
  std::string f;
  pcapng_section(f);
  pcapng_interface(f, 1);
  pcapng_interface(f, 276, 9);  // SLL2 with nanosecond timestamps
  pcapng_packet(f, {"eth", 1, 1'000'000, 0});
  pcapng_packet(f, {"sll2", 276, 2'000'001, 1}, 9);
  pcapng_block(f, 4, std::string(8, '\0'));  // a name resolution block: skipped
  pcapng_section(f);  // a second section: interface ids start again
  pcapng_interface(f, 101);
  pcapng_packet(f, {"raw", 101, 3'000'000, 0});
  auto r = CaptureReader::open(memory_source(f), "multi.pcapng");
  ASSERT_TRUE(r) << r.error().to_string();
  CaptureFrame fr;
  ASSERT_TRUE(r->next(fr));
  EXPECT_EQ(fr.data, "eth");
  EXPECT_EQ(fr.link_type, 1u);
  EXPECT_EQ(fr.time_ns, 1'000'000'000);
  ASSERT_TRUE(r->next(fr));
  EXPECT_EQ(fr.data, "sll2");
  EXPECT_EQ(fr.link_type, 276u);
  EXPECT_EQ(fr.interface, 1u);
  EXPECT_EQ(fr.time_ns, 2'000'001'000);
  ASSERT_TRUE(r->next(fr));
  EXPECT_EQ(fr.data, "raw");
  EXPECT_EQ(fr.link_type, 101u);
  EXPECT_EQ(fr.number, 3u);
  EXPECT_FALSE(r->next(fr));
  EXPECT_FALSE(r->problem());
  EXPECT_EQ(r->sections(), 2u);
  EXPECT_EQ(r->format(), "pcapng");
}

TEST(CaptureReader, PcapngPacketForUnknownInterface) {
  std::string f;
  pcapng_section(f);
  pcapng_interface(f, 1);
  pcapng_packet(f, {"ok", 1});
  pcapng_packet(f, {"bad", 1, 0, 7});
  auto r = CaptureReader::open(memory_source(f), "i.pcapng");
  ASSERT_TRUE(r);
  CaptureFrame fr;
  EXPECT_TRUE(r->next(fr));
  EXPECT_FALSE(r->next(fr));
  ASSERT_TRUE(r->problem());
  EXPECT_EQ(r->problem()->where, "i.pcapng frame 2");
  EXPECT_NE(r->problem()->message.find("interface 7"), std::string::npos);
}

TEST(CaptureReader, PcapngBadTrailingLength) {
  std::string f;
  pcapng_section(f);
  pcapng_interface(f, 1);
  pcapng_packet(f, {"data", 1});
  f[f.size() - 1] = 0x7F;
  auto r = CaptureReader::open(memory_source(f), "t.pcapng");
  ASSERT_TRUE(r);
  CaptureFrame fr;
  EXPECT_FALSE(r->next(fr));
  ASSERT_TRUE(r->problem());
  EXPECT_NE(r->problem()->message.find("trailing length"), std::string::npos);
}

TEST(CaptureReader, LinkTypeNames) {
  EXPECT_EQ(link_type_name(1), "EN10MB");
  EXPECT_EQ(link_type_name(101), "RAW");
  EXPECT_EQ(link_type_name(276), "LINUX_SLL2");
  EXPECT_EQ(link_type_name(147), "147");  // LINKTYPE_USER0: no name
}

// Our table names each value as libpcap does. LINKTYPE_RAW (101) is the one file value in it that
// differs from the DLT_ value libpcap's lookup takes (DLT_RAW, 12).
TEST(CaptureReader, LinkTypeNamesAreLibpcapNames) {
  for (const auto& [value, name] : link_type_names()) {
    const int dlt = value == link_raw ? 12 : static_cast<int>(value);
    const char* libpcap = pcap_datalink_val_to_name(dlt);
    ASSERT_NE(libpcap, nullptr) << value;
    EXPECT_EQ(name, libpcap) << value;
  }
}

}  // namespace
}  // namespace mtls::capture

namespace mtls::capture {
namespace {

/// A source that is not in memory (a pipe): a few bytes per read, so blocks straddle reads.
class Trickle final : public ByteSource {
 public:
  explicit Trickle(std::string bytes) : bytes_(std::move(bytes)) {}
  std::size_t read(char* out, std::size_t size) override {
    const std::size_t n = std::min({size, bytes_.size() - at_, std::size_t{3}});
    std::copy_n(bytes_.data() + at_, n, out);
    at_ += n;
    return n;
  }

 private:
  std::string bytes_;
  std::size_t at_ = 0;
};

TEST(CaptureReader, BufferedSourceReadsTheSameFrames) {
  std::string f;
  build::pcapng_section(f);
  build::pcapng_interface(f, 1);
  for (int i = 0; i < 50; ++i) build::pcapng_packet(f, {std::string(static_cast<std::size_t>(i), 'x'), 1});
  auto r = CaptureReader::open(std::make_unique<Trickle>(f), "pipe");
  ASSERT_TRUE(r);
  CaptureFrame fr;
  int n = 0;
  while (r->next(fr)) {
    EXPECT_EQ(fr.data.size(), static_cast<std::size_t>(n));
    ++n;
  }
  EXPECT_EQ(n, 50);
  EXPECT_FALSE(r->problem());
}

TEST(CaptureReader, MappedFileFromDisk) {
  const std::string path = ::testing::TempDir() + "mapped.pcap";
  const std::string bytes = build::pcap_file({{"one", 1}, {"two", 1}});
  {
    std::FILE* out = std::fopen(path.c_str(), "wb");
    ASSERT_NE(out, nullptr);
    std::fwrite(bytes.data(), 1, bytes.size(), out);
    std::fclose(out);
  }
  auto r = open_capture_file(path);
  ASSERT_TRUE(r);
  CaptureFrame fr;
  ASSERT_TRUE(r->next(fr));
  EXPECT_EQ(fr.data, "one");
  ASSERT_TRUE(r->next(fr));
  EXPECT_EQ(fr.data, "two");
  EXPECT_FALSE(r->next(fr));
  std::remove(path.c_str());
  EXPECT_FALSE(open_capture_file(path));
}


TEST(CaptureReader, BigMappedFileReadsEveryFrameWhileWindowsComeAndGo) {
  // Several release windows: the read-ahead helper maps and drops pages while the reader reads;
  // every frame must come back whole and in order, and stopping early must not hang.
  const std::string path = ::testing::TempDir() + "mapped-big.pcap";
  const std::size_t frames = 3 * CaptureReader::release_window / 4000 + 7;
  {
    std::vector<build::Packet> packets;
    packets.reserve(frames);
    for (std::size_t i = 0; i < frames; ++i) {
      std::string data(4000 - 16, static_cast<char>('a' + i % 26));
      std::memcpy(data.data(), &i, sizeof i);
      packets.push_back({std::move(data), 1});
    }
    const std::string bytes = build::pcap_file(packets);
    std::FILE* out = std::fopen(path.c_str(), "wb");
    ASSERT_NE(out, nullptr);
    ASSERT_EQ(std::fwrite(bytes.data(), 1, bytes.size(), out), bytes.size());
    std::fclose(out);
  }
  {
    auto r = open_capture_file(path);
    ASSERT_TRUE(r);
    CaptureFrame fr;
    std::size_t seen = 0;
    while (r->next(fr)) {
      std::size_t index = 0;
      std::memcpy(&index, fr.data.data(), sizeof index);
      ASSERT_EQ(index, seen);
      ASSERT_EQ(fr.data.back(), static_cast<char>('a' + seen % 26));
      ++seen;
    }
    EXPECT_EQ(seen, frames);
    EXPECT_FALSE(r->problem());
  }
  {
    auto r = open_capture_file(path);  // abandoned after a few frames: the helper is stopped
    ASSERT_TRUE(r);
    CaptureFrame fr;
    ASSERT_TRUE(r->next(fr));
  }
  std::remove(path.c_str());
}

}  // namespace
}  // namespace mtls::capture
