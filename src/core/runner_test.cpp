// SPDX-License-Identifier: Apache-2.0
#include "core/runner.h"

#include <gtest/gtest.h>

#include <stdexcept>

namespace mtls {
namespace {

Finding finding(std::string id, Severity severity, Step step, Role role) {
  Finding f;
  f.id = std::move(id);
  f.severity = severity;
  f.step = step;
  f.role = role;
  f.title = "title of " + f.id;
  return f;
}

CheckResult finds_late_request(const Evidence&, const CheckContext&) {
  return CheckResult::found({finding("tls.certificate-request-late", Severity::error, Step::C11, Role::mechanism)});
}
CheckResult finds_symptom(const Evidence&, const CheckContext&) {
  return CheckResult::found({finding("log.client-cert-required", Severity::error, Step::C13, Role::symptom)});
}
CheckResult finds_ca_list(const Evidence&, const CheckContext&) {
  return CheckResult::found({finding("schannel.trusted-issuer-list", Severity::info, Step::C8, Role::context)});
}
CheckResult sees_no_ca_list(const Evidence&, const CheckContext&) {
  return CheckResult::holds({finding("tls.ca-list-empty", Severity::info, Step::C8, Role::context)});
}
CheckResult throws(const Evidence&, const CheckContext&) { throw std::runtime_error("boom"); }
CheckResult passes(const Evidence&, const CheckContext&) { return CheckResult::passed(); }
CheckResult skips(const Evidence&, const CheckContext&) { return CheckResult::skip("no client certificate was given"); }
CheckResult reads_clock(const Evidence&, const CheckContext& context) {
  Finding f = finding("clock", Severity::info, Step::C7, Role::context);
  f.detail = std::to_string(context.now.time_since_epoch().count());
  return CheckResult::found({f});
}

const ChecklistEntry& entry(const Report& r, Step step) {
  for (const ChecklistEntry& e : r.checklist) {
    if (e.step == step) return e;
  }
  throw std::logic_error("no entry");
}

TEST(Runner, MissingEvidenceIsNotCheckedWithTheReason) {
  const std::vector<Check> checks{{"needs_logs", Step::C13, {"log.client-cert-required"}, {EvidencePart::logs}, finds_symptom}};
  Report r = run_checks(checks, Evidence{}, {});
  ASSERT_EQ(r.checks.size(), 1u);
  EXPECT_EQ(r.checks[0].status, CheckStatus::not_checked);
  EXPECT_NE(r.checks[0].note.find("no logs evidence"), std::string::npos);
  EXPECT_NE(r.checks[0].note.find("the server's logs"), std::string::npos);
  EXPECT_EQ(entry(r, Step::C13).status, StepStatus::not_checked);
  EXPECT_EQ(entry(r, Step::C13).note, r.checks[0].note);
  EXPECT_TRUE(r.findings.empty());
}

TEST(Runner, ACheckThatThrowsIsCrashedAndTheOthersStillRun) {
  Evidence evidence;
  evidence.logs = LogEvidence{};
  const std::vector<Check> checks{{"throws", Step::C7, {}, {}, throws},
                                  {"finds", Step::C13, {}, {EvidencePart::logs}, finds_symptom}};
  Report r = run_checks(checks, evidence, {});
  EXPECT_EQ(r.checks[0].status, CheckStatus::crashed);
  EXPECT_EQ(r.checks[0].note, "boom");
  EXPECT_EQ(r.checks[1].status, CheckStatus::found);
  ASSERT_EQ(r.findings.size(), 1u);
  EXPECT_EQ(entry(r, Step::C7).status, StepStatus::not_checked);
  EXPECT_NE(entry(r, Step::C7).note.find("check throws crashed: boom"), std::string::npos);
  EXPECT_EQ(exit_status_for(r), ExitStatus::findings);
}

TEST(Runner, ACrashWithoutErrorFindingsIsExitTwo) {
  const std::vector<Check> checks{{"throws", Step::C7, {}, {}, throws}};
  Report r = run_checks(checks, Evidence{}, {});
  EXPECT_EQ(exit_status_for(r), ExitStatus::unusable);
  EXPECT_EQ(r.summary.verdict, "A check crashed; the report is incomplete.");
}

TEST(Runner, ACheckMaySkipItselfWithAReason) {
  const std::vector<Check> checks{{"skips", Step::C8, {}, {}, skips}};
  Report r = run_checks(checks, Evidence{}, {});
  EXPECT_EQ(r.checks[0].status, CheckStatus::not_checked);
  EXPECT_EQ(entry(r, Step::C8).note, "no client certificate was given");
}

TEST(Runner, PassedStepsAndExitZero) {
  const std::vector<Check> checks{{"passes", Step::C5, {}, {}, passes}};
  Report r = run_checks(checks, Evidence{}, {});
  EXPECT_EQ(entry(r, Step::C5).status, StepStatus::passed);
  EXPECT_EQ(exit_status_for(r), ExitStatus::ok);
  EXPECT_EQ(r.summary.verdict, "No problem found in what could be checked.");
  EXPECT_EQ(r.checklist.size(), 14u);
}

TEST(Runner, TheClockIsPassedIn) {
  const std::vector<Check> checks{{"clock", Step::C7, {}, {}, reads_clock}};
  RunOptions options;
  options.context.now = std::chrono::sys_seconds{std::chrono::seconds{1700000000}};
  Report r = run_checks(checks, Evidence{}, options);
  ASSERT_EQ(r.findings.size(), 1u);
  EXPECT_EQ(r.findings[0].detail, "1700000000");
  EXPECT_EQ(r.generated_at, options.context.now);
  EXPECT_EQ(entry(r, Step::C7).status, StepStatus::passed) << "info findings do not fail a step";
}

TEST(Runner, AnInfoFromAFindingsOnlyCheckPassesAStepOnlyWhenItIsTheEvidence) {
  const std::vector<Check> told_checks{findings_only({"ca_list", Step::C8, {}, {}, finds_ca_list})};
  Report told = run_checks(told_checks, Evidence{}, {});
  EXPECT_EQ(entry(told, Step::C8).status, StepStatus::not_checked) << "the server sends a list: which CAs it names is not shown";
  EXPECT_EQ(entry(told, Step::C8).findings, std::vector<std::string>{"schannel.trusted-issuer-list"});
  const std::vector<Check> absent_checks{findings_only({"ca_list_empty", Step::C8, {}, {}, sees_no_ca_list})};
  Report absent = run_checks(absent_checks, Evidence{}, {});
  EXPECT_EQ(entry(absent, Step::C8).status, StepStatus::passed) << "C8 holds when the list is absent";
}

TEST(Runner, ScopeLimitsTheChecklist) {
  RunOptions options;
  options.scope = {Step::C4, Step::C5};
  Report r = run_checks({}, Evidence{}, options);
  ASSERT_EQ(r.checklist.size(), 2u);
  EXPECT_EQ(r.checklist[0].step, Step::C4);
  EXPECT_EQ(r.summary.verdict, "Nothing could be checked with the evidence given.");
}

TEST(Ranking, RootCauseFirst) {
  std::vector<Finding> f{finding("info", Severity::info, Step::C8, Role::context),
                         finding("symptom", Severity::error, Step::C13, Role::symptom),
                         finding("warning", Severity::warning, Step::C3, Role::cause),
                         finding("mechanism", Severity::error, Step::C11, Role::mechanism),
                         finding("cause-late-step", Severity::error, Step::C10, Role::cause),
                         finding("cause-early-step", Severity::error, Step::C1, Role::cause),
                         finding("no-step", Severity::error, Step::none, Role::cause)};
  rank_findings(f);
  std::vector<std::string> ids;
  for (const Finding& x : f) ids.push_back(x.id);
  EXPECT_EQ(ids, (std::vector<std::string>{"cause-early-step", "cause-late-step", "no-step", "mechanism",
                                           "symptom", "warning", "info"}));
}

TEST(Ranking, VerdictNamesTheTopFindingAndCountsTheRest) {
  Evidence evidence;
  evidence.logs = LogEvidence{};
  const std::vector<Check> checks{{"a", Step::C13, {}, {}, finds_symptom}, {"b", Step::C11, {}, {}, finds_late_request}};
  Report r = run_checks(checks, evidence, {});
  EXPECT_EQ(r.findings[0].id, "tls.certificate-request-late");
  EXPECT_EQ(r.summary.verdict,
            "Client-certificate authentication will fail: title of tls.certificate-request-late (and 1 more error).");
  EXPECT_EQ(r.summary.errors, 2);
  EXPECT_EQ(entry(r, Step::C11).status, StepStatus::failed);
  EXPECT_EQ(entry(r, Step::C11).findings, std::vector<std::string>{"tls.certificate-request-late"});
}

}  // namespace
}  // namespace mtls
