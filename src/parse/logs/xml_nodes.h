// SPDX-License-Identifier: Apache-2.0
// Small pugixml helpers shared by the XML readers of this folder (FREB, event XML, CAPI2). Private
// to src/parse/logs: pugixml is this folder's library, and no header outside it names its types.
#pragma once

#include <cstdint>
#include <optional>
#include <pugixml.hpp>
#include <string_view>

namespace mtls::logs::xml {

/// The element name without its namespace prefix ("freb:Description" -> "Description").
inline std::string_view local_name(const char* name) {
  std::string_view n(name);
  const auto colon = n.find(':');
  return colon == std::string_view::npos ? n : n.substr(colon + 1);
}

/// The first child element of that local name (empty node when none).
inline pugi::xml_node child(pugi::xml_node node, std::string_view name) {
  for (pugi::xml_node c : node.children()) {
    if (local_name(c.name()) == name) return c;
  }
  return {};
}

/// Hex digits without a prefix, as CAPI2 writes Result and ErrorStatus values ("800B0109").
inline std::optional<std::uint32_t> bare_hex(std::string_view s) {
  if (s.empty() || s.size() > 8) return std::nullopt;
  std::uint32_t v = 0;
  for (char c : s) {
    int d = -1;
    if (c >= '0' && c <= '9') d = c - '0';
    else if (c >= 'a' && c <= 'f') d = c - 'a' + 10;
    else if (c >= 'A' && c <= 'F') d = c - 'A' + 10;
    if (d < 0) return std::nullopt;
    v = v * 16 + static_cast<std::uint32_t>(d);
  }
  return v;
}

}  // namespace mtls::logs::xml
