// SPDX-License-Identifier: Apache-2.0
#include "capture/keylog.h"

#include <string.h>  // explicit_bzero

#include <fmt/format.h>

#include <cerrno>
#include <cstdio>
#include <algorithm>
#include <cstring>
#include <memory>

#include "core/input_file.h"

namespace mtls::capture {
namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

/// Hex to bytes into `out`; false on an odd length or a non-hex digit.
bool unhex(std::string_view h, std::string& out) {
  if (h.size() % 2 != 0) return false;
  out.resize(h.size() / 2);
  for (std::size_t i = 0; i < out.size(); ++i) {
    const int hi = hex_value(h[2 * i]);
    const int lo = hex_value(h[2 * i + 1]);
    if (hi < 0 || lo < 0) return false;
    out[i] = static_cast<char>(hi << 4 | lo);
  }
  return true;
}

void wipe(std::string& s) {
  if (!s.empty()) explicit_bzero(s.data(), s.size());
  s.clear();
}

std::string_view next_field(std::string_view& line) {
  while (!line.empty() && (line.front() == ' ' || line.front() == '\t')) line.remove_prefix(1);
  std::size_t end = 0;
  while (end < line.size() && line[end] != ' ' && line[end] != '\t') ++end;
  std::string_view field = line.substr(0, end);
  line.remove_prefix(end);
  return field;
}

/// The labels this tool uses, and where each secret goes (draft-ietf-tls-keylogfile §3).
Secret* slot(KeyLogSecrets& s, std::string_view label) {
  if (label == "CLIENT_RANDOM") return &s.master_secret;
  if (label == "CLIENT_HANDSHAKE_TRAFFIC_SECRET") return &s.client_handshake_traffic;
  if (label == "SERVER_HANDSHAKE_TRAFFIC_SECRET") return &s.server_handshake_traffic;
  if (label == "CLIENT_TRAFFIC_SECRET_0") return &s.client_traffic_0;
  if (label == "SERVER_TRAFFIC_SECRET_0") return &s.server_traffic_0;
  return nullptr;
}

/// Labels that are valid but not needed to read a handshake (0-RTT data, exporters, ECH, and the
/// old `RSA` premaster form).
bool known_unused(std::string_view label) {
  return label == "CLIENT_EARLY_TRAFFIC_SECRET" || label == "EARLY_EXPORTER_SECRET" ||
         label == "EXPORTER_SECRET" || label == "ECH_SECRET" || label == "ECH_CONFIG" || label == "RSA";
}

}  // namespace

Expected<KeyLog> parse_keylog(std::string_view text, std::string_view source_name) {
  KeyLog log;
  log.source = std::string(source_name);
  std::size_t line_number = 0;
  std::string bytes;
  std::string first_where;
  std::string first_why;
  const auto bad = [&](std::string why) {
    if (log.bad_lines++ == 0) {
      first_where = fmt::format("{}:{}", source_name, line_number);
      first_why = std::move(why);
      log.first_bad = first_where + ": " + first_why;
    }
  };
  while (!text.empty()) {
    ++line_number;
    const std::size_t nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    text.remove_prefix(nl == std::string_view::npos ? text.size() : nl + 1);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.size() > max_keylog_line) {
      bad(fmt::format("line longer than {} characters", max_keylog_line));
      continue;
    }
    std::string_view rest = line;
    const std::string_view label = next_field(rest);
    if (label.empty() || label.front() == '#') continue;  // blank line or comment
    const std::string_view random_hex = next_field(rest);
    const std::string_view secret_hex = next_field(rest);
    if (secret_hex.empty() || !next_field(rest).empty()) {
      bad("expected three fields: LABEL CLIENT_RANDOM SECRET");
      continue;
    }
    if (known_unused(label)) {
      ++log.ignored;
      continue;
    }
    KeyLogSecrets probe_slots;
    if (!slot(probe_slots, label)) {
      bad(fmt::format("unknown label \"{}\"", label.substr(0, 64)));
      continue;
    }
    std::string random;
    if (!unhex(random_hex, random) || random.size() != 32) {
      bad("the client random is not 32 bytes of hex");
      continue;
    }
    if (!unhex(secret_hex, bytes)) {
      wipe(bytes);
      bad("the secret is not hex");
      continue;
    }
    // TLS 1.2 master secrets have 48 bytes; TLS 1.3 traffic secrets the suite's hash length.
    const bool tls12 = label == "CLIENT_RANDOM";
    if (tls12 ? bytes.size() != 48 : (bytes.size() != 32 && bytes.size() != 48)) {
      wipe(bytes);
      bad(tls12 ? "a master secret has 48 bytes" : "a traffic secret has 32 or 48 bytes");
      continue;
    }
    if (log.entries >= max_keylog_entries) {
      wipe(bytes);
      log.truncated = true;
      break;
    }
    auto it = log.by_client_random.find(random);
    if (it == log.by_client_random.end()) it = log.by_client_random.try_emplace(random).first;
    // A later line for the same connection and label replaces the earlier one (a client that logs
    // twice writes the same value).
    *slot(it->second, label) = Secret(std::move(bytes));
    bytes = std::string();
    ++log.entries;
  }
  wipe(bytes);
  if (log.entries == 0) {
    if (log.bad_lines) {
      return unexpected(fmt::format("{} (no usable key log line; {} unreadable)", first_why, log.bad_lines),
                        first_where);
    }
    return unexpected(file_error(source_name, "not a key log", "no CLIENT_RANDOM or *_TRAFFIC_SECRET line"));
  }
  return log;
}

Expected<KeyLog> read_keylog_file(const std::string& path) {
  // A folder, a FIFO (fopen would wait for a writer) or a device is refused before fopen.
  if (auto ok = check_input_file(path); !ok) return unexpected(ok.error());
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> f(std::fopen(path.c_str(), "rb"), &std::fclose);
  if (!f) return unexpected(file_error(path, "cannot read", std::strerror(errno)));
  std::string text;
  char buf[65536];
  std::size_t n = 0;
  bool too_big = false;
  while ((n = std::fread(buf, 1, sizeof buf, f.get())) > 0) {
    if (text.size() + n > max_keylog_bytes) {
      too_big = true;
      break;
    }
    // Grow by hand so no reallocation leaves a copy of the secrets behind unwiped.
    if (text.size() + n > text.capacity()) {
      std::string bigger;
      bigger.reserve(std::max(text.capacity() * 2, text.size() + n));
      bigger.append(text);
      wipe(text);
      text = std::move(bigger);
    }
    text.append(buf, n);
  }
  explicit_bzero(buf, sizeof buf);
  const bool read_error = std::ferror(f.get()) != 0;
  if (too_big || read_error) {
    wipe(text);
    if (too_big) {
      return unexpected(file_error(path, "too large", fmt::format("more than {} MiB, the most a key log may hold", max_keylog_bytes >> 20)));
    }
    return unexpected(file_error(path, "cannot read", "read error"));
  }
  Expected<KeyLog> log = parse_keylog(text, path);
  wipe(text);
  return log;
}

std::vector<std::string> keylog_notes(const KeyLog& log) {
  std::vector<std::string> notes;
  if (log.bad_lines) {
    notes.push_back(fmt::format("{}: {} line(s) could not be read and were skipped; the first: {}", log.source,
                                log.bad_lines, log.first_bad));
  }
  if (log.truncated) notes.push_back(fmt::format("{}: only the first {} entries were read", log.source, max_keylog_entries));
  return notes;
}

}  // namespace mtls::capture
