// SPDX-License-Identifier: Apache-2.0
// `mtls-doctor ARGS...` run in process by the unit tests, with standard output and error captured.
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "cli/app.h"

namespace mtls::test {

struct CliRun {
  int status;
  std::string out;
  std::string err;
};

inline CliRun run_cli(std::vector<std::string> args) {
  args.insert(args.begin(), "mtls-doctor");
  std::vector<char*> argv;
  for (std::string& a : args) argv.push_back(a.data());
  ::testing::internal::CaptureStdout();
  ::testing::internal::CaptureStderr();
  const int status = cli::run(static_cast<int>(argv.size()), argv.data());
  std::string out = ::testing::internal::GetCapturedStdout();
  return {status, std::move(out), ::testing::internal::GetCapturedStderr()};
}

}  // namespace mtls::test
