// SPDX-License-Identifier: Apache-2.0
#include "render/text_style.h"

#include <gtest/gtest.h>

namespace mtls::text {
namespace {

TEST(Wrap, BreaksAtWordsWithinTheWidth) {
  EXPECT_EQ(wrap("one two three four", "  ", 12), "  one two\n  three four");
}

TEST(Wrap, HangsContinuationLines) {
  EXPECT_EQ(wrap("- alpha beta gamma", "  ", 14, "    "), "  - alpha beta\n    gamma");
}

TEST(Wrap, KeepsExplicitNewlinesAndLongWords) {
  EXPECT_EQ(wrap("a\nnetsh-http-update-sslcert-very-long", "> ", 10), "> a\n> netsh-http-update-sslcert-very-long");
}

TEST(Styler, ColourOnlyWhenAsked) {
  EXPECT_EQ(Styler(false)(Style::red, "x"), "x");
  EXPECT_EQ(Styler(true)(Style::red, "x"), "\x1b[1;31mx\x1b[0m");
  EXPECT_EQ(Styler(true)(Style::plain, "x"), "x");
}

}  // namespace
}  // namespace mtls::text
