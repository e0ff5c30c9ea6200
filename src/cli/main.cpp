// SPDX-License-Identifier: Apache-2.0
// mtls-doctor: parse the command line, run one command, exit 0 / 1 / 2.
#include <fmt/format.h>

#include <exception>

#include "cli/app.h"

int main(int argc, char** argv) {
  try {
    return mtls::cli::run(argc, argv);
  } catch (const std::exception& e) {
    // The one place an unexpected exception ends the program: an internal error is exit 2.
    fmt::print(stderr, "mtls-doctor: internal error: {}\n", e.what());
    return 2;
  }
}
