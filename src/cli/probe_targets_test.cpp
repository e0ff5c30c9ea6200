// SPDX-License-Identifier: Apache-2.0
#include "cli/probe_targets.h"

#include <gtest/gtest.h>

#include <string>

namespace mtls::cli {
namespace {

TEST(ProbeTargets, UrlsCommentsBlankLinesAndCrlf) {
  auto urls = parse_targets("# fleet\r\nhttps://a.example/ \r\n\n  https://b.example:8443/x # api\n",
                            "t.txt");
  ASSERT_TRUE(urls) << urls.error().to_string();
  EXPECT_EQ(*urls, (std::vector<std::string>{"https://a.example/", "https://b.example:8443/x"}));
}

TEST(ProbeTargets, BadLineNamedByNumber) {
  auto urls = parse_targets("https://a.example/\n\nftp://b.example/\n", "t.txt");
  ASSERT_FALSE(urls);
  EXPECT_EQ(urls.error().where, "t.txt:3");
}

TEST(ProbeTargets, LongLineAndEmptyFile) {
  auto long_line = parse_targets("https://a.example/" + std::string(kMaxTargetLine, 'x'), "t.txt");
  ASSERT_FALSE(long_line);
  EXPECT_EQ(long_line.error().where, "t.txt:1");
  auto empty = parse_targets("# only a comment\n\n", "t.txt");
  ASSERT_FALSE(empty);
  EXPECT_NE(empty.error().message.find("no targets"), std::string::npos);
}

TEST(ProbeTargets, BinaryAndUtf16AreNamedNotEchoed) {
  auto binary = parse_targets("https://a.example/\n\x01\x1b[2J\xff\n", "t.txt");
  ASSERT_FALSE(binary);
  EXPECT_EQ(binary.error().where, "t.txt:2");
  EXPECT_EQ(binary.error().message.find('\x1b'), std::string::npos) << "the bytes are not echoed";
  auto latin1 = parse_targets("https://caf\xe9.example/\n", "t.txt");
  ASSERT_FALSE(latin1);
  EXPECT_EQ(latin1.error().to_string(), "t.txt:1: not a targets file (bytes that are not UTF-8; one https:// URL per line)");
  auto utf16 = parse_targets(std::string("\xff\xfe" "h\0t\0", 6), "t.txt");
  ASSERT_FALSE(utf16);
  EXPECT_EQ(utf16.error().to_string(), "t.txt:1: UTF-16 text is not read (save it as UTF-8)");
  auto bom = parse_targets("\xef\xbb\xbfhttps://a.example/\n", "t.txt");
  ASSERT_TRUE(bom) << bom.error().to_string();
}

TEST(ProbeTargets, AtMostTheLimit) {
  std::string text;
  for (std::size_t i = 0; i <= kMaxTargets; ++i) text += "https://a.example/\n";
  auto urls = parse_targets(text, "t.txt");
  ASSERT_FALSE(urls);
  EXPECT_NE(urls.error().message.find("more than"), std::string::npos) << urls.error().message;
}

}  // namespace
}  // namespace mtls::cli
