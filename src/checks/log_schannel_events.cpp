// SPDX-License-Identifier: Apache-2.0
// log.schannel-events (C7/C8): Schannel errors 36870–36888 in the System log (fatal alerts sent and
// received with their codes, the trusted issuer list truncated, no suitable credential), and
// HTTPERR connection-level aborts at the times of the certificate failures. TLS failures never
// reach the W3C log: the handshake dies before IIS sees a request.
#include <fmt/format.h>

#include <algorithm>

#include "checks/checks.h"
#include "checks/log_common.h"
#include "knowledge/finding_catalog.h"
#include "knowledge/remedies.h"

namespace mtls::checks {
namespace {

bool is_schannel(const std::string& provider) {
  return provider == "Schannel" || provider == "Microsoft-Windows-Schannel-Events";
}

CheckResult run(const Evidence& evidence, const CheckContext&) {
  using namespace log_detail;
  const LogEvidence& logs = *evidence.logs;
  std::vector<const WindowsEventCount*> schannel;
  for (const WindowsEventCount& c : logs.windows_event_counts) {
    if (is_schannel(c.provider)) schannel.push_back(&c);
  }
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
    if (logs.windows_events_read == 0 && logs.httperr_entries == 0) {
      return CheckResult::skip("no event log (.evtx or wevtutil XML export) or HTTPERR log among the inputs");
    }
    return CheckResult::passed();
  }
  std::sort(schannel.begin(), schannel.end(),
            [](const WindowsEventCount* a, const WindowsEventCount* b) { return a->count > b->count; });
  Finding f = knowledge::make_finding("log.schannel-events");
  std::string parts;
  bool truncated = false;
  for (const WindowsEventCount* c : schannel) {
    truncated |= c->event_id == 36885;
    parts += fmt::format("{}{} x Schannel {} ({}{}{}){}{}", parts.empty() ? "" : "; ", c->count, c->event_id, c->meaning,
                         c->detail.empty() ? "" : ": ", c->detail, c->first_time ? " " : "",
                         c->first_time ? span_text(c->first_time, c->last_time) : std::string());
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
    if (!is_schannel(w.provider)) continue;
    std::string data;
    for (const auto& [k, v] : w.data) data += fmt::format("{}{}={}", data.empty() ? "" : " ", k, v);
    f.evidence.push_back(EvidenceRef{.source = "log",
                                     .ref = fmt::format("{} record {}", w.file, w.record),
                                     .text = fmt::format("Schannel {} {} {}", w.event_id, time_text(w.time), data),
                                     .file = w.file,
                                     .line = w.record});
    if (f.evidence.size() >= 3) break;
  }
  for (const LogHttpErrReason* r : aborts) f.evidence.push_back(line_ref(r->example));
  f.remedy.commands = {knowledge::remedies::bash("mtls-doctor explain alert N", "", "N: the alert number an event names"),
                       knowledge::remedies::cmd("wevtutil qe System /q:\"*[System[Provider[@Name='Schannel']]]\" /f:text /c:20 /rd:true",
                              "Windows", "the last 20 Schannel events, newest first")};
  if (truncated) f.remedy.commands.push_back(knowledge::remedies::reg_add_dword(knowledge::remedies::kSchannelKey, "SendTrustedIssuerList", 0, "send no CA list"));
  return CheckResult::found({std::move(f)});
}

}  // namespace

Check log_schannel_events_check() {
  return {"log_schannel_events", Step::C7, {"log.schannel-events"}, {EvidencePart::logs}, run};
}

}  // namespace mtls::checks
