// SPDX-License-Identifier: Apache-2.0
// mtls-doctor-manual DIR: writes DIR/mtls-doctor.1, DIR/mtls-doctor.bash and DIR/_mtls-doctor from
// the command table. The build runs it (src/cli/CMakeLists.txt); it is not installed.
#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <filesystem>
#include <string>

#include "cli/app.h"
#include "cli/manual.h"
#include "cli/output.h"

int main(int argc, char** argv) {
  if (argc != 2) {
    fmt::print(stderr, "usage: mtls-doctor-manual DIR\n");
    return 2;
  }
  const std::filesystem::path dir(argv[1]);
  mtls::cli::GlobalOptions global;
  const auto app = mtls::cli::make_app(global);
  const std::pair<const char*, std::string> files[] = {
      {"mtls-doctor.1", mtls::cli::man_page(*app)},
      {"mtls-doctor.bash", mtls::cli::bash_completion(*app)},
      {"_mtls-doctor", mtls::cli::zsh_completion(*app)},
  };
  for (const auto& [name, text] : files) {
    if (auto done = mtls::cli::write_file_atomically((dir / name).string(), text); !done) {
      fmt::print(stderr, "mtls-doctor-manual: {}\n", done.error().to_string());
      return 2;
    }
  }
  return 0;
}
