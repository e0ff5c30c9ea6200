// SPDX-License-Identifier: Apache-2.0
// Shared by the explain tests: the answer to a query that must be explained.
#pragma once

#include <gtest/gtest.h>

#include <string_view>

#include "knowledge/explain.h"

namespace mtls::knowledge::explain_testing {

inline ExplainResult ok(std::string_view query) {
  auto result = explain(query);
  EXPECT_TRUE(result) << query << ": " << (result ? "" : result.error().to_string());
  if (!result) return {};
  return *result;
}

}  // namespace mtls::knowledge::explain_testing
