// SPDX-License-Identifier: Apache-2.0
#include "knowledge/explain.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <optional>

#include "core/checklist.h"
#include "knowledge/finding_catalog.h"
#include "knowledge/http2_errors.h"
#include "knowledge/iis_status.h"
#include "knowledge/openssl_verify.h"
#include "knowledge/pasted_codes.h"
#include "knowledge/settings.h"
#include "knowledge/tls_alerts.h"
#include "knowledge/win32_codes.h"
#include "knowledge/text_match.h"
#include "core/ascii.h"

namespace mtls::knowledge {
namespace {

/// Codes are short; the suggestion search (quadratic) looks at this much of a query.
constexpr std::size_t kMaxQueryLength = 200;
/// A pasted log line or exception message may be longer; more than this is a paste mistake.
constexpr std::size_t kMaxPasteLength = 4000;

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

Explanation explain_verify(const X509VerifyCode& c) {
  const VerifyTopicAdvice& advice = verify_topic_advice(c.topic);
  Explanation e;
  e.kind = "OpenSSL verify code";
  e.code = fmt::format("verify {}", c.code);
  e.name = std::string(c.name);
  e.meaning = fmt::format("\"{}\": OpenSSL certificate verification result {} ({}).", c.message,
                          c.code, c.name);
  e.client_cert = std::string(c.note.empty() ? advice.client_cert : c.note);
  e.causes = {std::string(advice.cause)};
  e.next_steps = {std::string(advice.next_step)};
  return e;
}

Explanation explain_pasted(const PastedFamily& f, const PastedCode& c) {
  Explanation e;
  e.kind = std::string(f.kind);
  e.code = fmt::format("{}{}", f.code_prefix, c.code);
  e.name = std::string(c.name);
  e.meaning = c.text == c.code || c.text == c.name
                  ? std::string(c.meaning)
                  : fmt::format("\"{}\": {}", c.text, c.meaning);
  e.client_cert = std::string(c.client_cert);
  e.causes = to_strings(c.causes);
  e.next_steps = {std::string(c.next_step)};
  e.see_also = to_strings(c.see_also);
  return e;
}

Explanation explain_http2(const Http2ErrorCode& h) {
  Explanation e;
  e.kind = "HTTP/2 error";
  e.code = fmt::format("HTTP/2 error {}", h.code);
  e.name = std::string(h.name);
  e.meaning = fmt::format("{} (RFC 9113 §7; sent in RST_STREAM or GOAWAY)", h.meaning);
  e.client_cert = std::string(h.client_cert);
  e.causes = {h.code == kHttp2Http11Required
                  ? "a client certificate requested after the request was read, on HTTP/2"
                  : "see the meaning"};
  e.next_steps = {h.code == kHttp2Http11Required
                      ? "Ask for the certificate in the initial handshake: mtls-doctor explain "
                        "tls.renegotiation-blocked-by-http2."
                      : "Not a client-certificate problem by itself; capture with mtls-doctor "
                        "pcap FILE if it repeats."};
  return e;
}

Explanation explain_step(const StepInfo& s) {
  Explanation e;
  e.kind = "checklist step";
  e.code = std::string(s.name);
  e.name = std::string(s.title);
  e.meaning = fmt::format("Checklist step {}: {}", s.name, s.must_hold);
  e.client_cert = fmt::format("What lets mtls-doctor check it: {}", s.evidence);
  for (const CatalogEntry& c : finding_catalog()) {
    if (c.step == s.step) e.see_also.emplace_back(c.id);
  }
  e.next_steps = {e.see_also.empty()
                      ? std::string("No finding of the catalog belongs to this step.")
                      : fmt::format("Each finding of this step (see also) is explained by "
                                    "mtls-doctor explain ID; e.g. mtls-doctor explain {}.",
                                    e.see_also.front())};
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
    if (query.size() > p.size() && to_lower(query.substr(0, p.size())) == p) {
      const char next = query[p.size()];
      if (std::isspace(static_cast<unsigned char>(next)) || next == ':' || next == '=') {
        std::string_view rest = query.substr(p.size() + 1);
        return trim(rest);
      }
    }
  }
  return query;
}

/// A number: a Win32 error / HRESULT first (what sc-win32-status holds). A bare decimal is also
/// what OpenSSL prints for a verify result ("20"), what Schannel events are numbered by, and
/// nginx's internal 495-497: every reading we know is a part of its own, so an ambiguous number
/// shows all its meanings. Small numbers that are TLS alerts get "see also".
std::vector<Explanation> explain_number(std::uint32_t code, bool bare_decimal) {
  std::vector<Explanation> parts;
  const Win32Code* win32 = find_win32_code(code);
  if (win32) {
    Explanation e = explain_win32(*win32, code);
    if (code < 256 && find_tls_alert(static_cast<int>(code))) {
      e.see_also.push_back(fmt::format("alert {}", code));
    }
    parts.push_back(std::move(e));
  }
  if (!bare_decimal) return parts;
  if (const X509VerifyCode* v = find_x509_verify_code(static_cast<int>(code))) {
    Explanation e = explain_verify(*v);
    if (!win32) {
      e.meaning += fmt::format(" A bare {} may also be a Windows error (sc-win32-status) that "
                               "mtls-doctor does not know: certutil -error {} decodes it there.",
                               code, code);
    }
    parts.push_back(std::move(e));
  }
  for (const PastedFamily& f : pasted_families()) {
    if (f.id != "schannel-event" && f.id != "nginx") continue;
    for (const PastedCode& c : f.codes) {
      if (c.code == fmt::format("{}", code)) parts.push_back(explain_pasted(f, c));
    }
  }
  return parts;
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

bool has_letter(std::string_view s) {
  return std::any_of(s.begin(), s.end(), [](unsigned char c) { return std::isalpha(c) != 0; });
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
  for (const X509VerifyCode& c : x509_verify_codes()) {
    all.push_back(std::string(c.name));
    all.push_back(fmt::format("verify {}", c.code));
  }
  for (const Http2ErrorCode& h : http2_error_codes()) all.push_back(std::string(h.name));
  for (const PastedFamily& f : pasted_families()) {
    for (const PastedCode& c : f.codes) {
      all.push_back(fmt::format("{}{}", f.code_prefix, c.code));
      if (c.name.find(' ') == std::string_view::npos) all.push_back(std::string(c.name));
    }
  }
  for (const StepInfo& s : checklist_steps()) all.push_back(std::string(s.name));
  for (const CatalogEntry& c : finding_catalog()) all.push_back(std::string(c.id));
  for (const Setting& s : settings()) {
    all.push_back(std::string(s.name));
    for (std::string_view alias : s.aliases) all.push_back(std::string(alias));
  }
  return all;
}


bool is_word_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_';
}

/// The digits right after `pos` (spaces skipped), if any: "20" of "(20:unable ...".
std::optional<int> number_at(std::string_view s, std::size_t pos) {
  while (pos < s.size() && s[pos] == ' ') ++pos;
  std::size_t end = pos;
  while (end < s.size() && end - pos < 9 && std::isdigit(static_cast<unsigned char>(s[end]))) ++end;
  if (end == pos) return std::nullopt;
  int value = 0;
  std::from_chars(s.data() + pos, s.data() + end, value);
  return value;
}

/// "Re-negotiation handshake failed" of "AH02261: Re-negotiation handshake failed": the part of
/// a message before its first printf conversion, the piece that appears verbatim in logs.
std::string match_key(std::string_view text) {
  const std::size_t percent = text.find('%');
  return to_lower(trim(text.substr(0, percent)));
}

/// One explanation found inside a pasted line, with where it was found.
struct PasteHit {
  std::size_t pos;
  std::size_t length;
  Explanation part;
};

/// Everything we recognise inside a pasted log line, exception or error page, in the order it
/// appears: product messages, then the codes inside them (OpenSSL verify results, TLS alerts,
/// HTTP/2 codes, Windows codes). A longer match wins over a shorter one at the same place.
std::vector<Explanation> scan_paste(std::string_view query) {
  const std::string q = to_lower(query);
  std::vector<PasteHit> hits;
  auto find_all = [&](std::string_view key, auto&& make) {
    if (key.empty()) return;
    for (std::size_t at = q.find(key); at != std::string::npos; at = q.find(key, at + 1)) {
      hits.push_back({at, key.size(), make()});
      break;  // the first occurrence places it
    }
  };
  auto find_token = [&](std::string_view token, auto&& make) {
    const std::string t = to_lower(token);
    for (std::size_t at = q.find(t); at != std::string::npos; at = q.find(t, at + 1)) {
      const bool start = at == 0 || !is_word_char(q[at - 1]);
      const bool end = at + t.size() == q.size() || !is_word_char(q[at + t.size()]);
      if (start && end) {
        hits.push_back({at, t.size(), make()});
        return;
      }
    }
  };
  for (const PastedFamily& f : pasted_families()) {
    for (const PastedCode& c : f.codes) {
      auto make = [&] { return explain_pasted(f, c); };
      const bool symbolic = has_letter(c.code) && c.code.find(' ') == std::string_view::npos;
      if (symbolic) find_token(c.code, make);
      if (const std::string key = match_key(c.text); key.size() >= 12) find_all(key, make);
      for (std::string_view also : c.also_matches) find_all(also, make);
    }
  }
  for (const X509VerifyCode& c : x509_verify_codes()) {
    auto make = [&] { return explain_verify(c); };
    find_token(c.name, make);
    if (c.message.size() >= 16) find_all(to_lower(c.message), make);
  }
  for (const Win32Code& c : win32_codes()) {
    auto make = [&] { return explain_win32(c, c.code); };
    find_token(c.name, make);
    std::string message = to_lower(c.message);
    while (!message.empty() && message.back() == '.') message.pop_back();
    if (message.size() >= 24) find_all(message, make);
  }
  for (const Http2ErrorCode& h : http2_error_codes()) {
    if (h.name.find('_') != std::string_view::npos && h.name.size() >= 10) {
      find_token(h.name, [&] { return explain_http2(h); });
    }
  }
  // Numbers and names that follow a fixed marker.
  struct Marker {
    std::string_view text;
    enum { verify, alert, curl, event } what;
  };
  static constexpr Marker markers[] = {
      {"verify error: (", Marker::verify},            // nginx
      {"verify error:(", Marker::verify},
      {"verify error:num=", Marker::verify},          // openssl s_client
      {"verify return code:", Marker::verify},        // openssl s_client
      {"certificate verification: error (", Marker::verify},  // Apache AH02039
      {"ssl alert number", Marker::alert},            // OpenSSL error queue
      {"fatal alert code is", Marker::alert},         // Schannel 36887
      {"fatal error code is", Marker::alert},         // Schannel 36888
      {"curl: (", Marker::curl},
      {"<eventid>", Marker::event},
      {"event id", Marker::event},
      {"eventid", Marker::event},
  };
  for (const Marker& m : markers) {
    const std::size_t at = q.find(m.text);
    if (at == std::string::npos) continue;
    const std::optional<int> n = number_at(q, at + m.text.size());
    if (!n) continue;
    const std::size_t pos = at + m.text.size();
    if (m.what == Marker::verify) {
      if (const X509VerifyCode* v = find_x509_verify_code(*n)) {
        hits.push_back({pos, 1, explain_verify(*v)});
      }
    } else if (m.what == Marker::alert) {
      if (const TlsAlert* a = find_tls_alert(*n)) hits.push_back({pos, 1, explain_alert(*a)});
    } else {
      const std::string_view family = m.what == Marker::curl ? "curl" : "schannel-event";
      for (const PastedFamily& f : pasted_families()) {
        if (f.id != family) continue;
        for (const PastedCode& c : f.codes) {
          if (c.code == fmt::format("{}", *n)) hits.push_back({pos, 1, explain_pasted(f, c)});
        }
      }
    }
  }
  // Alerts by name: OpenSSL's "sslv3 alert bad certificate", "tlsv13 alert certificate
  // required"; Java's "Received fatal alert: bad_certificate"; .NET's "TLS alert:
  // 'HandshakeFailure'".
  for (std::string_view marker : {"alert ", "alert: ", "alert: '"}) {
    for (std::size_t at = q.find(marker); at != std::string::npos; at = q.find(marker, at + 1)) {
      std::size_t i = at + marker.size();
      std::string words;
      std::string original;
      for (std::size_t k = 0; k < 4 && i < q.size(); ++k) {
        std::size_t j = i;
        while (j < q.size() && (is_word_char(q[j]))) ++j;
        if (j == i) break;
        if (!words.empty()) words += '_';
        words += q.substr(i, j - i);
        original = std::string(query.substr(i, j - i));
        if (const TlsAlert* a = find_tls_alert(words)) {
          hits.push_back({at, j - at, explain_alert(*a)});
          break;
        }
        if (j >= q.size() || q[j] != ' ') break;
        i = j + 1;
      }
      // .NET spells alerts in PascalCase: HandshakeFailure, UnknownCA, CertificateRequired.
      std::string snake;
      for (std::size_t k = 0; k < original.size(); ++k) {
        const char c = original[k];
        if (k > 0 && std::isupper(static_cast<unsigned char>(c)) &&
            std::islower(static_cast<unsigned char>(original[k - 1]))) {
          snake += '_';
        }
        snake += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      }
      if (snake != words) {
        if (const TlsAlert* a = find_tls_alert(snake)) {
          hits.push_back({at, original.size(), explain_alert(*a)});
        }
      }
    }
  }
  // A longer match wins over one it covers; then reading order; one part per code.
  std::stable_sort(hits.begin(), hits.end(),
                   [](const PasteHit& a, const PasteHit& b) { return a.length > b.length; });
  std::vector<PasteHit> kept;
  for (PasteHit& h : hits) {
    const bool covered = std::any_of(kept.begin(), kept.end(), [&](const PasteHit& k) {
      return h.pos >= k.pos && h.pos + h.length <= k.pos + k.length && h.length < k.length &&
             h.part.kind == k.part.kind;
    });
    const bool duplicate = std::any_of(kept.begin(), kept.end(), [&](const PasteHit& k) {
      return k.part.kind == h.part.kind && k.part.code == h.part.code;
    });
    if (!covered && !duplicate) kept.push_back(std::move(h));
  }
  std::stable_sort(kept.begin(), kept.end(),
                   [](const PasteHit& a, const PasteHit& b) { return a.pos < b.pos; });
  std::vector<Explanation> parts;
  for (PasteHit& h : kept) parts.push_back(std::move(h.part));
  return parts;
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
  const std::string q = to_lower(trim(query).substr(0, kMaxQueryLength));
  for (const std::string& k : known_spellings()) {
    std::size_t d = edit_distance(q, k);
    // A query that is a prefix or part of a known spelling is a near hit ("cert.eku", "403").
    if (!q.empty() && to_lower(k).find(q) != std::string::npos) d = std::min<std::size_t>(d, 1);
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

namespace {

/// "verify 20", "curl 35", "event 36887": a word (or words) naming the family, then a number.
std::optional<int> number_after_prefix(std::string_view q,
                                       std::initializer_list<std::string_view> prefixes) {
  for (std::string_view p : prefixes) {
    if (q.size() <= p.size() || q.substr(0, p.size()) != p) continue;
    std::string_view rest = q.substr(p.size());
    while (!rest.empty() && (rest.front() == ' ' || rest.front() == ':' || rest.front() == '=' ||
                             rest.front() == '(' || rest.front() == '#')) {
      rest.remove_prefix(1);
    }
    while (!rest.empty() && (rest.back() == ')' || rest.back() == ' ')) rest.remove_suffix(1);
    if (rest.empty() || rest.size() > 9 ||
        !std::all_of(rest.begin(), rest.end(), [](unsigned char c) { return std::isdigit(c); })) {
      continue;
    }
    return number_at(rest, 0);
  }
  return std::nullopt;
}

const PastedFamily* family(std::string_view id) {
  for (const PastedFamily& f : pasted_families()) {
    if (f.id == id) return &f;
  }
  return nullptr;
}

std::optional<Explanation> pasted_by_number(std::string_view family_id, int n) {
  const PastedFamily* f = family(family_id);
  for (const PastedCode& c : f->codes) {
    if (c.code == fmt::format("{}", n)) return explain_pasted(*f, c);
  }
  return std::nullopt;
}

/// An exact code, name or message of one of the tables (case-insensitive).
std::optional<Explanation> exact_match(std::string_view query, std::string_view q) {
  if (query.size() <= 3) {  // "C7", "c11"
    std::string upper(query);
    for (char& ch : upper) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
    if (auto step = parse_step(upper); step && *step != Step::none) {
      return explain_step(step_info(*step));
    }
  }
  if (auto n = number_after_prefix(q, {"openssl verify error", "openssl verify", "verify error",
                                       "verify return code", "verify", "x509_v_err", "x509"})) {
    if (const X509VerifyCode* v = find_x509_verify_code(*n)) return explain_verify(*v);
  }
  if (const X509VerifyCode* v = find_x509_verify_code(query)) return explain_verify(*v);
  if (auto n = number_after_prefix(q, {"http/2 error", "http2 error", "h2 error", "http/2",
                                       "http2", "h2", "rst_stream", "goaway"})) {
    if (const Http2ErrorCode* h = find_http2_error(static_cast<std::uint32_t>(*n))) {
      return explain_http2(*h);
    }
  }
  if (const Http2ErrorCode* h = find_http2_error(query)) return explain_http2(*h);
  if (auto n = number_after_prefix(q, {"curl exit code", "curl exit", "curl error", "curl: ",
                                       "curl", "exit code"})) {
    if (auto e = pasted_by_number("curl", *n)) return e;
  }
  if (auto n = number_after_prefix(q, {"schannel event id", "schannel event", "schannel",
                                       "event id", "eventid", "event"})) {
    if (auto e = pasted_by_number("schannel-event", *n)) return e;
  }
  if (auto n = number_after_prefix(q, {"nginx"})) {
    if (auto e = pasted_by_number("nginx", *n)) return e;
  }
  std::string_view bare = query;
  if (q.rfind("net::", 0) == 0) bare.remove_prefix(5);  // Chrome prints net::ERR_...
  for (const PastedFamily& f : pasted_families()) {
    for (const PastedCode& c : f.codes) {
      if ((has_letter(c.code) && iequals(c.code, bare)) || iequals(c.name, bare)) {
        return explain_pasted(f, c);
      }
    }
  }
  return std::nullopt;
}

bool all_digits(std::string_view s) {
  return !s.empty() &&
         std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isdigit(c) != 0; });
}

}  // namespace

Expected<ExplainResult> explain(std::string_view raw) {
  const std::string_view query = trim(raw);
  ExplainResult result{.query = std::string(query), .parts = {}};
  if (query.empty()) return unexpected("nothing to explain: give a code such as 403.7 or 0x800B0109");
  // A code or one pasted line is short; more is a paste mistake (a whole log belongs to
  // `mtls-doctor logs`).
  if (query.size() > kMaxPasteLength) {
    return unexpected(fmt::format("'{}...' is too long to be a code or a pasted line ({} "
                                  "characters; at most {}): give a whole log to mtls-doctor logs",
                                  query.substr(0, 40), query.size(), kMaxPasteLength));
  }
  const std::string q = to_lower(query);

  // "alert 116", "alert certificate_required", "tls alert 42", "alert handshake failure"
  if (q.rfind("alert", 0) == 0 || q.rfind("tls alert", 0) == 0) {
    std::string_view rest = trim(std::string_view(query).substr(q.find("alert") + 5));
    const TlsAlert* a = nullptr;
    if (auto n = parse_number(rest); n && *n < 256) a = find_tls_alert(static_cast<int>(*n));
    if (!a) a = find_tls_alert(rest);
    if (!a) {
      std::string words(rest);
      std::replace(words.begin(), words.end(), ' ', '_');
      a = find_tls_alert(words);
    }
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
  if (auto e = exact_match(query, q)) {
    result.parts.push_back(std::move(*e));
    return result;
  }
  if (auto triple = try_triple(query)) return *triple;
  const std::string_view code = strip_code_prefix(query);
  if (code != query) {
    if (auto triple = try_triple(code)) return *triple;
  }
  if (auto n = parse_number(code)) {
    // "win32 20" and "hresult 20" say which table; a bare "20" (or "error 20") does not.
    const bool says_windows = q.rfind("win32", 0) == 0 || q.rfind("sc-win32-status", 0) == 0 ||
                              q.rfind("hresult", 0) == 0;
    const bool says_http = q.rfind("http", 0) == 0 || q.rfind("iis", 0) == 0 ||
                           q.rfind("status", 0) == 0;
    const bool bare_decimal = all_digits(code) && !says_windows && !says_http;
    std::vector<Explanation> parts = explain_number(*n, bare_decimal);
    if (!parts.empty()) {
      result.parts = std::move(parts);
      return result;
    }
    if (auto e = explain_status_family(*n)) {
      result.parts.push_back(*e);
      return result;
    }
  }
  for (const Win32Code& c : win32_codes()) {
    if (to_lower(c.name) == q) {
      result.parts.push_back(explain_win32(c, c.code));
      return result;
    }
  }
  if (const Setting* s = find_setting(query)) {
    result.parts.push_back(explain_setting(*s));
    return result;
  }
  // A pasted line: a log message, an exception, an error page.
  result.parts = scan_paste(query);
  if (!result.parts.empty()) return result;
  return unexpected(fmt::format("unknown code '{}'; closest known: {}",
                                query.substr(0, kMaxQueryLength),
                                fmt::join(closest_codes(query), ", ")));
}

namespace {

struct ListedFamily {
  std::string_view id;
  std::string_view title;
  std::string_view source;
  std::vector<Explanation> (*codes)();
};

template <typename Range, typename F>
std::vector<Explanation> map_all(const Range& range, F f) {
  std::vector<Explanation> out;
  for (const auto& item : range) out.push_back(f(item));
  return out;
}

std::vector<Explanation> pasted_family_codes(std::string_view id) {
  const PastedFamily* f = family(id);
  return map_all(f->codes, [f](const PastedCode& c) { return explain_pasted(*f, c); });
}

/// Every family `explain` answers from, in the order --list prints them.
const std::vector<ListedFamily>& listed_families() {
  static const std::vector<ListedFamily> all = [] {
    std::vector<ListedFamily> out{
        {"iis-status", "IIS HTTP status.substatus codes", "KB943891 and iiscnfg.h",
         [] { return map_all(iis_statuses(), explain_iis); }},
        {"win32", "Win32 errors and HRESULTs (SEC_E_*, CERT_E_*, CRYPT_E_*)", "winerror.h",
         [] {
           return map_all(win32_codes(),
                          [](const Win32Code& c) { return explain_win32(c, c.code); });
         }},
        {"tls-alert", "TLS alerts", "IANA TLS Alerts registry; RFC 8446 §6",
         [] { return map_all(tls_alerts(), explain_alert); }},
        {"http2-error", "HTTP/2 error codes", "RFC 9113 §7",
         [] { return map_all(http2_error_codes(), explain_http2); }},
        {"openssl-verify", "OpenSSL certificate verification results (X509_V_ERR_*)",
         "OpenSSL 3 x509_vfy.h and x509_txt.c",
         [] { return map_all(x509_verify_codes(), explain_verify); }},
    };
    for (const PastedFamily& f : pasted_families()) {
      out.push_back({f.id, f.title, f.source, nullptr});
    }
    out.push_back({"checklist", "checklist steps C1-C14", "docs/checklist.md",
                   [] { return map_all(checklist_steps(), explain_step); }});
    out.push_back({"finding", "finding ids", "docs/checklist.md (the finding catalog)",
                   [] { return map_all(finding_catalog(), explain_finding); }});
    out.push_back({"setting", "Schannel, http.sys and IIS settings",
                   "Microsoft documentation cited in settings.cpp",
                   [] { return map_all(settings(), explain_setting); }});
    return out;
  }();
  return all;
}

std::vector<Explanation> codes_of(const ListedFamily& f) {
  return f.codes ? f.codes() : pasted_family_codes(f.id);
}

}  // namespace

ExplainResult list_families() {
  ExplainResult result{.query = "--list", .parts = {}};
  for (const ListedFamily& f : listed_families()) {
    Explanation e;
    e.kind = "code family";
    e.code = std::string(f.id);
    e.name = std::string(f.title);
    e.meaning = fmt::format("{} codes; source: {}", codes_of(f).size(), f.source);
    e.next_steps = {fmt::format("mtls-doctor explain --list {}", f.id)};
    result.parts.push_back(std::move(e));
  }
  return result;
}

Expected<ExplainResult> list_family(std::string_view id) {
  for (const ListedFamily& f : listed_families()) {
    if (iequals(f.id, trim(id))) {
      return ExplainResult{.query = fmt::format("--list {}", f.id), .parts = codes_of(f)};
    }
  }
  std::vector<std::string_view> ids;
  for (const ListedFamily& f : listed_families()) ids.push_back(f.id);
  return unexpected(fmt::format("unknown code family '{}'; families: {}",
                                trim(id).substr(0, 40), fmt::join(ids, ", ")));
}

}  // namespace mtls::knowledge
