// SPDX-License-Identifier: Apache-2.0
#include "core/correlate.h"

#include <algorithm>

namespace mtls {
namespace {

template <typename T>
void append_unique(std::vector<T>& into, const std::vector<T>& from) {
  for (const T& item : from) {
    if (std::find(into.begin(), into.end(), item) == into.end()) into.push_back(item);
  }
}

/// `into` absorbs `from`: its evidence, its related ids, and `from` itself as related. The commands
/// join only when both are one finding seen twice (one id): an explained finding's commands treat
/// its symptom, and the cause's own fix is the one to run.
void absorb(Finding& into, const Finding& from) {
  append_unique(into.evidence, from.evidence);
  if (from.id == into.id) append_unique(into.remedy.commands, from.remedy.commands);
  if (from.id != into.id) append_unique(into.related, std::vector<std::string>{from.id});
  append_unique(into.related, from.related);
}

int severity_rank(Severity s) { return s == Severity::error ? 0 : s == Severity::warning ? 1 : 2; }

}  // namespace

std::string_view primary_source(const Finding& finding) {
  return finding.evidence.empty() ? std::string_view() : std::string_view(finding.evidence.front().source);
}

FoldMap correlate_findings(std::vector<Finding>& findings, std::span<const FindingLink> links) {
  FoldMap moved;
  std::vector<bool> gone(findings.size(), false);
  // 1. One id, several sources: the probe's and the capture's late CertificateRequest are one
  //    finding. Several findings of one id from the SAME source (two bindings without a CTL store)
  //    are distinct facts and stay apart.
  for (std::size_t i = 0; i < findings.size(); ++i) {
    if (gone[i]) continue;
    std::vector<std::string_view> sources{primary_source(findings[i])};
    for (std::size_t j = i + 1; j < findings.size(); ++j) {
      if (gone[j] || findings[j].id != findings[i].id) continue;
      const std::string_view source = primary_source(findings[j]);
      if (std::find(sources.begin(), sources.end(), source) != sources.end()) continue;
      sources.push_back(source);
      absorb(findings[i], findings[j]);
      gone[j] = true;
      moved.emplace_back(findings[j].id, findings[i].id);
    }
  }
  // 2. Fold what a present cause explains into the best ranked cause that explains it. A cause
  //    already folded into another passes what it explains on to that one: the chain collapses
  //    into its first cause. Never into a milder finding: an error stays an error.
  std::vector<std::size_t> absorber(findings.size());
  for (std::size_t i = 0; i < findings.size(); ++i) absorber[i] = i;
  auto root = [&](std::size_t i) {
    while (absorber[i] != i) i = absorber[i];
    return i;
  };
  for (std::size_t j = 0; j < findings.size(); ++j) {
    if (gone[j]) continue;
    for (std::size_t i = 0; i < findings.size(); ++i) {
      if (i == j || (gone[i] && absorber[i] == i)) continue;
      const bool explains = std::any_of(links.begin(), links.end(), [&](const FindingLink& l) {
        return l.cause == findings[i].id && l.explained == findings[j].id;
      });
      if (!explains) continue;
      const std::size_t target = root(i);
      if (target == j || severity_rank(findings[target].severity) > severity_rank(findings[j].severity)) continue;
      absorb(findings[target], findings[j]);
      gone[j] = true;
      absorber[j] = target;
      moved.emplace_back(findings[j].id, findings[target].id);
      break;
    }
  }
  std::vector<Finding> kept;
  for (std::size_t i = 0; i < findings.size(); ++i) {
    if (!gone[i]) kept.push_back(std::move(findings[i]));
  }
  findings = std::move(kept);
  return moved;
}

}  // namespace mtls
