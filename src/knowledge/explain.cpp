// SPDX-License-Identifier: Apache-2.0
#include "knowledge/explain.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <optional>

#include "knowledge/finding_catalog.h"
#include "knowledge/iis_status.h"
#include "knowledge/settings.h"
#include "knowledge/tls_alerts.h"
#include "knowledge/win32_codes.h"

namespace mtls::knowledge {
namespace {

constexpr std::size_t kMaxQueryLength = 200;

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

std::vector<std::string_view> split_words(std::string_view s) {
  std::vector<std::string_view> words;
  std::size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && (std::isspace(static_cast<unsigned char>(s[i])) || s[i] == ',')) ++i;
    std::size_t start = i;
    while (i < s.size() && !std::isspace(static_cast<unsigned char>(s[i])) && s[i] != ',') ++i;
    if (i > start) words.push_back(s.substr(start, i - start));
  }
  return words;
}

/// Decimal, 0x-hex, or negative decimal (HRESULTs printed as signed ints, e.g. -2146762487).
std::optional<std::uint32_t> parse_number(std::string_view text) {
  text = trim(text);
  if (text.empty()) return std::nullopt;
  std::uint64_t value = 0;
  const char* end = text.data() + text.size();
  if (text.size() > 2 && text[0] == '0' && (text[1] == 'x' || text[1] == 'X')) {
    auto [p, ec] = std::from_chars(text.data() + 2, end, value, 16);
    if (ec != std::errc() || p != end || value > 0xFFFFFFFFull) return std::nullopt;
    return static_cast<std::uint32_t>(value);
  }
  if (text[0] == '-') {
    std::int64_t signed_value = 0;
    auto [p, ec] = std::from_chars(text.data(), end, signed_value, 10);
    if (ec != std::errc() || p != end || signed_value < INT32_MIN) return std::nullopt;
    return static_cast<std::uint32_t>(static_cast<std::int32_t>(signed_value));
  }
  auto [p, ec] = std::from_chars(text.data(), end, value, 10);
  if (ec != std::errc() || p != end || value > 0xFFFFFFFFull) return std::nullopt;
  return static_cast<std::uint32_t>(value);
}

std::vector<std::string> to_strings(const std::vector<std::string_view>& in) {
  return {in.begin(), in.end()};
}

Explanation explain_iis(const IisStatus& s) {
  Explanation e;
  e.kind = "IIS status";
  e.code = fmt::format("{}.{}", s.status, s.substatus);
  e.name = std::string(s.name);
  e.meaning = s.constant.empty() ? fmt::format("HTTP {} {}", e.code, s.name)
                                 : fmt::format("HTTP {} {} ({})", e.code, s.name, s.constant);
  e.client_cert = std::string(s.client_cert);
  e.causes = to_strings(s.causes);
  e.next_steps = {std::string(s.next_step)};
  return e;
}

std::string code_spelling(std::uint32_t code) {
  // HRESULTs (failure or SEC_I_* success codes) read best in hex, Win32 errors in decimal.
  if (code >= 0x10000u) return fmt::format("0x{:08X} ({})", code, code);
  return fmt::format("{} (0x{:X})", code, code);
}

Explanation explain_win32(const Win32Code& c, std::uint32_t as_logged) {
  Explanation e;
  e.kind = as_logged >= 0x10000u ? "HRESULT" : "Win32 error";
  e.code = code_spelling(as_logged);
  e.name = std::string(c.name);
  e.meaning = std::string(c.message);
  if (as_logged != c.code) {
    e.meaning = fmt::format("HRESULT_FROM_WIN32({}): {}", c.name, c.message);
  }
  e.client_cert = std::string(c.client_cert);
  e.causes = to_strings(c.causes);
  e.next_steps = {std::string(c.next_step)};
  return e;
}

Explanation explain_alert(const TlsAlert& a) {
  Explanation e;
  e.kind = "TLS alert";
  e.code = fmt::format("alert {}", a.code);
  e.name = std::string(a.name);
  e.meaning = fmt::format("{} ({}{})", a.meaning, a.defined_in, a.legacy ? "; not used by TLS 1.3" : "");
  e.client_cert = std::string(a.client_cert);
  e.causes = to_strings(a.causes);
  e.next_steps = {std::string(a.next_step)};
  return e;
}

Explanation explain_finding(const CatalogEntry& c) {
  Explanation e;
  e.kind = "finding";
  e.code = std::string(c.id);
  e.name = std::string(c.title);
  e.meaning = fmt::format("{} finding of checklist step {}: {}", to_string(c.severity),
                          to_string(c.step), c.title);
  e.client_cert = std::string(c.explanation);
  e.next_steps = {std::string(c.remedy)};
  e.see_also = to_strings(c.see_also);
  return e;
}

Explanation explain_setting(const Setting& s) {
  Explanation e;
  e.kind = "setting";
  e.code = std::string(s.name);
  e.name = fmt::format("{} ({})", s.kind, s.location);
  std::vector<std::string> values;
  for (const SettingValue& v : s.values) values.push_back(fmt::format("{} = {}", v.value, v.meaning));
  e.meaning = fmt::format("{}. Default: {}", fmt::join(values, "; "), s.default_value);
  e.client_cert = std::string(s.client_cert);
  for (const SettingCommand& c : s.how_to_set) {
    e.commands.push_back({c.shell, "", std::string(c.command), std::string(c.note)});
  }
  return e;
}

/// "403", "401": an IIS status without a substatus lists the substatuses we know for it.
std::optional<Explanation> explain_status_family(std::uint32_t status) {
  if (status < 100 || status > 599) return std::nullopt;
  std::vector<std::string> all;
  std::vector<std::string> cert;
  for (const IisStatus& s : iis_statuses()) {
    if (s.status != static_cast<int>(status)) continue;
    all.push_back(fmt::format("{}.{} {}", s.status, s.substatus, s.name));
    if (s.client_cert_related) cert.push_back(fmt::format("{}.{}", s.status, s.substatus));
  }
  if (all.empty()) return std::nullopt;
  Explanation e;
  e.kind = "IIS status";
  e.code = fmt::format("{}", status);
  e.name = fmt::format("HTTP {} (the substatus says why)", status);
  e.meaning = fmt::format("IIS substatus codes for {}: {}", status, fmt::join(all, "; "));
  e.client_cert = cert.empty()
                      ? fmt::format("None of the {}.x substatuses is a client-certificate failure "
                                    "by itself.",
                                    status)
                      : fmt::format("Client-certificate related: {}.", fmt::join(cert, ", "));
  e.causes = {"the substatus (sc-substatus) and sc-win32-status of the same log line tell which"};
  e.next_steps = {fmt::format("Read the whole triple from the W3C log and explain it, e.g. "
                              "mtls-doctor explain \"{} 7 0\"; or run mtls-doctor logs on the log "
                              "folder.",
                              status)};
  e.see_also = cert;
  return e;
}

/// Words people put before a code: "win32 64", "hresult 0x800B0109", "sc-win32-status 64",
/// "HTTP 403.7".
std::string_view strip_code_prefix(std::string_view query) {
  static constexpr std::string_view prefixes[] = {"sc-win32-status", "win32", "hresult",
                                                  "error", "status", "code", "iis", "http"};
  for (std::string_view p : prefixes) {
    if (query.size() > p.size() && lower(query.substr(0, p.size())) == p) {
      const char next = query[p.size()];
      if (std::isspace(static_cast<unsigned char>(next)) || next == ':' || next == '=') {
        std::string_view rest = query.substr(p.size() + 1);
        return trim(rest);
      }
    }
  }
  return query;
}

/// A bare number: a Win32 error / HRESULT first (what sc-win32-status holds); small numbers may
/// also be TLS alerts, mentioned as "see also".
std::optional<Explanation> explain_number(std::uint32_t code) {
  if (const Win32Code* c = find_win32_code(code)) {
    Explanation e = explain_win32(*c, code);
    if (code < 256 && find_tls_alert(static_cast<int>(code))) {
      e.see_also.push_back(fmt::format("alert {}", code));
    }
    return e;
  }
  return std::nullopt;
}

std::optional<ExplainResult> try_triple(std::string_view query) {
  // "403 7 64", "500,0,64", "403.7.5": sc-status sc-substatus sc-win32-status as W3C logs them.
  std::string spaced(query);
  std::replace(spaced.begin(), spaced.end(), '.', ' ');
  std::vector<std::string_view> words = split_words(spaced);
  if (words.size() != 3 && words.size() != 2) return std::nullopt;
  std::vector<std::uint32_t> n;
  for (std::string_view w : words) {
    auto v = parse_number(w);
    if (!v) return std::nullopt;
    n.push_back(*v);
  }
  if (n[0] < 100 || n[0] > 599) return std::nullopt;
  const IisStatus* status = find_iis_status(static_cast<int>(n[0]), static_cast<int>(n[1]));
  ExplainResult result{.query = std::string(query), .parts = {}};
  if (status) {
    result.parts.push_back(explain_iis(*status));
  } else if (words.size() == 2) {
    return std::nullopt;
  }
  if (words.size() == 3) {
    if (const Win32Code* c = find_win32_code(n[2])) {
      result.parts.push_back(explain_win32(*c, n[2]));
    } else if (status) {
      Explanation unknown;
      unknown.kind = n[2] >= 0x10000u ? "HRESULT" : "Win32 error";
      unknown.code = code_spelling(n[2]);
      unknown.name = "not in mtls-doctor's tables";
      unknown.meaning = fmt::format("decode it on Windows with: certutil -error {}", n[2]);
      result.parts.push_back(unknown);
    }
  }
  if (result.parts.empty()) return std::nullopt;
  return result;
}

/// Every spelling `explain` accepts, for suggestions.
std::vector<std::string> build_known_spellings() {
  std::vector<std::string> all;
  for (const IisStatus& s : iis_statuses()) all.push_back(fmt::format("{}.{}", s.status, s.substatus));
  for (const Win32Code& c : win32_codes()) {
    all.push_back(std::string(c.name));
    all.push_back(c.code >= 0x10000u ? fmt::format("0x{:08X}", c.code) : fmt::format("{}", c.code));
  }
  for (const TlsAlert& a : tls_alerts()) {
    all.push_back(std::string(a.name));
    all.push_back(fmt::format("alert {}", a.code));
  }
  for (const CatalogEntry& c : finding_catalog()) all.push_back(std::string(c.id));
  for (const Setting& s : settings()) {
    all.push_back(std::string(s.name));
    for (std::string_view alias : s.aliases) all.push_back(std::string(alias));
  }
  return all;
}

bool has_letter(std::string_view s) {
  return std::any_of(s.begin(), s.end(), [](unsigned char c) { return std::isalpha(c) != 0; });
}

/// The tables are constant, so the list is built once.
const std::vector<std::string>& known_spellings() {
  static const std::vector<std::string> all = build_known_spellings();
  return all;
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t sub = prev[j - 1] + (std::tolower(static_cast<unsigned char>(a[i - 1])) !=
                                              std::tolower(static_cast<unsigned char>(b[j - 1])));
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, sub});
    }
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

}  // namespace

std::vector<std::string> closest_codes(std::string_view query, std::size_t limit) {
  std::vector<std::pair<std::size_t, const std::string*>> scored;
  const std::string q = lower(trim(query).substr(0, kMaxQueryLength));
  for (const std::string& k : known_spellings()) {
    std::size_t d = edit_distance(q, k);
    // A query that is a prefix or part of a known spelling is a near hit ("cert.eku", "403").
    if (!q.empty() && lower(k).find(q) != std::string::npos) d = std::min<std::size_t>(d, 1);
    // A query with letters is a name ("SEC_E_UNTRUSTED_ROT"): prefer names to bare numbers.
    if (has_letter(q) && !has_letter(k)) d += q.size();
    scored.emplace_back(d, &k);
  }
  std::stable_sort(scored.begin(), scored.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<std::string> out;
  for (const auto& [d, k] : scored) {
    if (out.size() == limit) break;
    if (std::find(out.begin(), out.end(), *k) == out.end()) out.push_back(*k);
  }
  return out;
}

Expected<ExplainResult> explain(std::string_view raw) {
  const std::string_view query = trim(raw);
  ExplainResult result{.query = std::string(query), .parts = {}};
  if (query.empty()) return unexpected("nothing to explain: give a code such as 403.7 or 0x800B0109");
  // Codes are short; a long query is a paste mistake, and the suggestion search is quadratic.
  if (query.size() > kMaxQueryLength) {
    return unexpected(fmt::format("'{}...' is too long to be a code ({} characters; at most {})",
                                  query.substr(0, 40), query.size(), kMaxQueryLength));
  }
  const std::string q = lower(query);

  // "alert 116", "alert certificate_required", "tls alert 42"
  if (q.rfind("alert", 0) == 0 || q.rfind("tls alert", 0) == 0) {
    std::string_view rest = trim(std::string_view(query).substr(q.find("alert") + 5));
    const TlsAlert* a = nullptr;
    if (auto n = parse_number(rest); n && *n < 256) a = find_tls_alert(static_cast<int>(*n));
    if (!a) a = find_tls_alert(rest);
    if (a) {
      result.parts.push_back(explain_alert(*a));
      return result;
    }
  }
  if (const CatalogEntry* c = find_catalog_entry(q)) {
    result.parts.push_back(explain_finding(*c));
    return result;
  }
  if (const TlsAlert* a = find_tls_alert(query)) {
    result.parts.push_back(explain_alert(*a));
    return result;
  }
  if (auto triple = try_triple(query)) return *triple;
  const std::string_view code = strip_code_prefix(query);
  if (code != query) {
    if (auto triple = try_triple(code)) return *triple;
  }
  if (auto n = parse_number(code)) {
    if (auto e = explain_number(*n)) {
      result.parts.push_back(*e);
      return result;
    }
    if (auto e = explain_status_family(*n)) {
      result.parts.push_back(*e);
      return result;
    }
  }
  for (const Win32Code& c : win32_codes()) {
    if (lower(c.name) == q) {
      result.parts.push_back(explain_win32(c, c.code));
      return result;
    }
  }
  if (const Setting* s = find_setting(query)) {
    result.parts.push_back(explain_setting(*s));
    return result;
  }
  return unexpected(fmt::format("unknown code '{}'; closest known: {}", query,
                                fmt::join(closest_codes(query), ", ")));
}

}  // namespace mtls::knowledge
