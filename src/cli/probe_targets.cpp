// SPDX-License-Identifier: Apache-2.0
#include "cli/probe_targets.h"

#include <fmt/format.h>

#include "core/input_file.h"
#include "tls/probe.h"

namespace mtls::cli {
namespace {

/// Why a line is not text a URL can be read from: a control byte (binary data) or bytes that are
/// not UTF-8 (RFC 3629 section 4: no overlong forms, no surrogates); empty when it is text.
std::string not_text(std::string_view line) {
  for (std::size_t i = 0; i < line.size(); ++i) {
    const auto u = static_cast<unsigned char>(line[i]);
    if ((u < 0x20 && u != '\t' && u != '\r') || u == 0x7f) return fmt::format("a control byte 0x{:02x}: binary data", u);
    if (u < 0x80) continue;
    std::size_t n = u >= 0xC2 && u <= 0xDF ? 2 : u >= 0xE0 && u <= 0xEF ? 3 : u >= 0xF0 && u <= 0xF4 ? 4 : 0;
    if (n == 0 || i + n > line.size()) return "bytes that are not UTF-8";
    const auto b1 = static_cast<unsigned char>(line[i + 1]);
    const unsigned char low = u == 0xE0 ? 0xA0 : u == 0xF0 ? 0x90 : 0x80;
    const unsigned char high = u == 0xED ? 0x9F : u == 0xF4 ? 0x8F : 0xBF;
    if (b1 < low || b1 > high) return "bytes that are not UTF-8";
    for (std::size_t k = 2; k < n; ++k) {
      const auto b = static_cast<unsigned char>(line[i + k]);
      if (b < 0x80 || b > 0xBF) return "bytes that are not UTF-8";
    }
    i += n - 1;
  }
  return {};
}

}  // namespace

Expected<std::vector<std::string>> parse_targets(std::string_view text, std::string_view path) {
  // A UTF-16 file (Notepad's "Unicode", PowerShell 5's Out-File) starts with its byte order mark.
  if (text.starts_with("\xFF\xFE") || text.starts_with("\xFE\xFF")) {
    return unexpected(file_error(path, "UTF-16 text is not read", "save it as UTF-8", 1));
  }
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);  // UTF-8's optional mark
  std::vector<std::string> urls;
  std::size_t number = 0;
  while (!text.empty()) {
    const auto end = text.find('\n');
    std::string_view line = text.substr(0, end);
    text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
    ++number;
    if (line.size() > kMaxTargetLine) {
      return unexpected(file_error(path, "line too long", fmt::format("more than {} characters", kMaxTargetLine), number));
    }
    if (const std::string why = not_text(line); !why.empty()) {
      return unexpected(file_error(path, "not a targets file", fmt::format("{}; one https:// URL per line", why), number));
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
      return unexpected(file_error(path, "not a probe target", ok.error().message, number));
    }
    if (urls.size() == kMaxTargets) {
      return unexpected(file_error(path, "too many targets", fmt::format("more than {}", kMaxTargets)));
    }
    urls.push_back(std::move(check.url));
  }
  if (urls.empty()) return unexpected(file_error(path, "no targets", "one https:// URL per line"));
  return urls;
}

}  // namespace mtls::cli
