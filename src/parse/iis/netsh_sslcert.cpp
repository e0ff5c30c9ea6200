// SPDX-License-Identifier: Apache-2.0
#include "parse/iis/netsh_sslcert.h"

#include <fmt/format.h>

#include <charconv>
#include <optional>
#include <string>

#include "parse/iis/text_decoding.h"

namespace mtls::parse {
namespace {

constexpr std::size_t kMaxLineLength = 64 * 1024;
constexpr std::size_t kMaxBindings = 100'000;

/// The first word of a value: pasted output often carries the author's notes after it
/// ("(null) ★<<< ..."), and netsh values never contain spaces except "Not Set".
std::string first_word(std::string_view value) {
  const std::size_t end = value.find_first_of(" \t");
  return std::string(value.substr(0, end));
}

Expected<std::optional<bool>> parse_switch(std::string_view value, std::string_view label, const std::string& where) {
  // Classic flags print Enabled/Disabled; the Windows 10+ ones print Set/Not Set.
  if (istarts_with(value, "Enabled")) return std::optional<bool>(true);
  if (istarts_with(value, "Disabled")) return std::optional<bool>(false);
  if (istarts_with(value, "Not Set")) return std::optional<bool>(false);
  if (istarts_with(value, "Set")) return std::optional<bool>(true);
  return unexpected(fmt::format("unexpected value \"{}\" for \"{}\" (expected Enabled, Disabled, Set or Not Set)",
                                first_word(value), label),
                    where);
}

Expected<std::optional<std::uint32_t>> parse_number(std::string_view value, std::string_view label,
                                                    const std::string& where) {
  const std::string word = first_word(value);
  std::uint32_t n = 0;
  const auto [end, ec] = std::from_chars(word.data(), word.data() + word.size(), n);
  if (ec != std::errc{} || end != word.data() + word.size() || word.empty()) {
    return unexpected(fmt::format("unexpected value \"{}\" for \"{}\" (expected a number)", word, label), where);
  }
  return std::optional<std::uint32_t>(n);
}

std::string null_to_empty(std::string value) { return value == "(null)" ? std::string() : value; }

using SwitchField = std::optional<bool> HttpSysBinding::*;
struct SwitchName {
  std::string_view label;
  SwitchField field;
};
const SwitchName kSwitches[] = {
    {"Verify Client Certificate Revocation", &HttpSysBinding::verify_client_certificate_revocation},
    {"Verify Revocation Using Cached Client Certificate Only",
     &HttpSysBinding::verify_revocation_using_cached_client_certificate_only},
    {"Usage Check", &HttpSysBinding::usage_check},
    {"DS Mapper Usage", &HttpSysBinding::ds_mapper_usage},
    {"Negotiate Client Certificate", &HttpSysBinding::negotiate_client_certificate},
    {"Reject Connections", &HttpSysBinding::reject_connections},
    {"Disable HTTP2", &HttpSysBinding::disable_http2},
    {"Disable QUIC", &HttpSysBinding::disable_quic},
    {"Disable TLS1.2", &HttpSysBinding::disable_tls12},
    {"Disable TLS1.3", &HttpSysBinding::disable_tls13},
    {"Disable OCSP Stapling", &HttpSysBinding::disable_ocsp_stapling},
    {"Enable Token Binding", &HttpSysBinding::enable_token_binding},
    {"Log Extended Events", &HttpSysBinding::log_extended_events},
    {"Disable Legacy TLS Versions", &HttpSysBinding::disable_legacy_tls},
    {"Enable Session Ticket", &HttpSysBinding::enable_session_ticket},
    {"Enable Caching Client Hello", &HttpSysBinding::enable_caching_client_hello},
};

constexpr HttpSysBindingKind kKeyLabels[] = {HttpSysBindingKind::ip_port, HttpSysBindingKind::hostname_port,
                                             HttpSysBindingKind::central_certificate_store};

}  // namespace

Expected<std::vector<HttpSysBinding>> parse_netsh_sslcert(std::string_view text, std::string_view source_name) {
  std::vector<HttpSysBinding> bindings;
  bool saw_header = false;
  HttpSysExtendedProperty* extended = nullptr;
  bool in_extended = false;
  bool open = false;  // netsh separates bindings by blank lines; after one, fields are prose
  const std::string file(source_name);

  for (const TextLine& line : split_lines(text)) {
    const std::string where = fmt::format("{}:{}", source_name, line.number);
    if (line.text.size() > kMaxLineLength) {
      return unexpected(fmt::format("line too long (more than {} bytes)", kMaxLineLength), where);
    }
    const std::string_view trimmed = trim(line.text);
    if (trimmed.empty()) {
      open = false;
      continue;
    }
    if (istarts_with(trimmed, "SSL Certificate bindings:")) {
      saw_header = true;
      continue;
    }
    if (iequals(trimmed, "Extended Properties:")) {
      if (!open) continue;
      in_extended = true;
      extended = nullptr;
      continue;
    }
    // "Label<spaces>: value". The label may itself hold a colon ("IP:port"), so the separator is
    // the first colon preceded by a space.
    const std::size_t sep = trimmed.find(" :");
    if (sep == std::string_view::npos) continue;  // prose, prompts, separators
    const std::string_view label = trim(trimmed.substr(0, sep));
    const std::string_view value = trim(trimmed.substr(sep + 2));

    bool is_key = false;
    for (HttpSysBindingKind key : kKeyLabels) {
      if (iequals(label, to_string(key))) {
        if (bindings.size() >= kMaxBindings) {
          return unexpected(fmt::format("more than {} bindings", kMaxBindings), where);
        }
        HttpSysBinding b;
        b.kind = key;
        b.endpoint = first_word(value);
        b.origin = at_line("netsh", file, line.number, std::string(trimmed));
        bindings.push_back(std::move(b));
        in_extended = false;
        extended = nullptr;
        open = true;
        is_key = true;
        break;
      }
    }
    if (is_key || !open) continue;  // fields outside a binding belong to prose
    HttpSysBinding& b = bindings.back();

    if (in_extended) {
      if (iequals(label, "PropertyId")) {
        b.extended_properties.push_back({first_word(value), {}});
        extended = &b.extended_properties.back();
      } else if (extended) {
        extended->fields.emplace_back(std::string(label), first_word(value));
      } else {
        b.other_fields.emplace_back(std::string(label), first_word(value));
      }
      continue;
    }

    bool handled = false;
    for (const SwitchName& s : kSwitches) {
      if (iequals(label, s.label)) {
        auto parsed = parse_switch(value, s.label, where);
        if (!parsed) return unexpected(parsed.error());
        b.*(s.field) = *parsed;
        handled = true;
        break;
      }
    }
    if (handled) continue;
    if (iequals(label, "Certificate Hash")) {
      b.certificate_hash = first_word(value);
    } else if (iequals(label, "Application ID")) {
      b.application_id = first_word(value);
    } else if (iequals(label, "Certificate Store Name")) {
      b.certificate_store_name = null_to_empty(first_word(value));
    } else if (iequals(label, "Ctl Identifier")) {
      b.ctl_identifier = null_to_empty(first_word(value));
    } else if (iequals(label, "Ctl Store Name")) {
      b.ctl_store_name = null_to_empty(first_word(value));
    } else if (iequals(label, "Revocation Freshness Time")) {
      auto n = parse_number(value, "Revocation Freshness Time", where);
      if (!n) return unexpected(n.error());
      b.revocation_freshness_time = *n;
    } else if (iequals(label, "URL Retrieval Timeout")) {
      auto n = parse_number(value, "URL Retrieval Timeout", where);
      if (!n) return unexpected(n.error());
      b.url_retrieval_timeout = *n;
    } else {
      b.other_fields.emplace_back(std::string(label), first_word(value));
    }
  }
  if (bindings.empty() && !saw_header) {
    return unexpected("no http.sys binding found (expected the output of `netsh http show sslcert`)",
                      std::string(source_name));
  }
  return bindings;
}

}  // namespace mtls::parse
