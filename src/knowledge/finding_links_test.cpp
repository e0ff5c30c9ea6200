// SPDX-License-Identifier: Apache-2.0
#include "knowledge/finding_links.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

#include "knowledge/finding_catalog.h"

namespace mtls::knowledge {
namespace {

TEST(FindingLinks, EveryIdIsInTheCatalog) {
  for (const FindingLink& l : finding_links()) {
    EXPECT_NE(find_catalog_entry(l.cause), nullptr) << l.cause;
    EXPECT_NE(find_catalog_entry(l.explained), nullptr) << l.explained;
    EXPECT_NE(l.cause, l.explained);
  }
}

TEST(FindingLinks, NoCycles) {
  // A -> B -> ... -> A would let correlation fold a cause into what it explains.
  for (const FindingLink& start : finding_links()) {
    std::set<std::string> seen{std::string(start.cause)};
    std::vector<std::string> frontier{std::string(start.explained)};
    while (!frontier.empty()) {
      const std::string at = frontier.back();
      frontier.pop_back();
      ASSERT_NE(at, start.cause) << "cycle through " << start.cause;
      if (!seen.insert(at).second) continue;
      for (const FindingLink& l : finding_links()) {
        if (l.cause == at) frontier.emplace_back(l.explained);
      }
    }
  }
}

TEST(FindingLinks, NoDuplicates) {
  std::set<std::pair<std::string, std::string>> seen;
  for (const FindingLink& l : finding_links()) {
    EXPECT_TRUE(seen.emplace(std::string(l.cause), std::string(l.explained)).second) << l.cause << " " << l.explained;
  }
}

}  // namespace
}  // namespace mtls::knowledge
