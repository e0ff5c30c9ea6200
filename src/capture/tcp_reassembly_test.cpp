// SPDX-License-Identifier: Apache-2.0
#include "capture/tcp_reassembly.h"

#include <gtest/gtest.h>

namespace mtls::capture {
namespace {

struct Collector {
  std::string bytes;
  std::vector<std::uint64_t> frames;
  TcpStream::Sink sink() {
    return [this](std::string_view b, std::uint64_t f) {
      bytes.append(b);
      frames.push_back(f);
    };
  }
};

TEST(TcpReassembly, InOrderAfterSyn) {
  TcpStream s;
  Collector c;
  s.add(1000, true, "", 0, 1, c.sink());
  s.add(1001, false, "abc", 0, 2, c.sink());
  s.add(1004, false, "def", 0, 3, c.sink());
  s.finish();
  EXPECT_EQ(c.bytes, "abcdef");
  EXPECT_FALSE(s.has_gap());
}

TEST(TcpReassembly, OutOfOrderWaitsThenDrains) {
  TcpStream s;
  Collector c;
  s.add(99, true, "", 0, 1, c.sink());
  s.add(106, false, "ghi", 0, 2, c.sink());
  s.add(103, false, "def", 0, 3, c.sink());
  EXPECT_EQ(c.bytes, "");
  s.add(100, false, "abc", 0, 4, c.sink());
  EXPECT_EQ(c.bytes, "abcdefghi");
  EXPECT_EQ(c.frames.back(), 4u);
  s.finish();
  EXPECT_FALSE(s.has_gap());
}

// Delivered bytes are never replaced; waiting segments that overlap are taken in sequence order.
TEST(TcpReassembly, RetransmissionAndOverlap) {
  TcpStream s;
  Collector c;
  s.add(0, false, "abcd", 0, 1, c.sink());
  s.add(0, false, "abcd", 0, 2, c.sink());     // retransmission
  s.add(2, false, "XXefgh", 0, 3, c.sink());   // overlaps "cd"; new data "efgh"
  s.add(10, false, "kl", 0, 4, c.sink());      // out of order
  s.add(9, false, "YYY", 0, 5, c.sink());      // fills 8..11 ("j" + overlap with pending "kl")
  s.add(8, false, "ij", 0, 6, c.sink());
  s.finish();
  EXPECT_EQ(c.bytes, "abcdefghijYY");
  EXPECT_GT(s.duplicate_bytes(), 0u);
  EXPECT_FALSE(s.has_gap());
}

TEST(TcpReassembly, GapEndsTheStreamWithANote) {
  TcpStream s;
  Collector c;
  s.add(500, true, "", 0, 1, c.sink());
  s.add(501, false, "abc", 0, 2, c.sink());
  s.add(510, false, "zzz", 0, 3, c.sink());
  s.finish();
  EXPECT_EQ(c.bytes, "abc");
  ASSERT_TRUE(s.has_gap());
  EXPECT_EQ(s.gap(), "6 bytes missing after stream byte 3 (frame 3)");
  s.add(504, false, "late", 0, 4, c.sink());
  EXPECT_EQ(c.bytes, "abc");  // nothing more once a gap was declared
}

TEST(TcpReassembly, SequenceNumbersWrap) {
  TcpStream s;
  Collector c;
  s.add(0xFFFFFFFE, true, "", 0, 1, c.sink());
  s.add(0xFFFFFFFF, false, "ab", 0, 2, c.sink());
  s.add(1, false, "cd", 0, 3, c.sink());
  EXPECT_EQ(c.bytes, "abcd");
}

TEST(TcpReassembly, SnapLengthCutIsAGap) {
  TcpStream s;
  Collector c;
  s.add(0, false, "abc", 5, 1, c.sink());
  EXPECT_EQ(c.bytes, "abc");
  EXPECT_TRUE(s.has_gap());
}

TEST(TcpReassembly, PendingIsBounded) {
  TcpStream s;
  Collector c;
  s.add(0, false, "a", 0, 1, c.sink());
  const std::string chunk(64 * 1024, 'x');
  for (std::uint32_t i = 0; i < 20; ++i) s.add(10 + i * 70000, false, chunk, 0, 2 + i, c.sink());
  EXPECT_TRUE(s.has_gap());
  EXPECT_EQ(c.bytes, "a");
}

}  // namespace
}  // namespace mtls::capture
