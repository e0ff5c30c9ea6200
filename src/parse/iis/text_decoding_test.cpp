// SPDX-License-Identifier: Apache-2.0
#include "parse/iis/text_decoding.h"

#include <gtest/gtest.h>

namespace mtls::parse {
namespace {

TEST(TextDecoding, Utf8PassesThroughAndBomIsStripped) {
  EXPECT_EQ(*decode_text("abc", "f"), "abc");
  EXPECT_EQ(*decode_text("\xEF\xBB\xBF" "abc", "f"), "abc");
}

TEST(TextDecoding, Utf16LeWithBomBecomesUtf8) {
  const std::string bytes("\xFF\xFE" "R\0E\0\r\0\n\0\xAC\x20\x3D\xD8\x00\xDE", 16);
  EXPECT_EQ(*decode_text(bytes, "f"), "RE\r\n\xE2\x82\xAC\xF0\x9F\x98\x80");
}

TEST(TextDecoding, BrokenUtf16NamesTheLine) {
  const std::string odd("\xFF\xFE" "a\0\n\0b", 7);
  EXPECT_EQ(decode_text(odd, "x.reg").error().to_string(), "x.reg:2: invalid UTF-16LE: odd number of bytes");
  const std::string lone("\xFF\xFE\x00\xDC", 4);
  EXPECT_EQ(decode_text(lone, "x.reg").error().to_string(), "x.reg:1: invalid UTF-16LE: unpaired low surrogate");
  const std::string high("\xFF\xFE\x00\xD8" "a\0", 6);
  EXPECT_EQ(decode_text(high, "x.reg").error().to_string(), "x.reg:1: invalid UTF-16LE: unpaired high surrogate");
}

TEST(TextDecoding, SplitsCrlfAndLf) {
  auto lines = split_lines("a\r\nb\nc");
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(lines[0].text, "a");
  EXPECT_EQ(lines[1].text, "b");
  EXPECT_EQ(lines[2].number, 3u);
  EXPECT_EQ(split_lines("a\n").size(), 1u);
}

}  // namespace
}  // namespace mtls::parse
