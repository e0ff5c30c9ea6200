// SPDX-License-Identifier: Apache-2.0
#include "parse/logs/bounded.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

namespace mtls::logs {
namespace {

TEST(LogsTopValues, ExactBelowCapacity) {
  TopValues t;
  for (int i = 0; i < 200; ++i) {
    for (int k = 0; k <= i % 7; ++k) t.add(fmt::format("198.51.100.{}", i));
  }
  const auto top = t.top(300);
  ASSERT_EQ(top.size(), 200u);
  std::uint64_t total = 0;
  for (const auto& v : top) {
    total += v.count;
    EXPECT_EQ(v.error, 0u);
  }
  EXPECT_EQ(total, 200u / 7 * 28 + (1 + 2 + 3 + 4));  // sum over i of (i % 7) + 1
  EXPECT_EQ(top[0].count, 7u);
}

TEST(LogsTopValues, HeavyHittersSurviveManyDistinctValues) {
  TopValues t;
  for (int i = 0; i < 100000; ++i) {
    t.add(fmt::format("noise-{}", i));
    if (i % 10 == 0) t.add("heavy-a");
    if (i % 20 == 0) t.add("heavy-b");
  }
  const auto top = t.top(2);
  ASSERT_EQ(top.size(), 2u);
  EXPECT_EQ(top[0].value, "heavy-a");
  EXPECT_GE(top[0].count, 10000u);
  EXPECT_LE(top[0].count - top[0].error, 10000u);
  EXPECT_EQ(top[1].value, "heavy-b");

  TopValues merged;
  merged.merge(t);
  EXPECT_EQ(merged.top(1)[0].value, "heavy-a");
}

TEST(LogsIntCounter, CountsAndOverflow) {
  IntCounter c;
  for (std::uint64_t k = 0; k < 3000; ++k) c.add(k, 2);
  std::uint64_t sum = 0;
  c.for_each([&](std::uint64_t, std::uint64_t n) { sum += n; });
  EXPECT_EQ(sum + c.overflow, 6000u);
}

}  // namespace
}  // namespace mtls::logs
