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

TEST(ProbeTargets, AtMostTheLimit) {
  std::string text;
  for (std::size_t i = 0; i <= kMaxTargets; ++i) text += "https://a.example/\n";
  auto urls = parse_targets(text, "t.txt");
  ASSERT_FALSE(urls);
  EXPECT_NE(urls.error().message.find("more than"), std::string::npos);
}

}  // namespace
}  // namespace mtls::cli
