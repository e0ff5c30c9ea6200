// SPDX-License-Identifier: Apache-2.0
// The subcommand table (ninja's kTools): one line per command.
#include <vector>

#include "cli/command.h"

namespace mtls::cli {

std::span<const CommandSpec> commands() {
  static const std::vector<CommandSpec> table{
      diagnose_command(),
      explain_command(),
      lab_command(),
      // probe (issue 4)
      probe_command(),
      pcap_command(),  // packet captures (issue 7)
      // --- certificates and trust stores (issue 3) ---
      cert_command(),
      store_command(),
      logs_command(),  // logs (issue 6)
      iis_command(),  // iis (issue 5)
      collect_command(),  // the Windows collection script (docs/collect.md)
  };
  return table;
}

}  // namespace mtls::cli
