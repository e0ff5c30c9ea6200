// SPDX-License-Identifier: Apache-2.0
// A shell command run by the integration tests: its exit status and what it printed.
#pragma once

#include <sys/wait.h>

#include <cstdio>
#include <string>

namespace mtls::test {

struct CommandRun {
  int status = -1;
  std::string out;
};

/// `command` through /bin/sh; `out` is its standard output (add "2>&1" to the command for both).
inline CommandRun run_command(const std::string& command) {
  CommandRun r;
  FILE* pipe = ::popen(command.c_str(), "r");
  if (!pipe) return r;
  char buffer[4096];
  std::size_t n = 0;
  while ((n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) r.out.append(buffer, n);
  const int status = ::pclose(pipe);
  r.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

}  // namespace mtls::test
