// SPDX-License-Identifier: Apache-2.0
// Files of the shared corpus (../shared/corpus beside the repository, or $MTLS_SHARED_DIR), read
// in place. A test on a corpus file skips, saying so, when the shared folder is not there.
#pragma once

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <string>

namespace mtls::test {

inline std::filesystem::path shared_dir() {
  if (const char* env = std::getenv("MTLS_SHARED_DIR"); env != nullptr && *env != '\0') return env;
  return MTLS_SHARED_DIR;
}

inline std::filesystem::path corpus_file(const std::string& relative) {
  return shared_dir() / "corpus" / relative;
}

}  // namespace mtls::test

/// Declares `var` as the corpus file's path, or skips the test when it is absent.
#define MTLS_CORPUS_FILE(var, relative)                                  \
  const std::filesystem::path var = ::mtls::test::corpus_file(relative); \
  if (!std::filesystem::exists(var))                                     \
  GTEST_SKIP() << "shared corpus file not found: " << var.string()
