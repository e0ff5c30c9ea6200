// SPDX-License-Identifier: Apache-2.0
// log.schannel-events (C7/C8): Schannel events in the System log that are about client
// certificates (a client certificate refused or unmapped, certificate alerts, the trusted issuer
// list truncated), and HTTPERR connection-level aborts at the times of the certificate failures.
// TLS failures never reach the W3C log: the handshake dies before IIS sees a request.
// log.schannel-handshake-errors: the other Schannel failures (no cipher suite or protocol in
// common, the server's own credential, ...) said for what they are, not counted against client
// authentication (knowledge/schannel_events classifies them).
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <optional>

#include "checks/checks.h"
#include "checks/log_common.h"
#include "knowledge/finding_catalog.h"
#include "knowledge/remedies.h"
#include "knowledge/schannel_events.h"

namespace mtls::checks {
namespace {

bool is_schannel(const std::string& provider) {
  return provider == "Schannel" || provider == "Microsoft-Windows-Schannel-Events";
}

std::optional<knowledge::SchannelEventKind> kind_of(std::uint32_t id, std::optional<std::uint32_t> alert) {
  return knowledge::classify_schannel_event(id, alert);
}

bool about_client_certificates(std::uint32_t id, std::optional<std::uint32_t> alert) {
  const auto kind = kind_of(id, alert);
  return kind && knowledge::about_client_certificates(*kind);
}

std::string count_text(const WindowsEventCount& c) {
  using namespace log_detail;
  return fmt::format("{} x Schannel {} ({}{}{}){}{}", c.count, c.event_id, c.meaning, c.detail.empty() ? "" : ": ",
                     c.detail, c.first_time ? " " : "", c.first_time ? span_text(c.first_time, c.last_time) : std::string());
}

EvidenceRef event_ref(const WindowsEvent& w) {
  std::string data;
  for (const auto& [k, v] : w.data) data += fmt::format("{}{}={}", data.empty() ? "" : " ", k, v);
  return EvidenceRef{.source = "log",
                     .ref = fmt::format("{} record {}", w.file, w.record),
                     .text = fmt::format("Schannel {} {} {}", w.event_id, log_detail::time_text(w.time), data),
                     .file = w.file,
                     .line = w.record};
}

bool by_count(const WindowsEventCount* a, const WindowsEventCount* b) { return a->count > b->count; }

/// The Schannel failures that are not about client certificates, grouped by what they mean.
std::optional<Finding> other_errors(const LogEvidence& logs, std::vector<const WindowsEventCount*> others) {
  if (others.empty()) return std::nullopt;
  std::sort(others.begin(), others.end(), by_count);
  Finding f = knowledge::make_finding("log.schannel-handshake-errors");
  std::map<knowledge::SchannelEventKind, std::uint64_t> per_kind;
  std::string parts;
  for (const WindowsEventCount* c : others) {
    per_kind[*kind_of(c->event_id, c->alert)] += c->count;
    if (!parts.empty()) parts += "; ";
    parts += count_text(*c);
  }
  std::string kinds;
  for (const auto& [kind, n] : per_kind) {
    kinds += fmt::format("{}{} {}", kinds.empty() ? "" : ", ", n, knowledge::to_string(kind));
  }
  f.detail = fmt::format("{} ({}). These end the handshake before client-certificate authentication decides "
                         "anything; they are not why a client certificate was refused.",
                         parts, kinds);
  for (const WindowsEvent& w : logs.windows_events) {
    if (!is_schannel(w.provider) || about_client_certificates(w.event_id, w.alert)) continue;
    if (!kind_of(w.event_id, w.alert)) continue;
    f.evidence.push_back(event_ref(w));
    if (f.evidence.size() >= 3) break;
  }
  return f;
}

CheckResult run(const Evidence& evidence, const CheckContext&) {
  using namespace log_detail;
  const LogEvidence& logs = *evidence.logs;
  std::vector<const WindowsEventCount*> schannel;
  std::vector<const WindowsEventCount*> others;
  for (const WindowsEventCount& c : logs.windows_event_counts) {
    if (!is_schannel(c.provider)) continue;
    if (about_client_certificates(c.event_id, c.alert)) {
      schannel.push_back(&c);
    } else if (kind_of(c.event_id, c.alert)) {
      others.push_back(&c);
    }
  }
  std::vector<Finding> findings;
  if (auto f = other_errors(logs, others)) findings.push_back(std::move(*f));
  // The span of the certificate failures, widened by five minutes each side.
  std::optional<std::int64_t> first, last;
  for (const LogFailure& f : logs.failures) {
    if (f.first_time && (!first || *f.first_time < *first)) first = f.first_time;
    if (f.last_time && (!last || *f.last_time > *last)) last = f.last_time;
  }
  std::vector<const LogHttpErrReason*> aborts;
  for (const LogHttpErrReason& r : logs.httperr_reasons) {
    if (!r.connection_level || !first || !r.first_time) continue;
    if (*r.last_time >= *first - 300 && *r.first_time <= *last + 300) aborts.push_back(&r);
  }
  if (schannel.empty() && aborts.empty()) {
    if (!findings.empty()) return CheckResult::found(std::move(findings));
    if (logs.windows_events_read == 0 && logs.httperr_entries == 0) {
      return CheckResult::skip("no event log (.evtx or wevtutil XML export) or HTTPERR log among the inputs");
    }
    return CheckResult::passed();
  }
  std::sort(schannel.begin(), schannel.end(), by_count);
  Finding f = knowledge::make_finding("log.schannel-events");
  std::string parts;
  bool truncated = false;
  for (const WindowsEventCount* c : schannel) {
    truncated |= c->event_id == 36885;
    if (!parts.empty()) parts += "; ";
    parts += count_text(*c);
  }
  if (!parts.empty()) f.detail = parts + ".";
  if (truncated) {
    f.detail += " 36885: the trusted issuer list was cut, so clients whose issuer fell off it send no "
                "certificate (403.7); set SendTrustedIssuerList to 0 or shrink the store.";
  }
  for (const LogHttpErrReason* r : aborts) {
    f.detail += fmt::format(" HTTPERR: {} x {} {}, around the certificate failures.", r->count, r->reason,
                            span_text(r->first_time, r->last_time));
  }
  if (!first) f.detail += " (The inputs hold no IIS certificate failures to compare times with.)";
  for (const WindowsEvent& w : logs.windows_events) {
    if (!is_schannel(w.provider) || !about_client_certificates(w.event_id, w.alert)) continue;
    f.evidence.push_back(event_ref(w));
    if (f.evidence.size() >= 3) break;
  }
  for (const LogHttpErrReason* r : aborts) f.evidence.push_back(line_ref(r->example));
  f.remedy.commands = {knowledge::remedies::bash("mtls-doctor explain alert N", "", "N: the alert number an event names"),
                       knowledge::remedies::cmd("wevtutil qe System /q:\"*[System[Provider[@Name='Schannel']]]\" /f:text /c:20 /rd:true",
                              "Windows", "the last 20 Schannel events, newest first")};
  if (truncated) f.remedy.commands.push_back(knowledge::remedies::reg_add_dword(knowledge::remedies::kSchannelKey, "SendTrustedIssuerList", 0, "send no CA list"));
  findings.insert(findings.begin(), std::move(f));
  return CheckResult::found(std::move(findings));
}

}  // namespace

Check log_schannel_events_check() {
  return {"log_schannel_events", Step::C7, {"log.schannel-events", "log.schannel-handshake-errors"}, {EvidencePart::logs}, run};
}

}  // namespace mtls::checks
