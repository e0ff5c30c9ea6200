// SPDX-License-Identifier: Apache-2.0
// The subcommand table (ninja's kTools): one line per command.
#include <vector>

#include "cli/command.h"

namespace mtls::cli {

std::span<const CommandSpec> commands() {
  static const std::vector<CommandSpec> table{
      explain_command(),
      lab_command(),
      iis_command(),  // iis (issue 5)
  };
  return table;
}

}  // namespace mtls::cli
