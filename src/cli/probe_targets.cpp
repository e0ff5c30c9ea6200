// SPDX-License-Identifier: Apache-2.0
#include "cli/probe_targets.h"

#include <fmt/format.h>

#include "tls/probe.h"

namespace mtls::cli {

Expected<std::vector<std::string>> parse_targets(std::string_view text, std::string_view path) {
  std::vector<std::string> urls;
  std::size_t number = 0;
  while (!text.empty()) {
    const auto end = text.find('\n');
    std::string_view line = text.substr(0, end);
    text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
    ++number;
    if (line.size() > kMaxTargetLine) {
      return unexpected(fmt::format("line longer than {} characters", kMaxTargetLine),
                        fmt::format("{}:{}", path, number));
    }
    if (const auto hash = line.find('#'); hash != std::string_view::npos) {
      line = line.substr(0, hash);
    }
    const auto first = line.find_first_not_of(" \t\r");
    if (first == std::string_view::npos) continue;
    line = line.substr(first, line.find_last_not_of(" \t\r") - first + 1);
    tls::ProbeOptions check;
    check.url = std::string(line);
    if (auto ok = tls::validate_probe_options(check); !ok) {
      return unexpected(ok.error().message, fmt::format("{}:{}", path, number));
    }
    if (urls.size() == kMaxTargets) {
      return unexpected(fmt::format("more than {} targets", kMaxTargets), std::string(path));
    }
    urls.push_back(std::move(check.url));
  }
  if (urls.empty()) return unexpected("no targets (one https:// URL per line)", std::string(path));
  return urls;
}

}  // namespace mtls::cli
