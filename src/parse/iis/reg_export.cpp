// SPDX-License-Identifier: Apache-2.0
#include "parse/iis/reg_export.h"

#include <fmt/format.h>

#include <charconv>

#include "parse/iis/text_decoding.h"

namespace mtls::parse {
namespace {

constexpr std::size_t kMaxLogicalLine = 16 * 1024 * 1024;
constexpr std::size_t kMaxKeys = 1'000'000;

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

/// "00,ff,3a" -> bytes.
Expected<std::string> hex_bytes(std::string_view list, const std::string& where) {
  std::string out;
  std::string_view rest = trim(list);
  while (!rest.empty()) {
    const std::size_t comma = rest.find(',');
    const std::string_view byte = trim(rest.substr(0, comma));
    if (byte.size() != 2 || hex_digit(byte[0]) < 0 || hex_digit(byte[1]) < 0) {
      return unexpected(fmt::format("\"{}\" is not a hex byte", byte), where);
    }
    out += static_cast<char>(hex_digit(byte[0]) * 16 + hex_digit(byte[1]));
    if (comma == std::string_view::npos) break;
    rest.remove_prefix(comma + 1);
    if (trim(rest).empty()) break;  // a trailing comma is tolerated
  }
  return out;
}

/// UTF-16LE bytes (Version 5.00 hex(2)/hex(7)) or ANSI (REGEDIT4) to UTF-8 strings split at NUL.
std::vector<std::string> strings_from_bytes(const std::string& bytes, bool utf16) {
  std::vector<std::string> out;
  std::string current;
  if (utf16) {
    std::string with_bom = "\xFF\xFE" + bytes.substr(0, bytes.size() & ~std::size_t{1});
    auto decoded = decode_text(with_bom, "");
    const std::string text = decoded ? *decoded : std::string();
    for (char c : text) {
      if (c == '\0') {
        out.push_back(current);
        current.clear();
      } else {
        current += c;
      }
    }
  } else {
    for (char c : bytes) {
      if (c == '\0') {
        out.push_back(current);
        current.clear();
      } else {
        current += c;
      }
    }
  }
  if (!current.empty()) out.push_back(current);
  // A multi-string ends with an empty string (two NULs): drop the terminator.
  while (!out.empty() && out.back().empty()) out.pop_back();
  return out;
}

/// Reads a quoted string starting at text[0] == '"'; returns the unescaped text and advances.
Expected<std::string> quoted(std::string_view& text, const std::string& where) {
  std::string out;
  std::size_t i = 1;
  for (; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '\\' && i + 1 < text.size()) {
      out += text[++i];
    } else if (c == '"') {
      text.remove_prefix(i + 1);
      return out;
    } else {
      out += c;
    }
  }
  return unexpected("unterminated string", where);
}

Expected<RegistryValue> parse_value(std::string_view line, bool utf16, const std::string& where) {
  RegistryValue v;
  std::string_view rest = line;
  if (rest.starts_with('@')) {
    rest.remove_prefix(1);
  } else {
    auto name = quoted(rest, where);
    if (!name) return unexpected(name.error());
    v.name = std::move(*name);
  }
  rest = trim(rest);
  if (!rest.starts_with('=')) return unexpected("expected '=' after the value name", where);
  rest = trim(rest.substr(1));
  if (rest == "-") {
    v.deleted = true;
    return v;
  }
  if (rest.starts_with('"')) {
    auto s = quoted(rest, where);
    if (!s) return unexpected(s.error());
    v.type = static_cast<std::uint32_t>(RegistryType::sz);
    v.text = std::move(*s);
    v.data = v.text;
    return v;
  }
  if (istarts_with(rest, "dword:")) {
    const std::string_view digits = trim(rest.substr(6));
    std::uint32_t n = 0;
    const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), n, 16);
    if (ec != std::errc{} || end != digits.data() + digits.size() || digits.empty() || digits.size() > 8) {
      return unexpected(fmt::format("dword:{} is not 1 to 8 hex digits", digits), where);
    }
    v.type = static_cast<std::uint32_t>(RegistryType::dword);
    v.number = n;
    for (int i = 0; i < 4; ++i) v.data += static_cast<char>((n >> (8 * i)) & 0xFF);
    return v;
  }
  if (istarts_with(rest, "hex")) {
    rest.remove_prefix(3);
    std::uint32_t type = static_cast<std::uint32_t>(RegistryType::binary);
    if (rest.starts_with('(')) {
      const std::size_t close = rest.find(')');
      if (close == std::string_view::npos) return unexpected("hex( without )", where);
      const std::string_view digits = rest.substr(1, close - 1);
      const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), type, 16);
      if (ec != std::errc{} || end != digits.data() + digits.size() || digits.empty()) {
        return unexpected(fmt::format("hex({}) is not a hex type number", digits), where);
      }
      rest.remove_prefix(close + 1);
    }
    if (!rest.starts_with(':')) return unexpected("expected ':' after hex", where);
    auto bytes = hex_bytes(rest.substr(1), where);
    if (!bytes) return unexpected(bytes.error());
    v.type = type;
    v.data = std::move(*bytes);
    switch (static_cast<RegistryType>(type)) {
      case RegistryType::sz:
      case RegistryType::expand_sz: {
        auto strings = strings_from_bytes(v.data, utf16);
        v.text = strings.empty() ? std::string() : strings.front();
        break;
      }
      case RegistryType::multi_sz: v.strings = strings_from_bytes(v.data, utf16); break;
      case RegistryType::dword:
      case RegistryType::qword:
        for (std::size_t i = 0; i < v.data.size() && i < 8; ++i) {
          v.number |= static_cast<std::uint64_t>(static_cast<unsigned char>(v.data[i])) << (8 * i);
        }
        break;
      default: break;
    }
    return v;
  }
  return unexpected(fmt::format("unknown value data \"{}\"", rest.substr(0, 40)), where);
}

}  // namespace

Expected<std::vector<RegistryKey>> parse_reg_export(std::string_view text, std::string_view source_name) {
  const std::vector<TextLine> lines = split_lines(text);
  const std::string file(source_name);
  if (lines.empty()) return unexpected("empty file: expected a registry export", file);
  const std::string_view header = trim(lines.front().text);
  bool utf16 = false;
  if (header == "Windows Registry Editor Version 5.00") {
    utf16 = true;  // hex(2)/hex(7) data is UTF-16LE in Version 5.00 exports
  } else if (header != "REGEDIT4") {
    return unexpected("not a registry export (expected \"Windows Registry Editor Version 5.00\" or \"REGEDIT4\")",
                      fmt::format("{}:1", source_name));
  }
  std::vector<RegistryKey> keys;
  for (std::size_t i = 1; i < lines.size(); ++i) {
    const std::size_t number = lines[i].number;
    const std::string where = fmt::format("{}:{}", source_name, number);
    std::string logical(trim(lines[i].text));
    // A value continues on the next line when it ends with a backslash (regedit wraps hex at 80
    // columns); strings never wrap.
    while (logical.ends_with('\\') && !logical.starts_with('[') && i + 1 < lines.size() &&
           logical.find("=hex") != std::string::npos) {
      logical.pop_back();
      logical += trim(lines[++i].text);
      if (logical.size() > kMaxLogicalLine) return unexpected("value longer than 16 MiB", where);
    }
    const std::string_view l = logical;
    if (l.empty() || l.starts_with(';')) continue;
    if (l.starts_with('[')) {
      if (!l.ends_with(']')) return unexpected("key line without closing ']'", where);
      if (keys.size() >= kMaxKeys) return unexpected("more than 1000000 keys", where);
      RegistryKey key;
      std::string_view path = l.substr(1, l.size() - 2);
      if (path.starts_with('-')) {
        key.deleted = true;
        path.remove_prefix(1);
      }
      key.path = std::string(path);
      key.origin = at_line("registry", file, number, std::string(l));
      keys.push_back(std::move(key));
      continue;
    }
    if (l.starts_with('"') || l.starts_with('@')) {
      if (keys.empty()) return unexpected("value before any [key] line", where);
      auto value = parse_value(l, utf16, where);
      if (!value) return unexpected(value.error());
      value->origin = at_line("registry", file, number, std::string(l.substr(0, 200)));
      keys.back().values.push_back(std::move(*value));
      continue;
    }
    return unexpected(fmt::format("unexpected line \"{}\"", l.substr(0, 60)), where);
  }
  return keys;
}

}  // namespace mtls::parse
