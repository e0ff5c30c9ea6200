// SPDX-License-Identifier: Apache-2.0
#include "core/correlate.h"

#include <gtest/gtest.h>

namespace mtls {
namespace {

Finding finding(std::string id, std::string source, Severity severity = Severity::error) {
  Finding f;
  f.id = std::move(id);
  f.severity = severity;
  f.evidence.push_back(EvidenceRef{.source = source, .ref = source + " ref", .text = ""});
  f.remedy.commands = {RemedyCommand{.command = "fix " + f.id}};
  return f;
}

std::vector<std::string> ids(const std::vector<Finding>& findings) {
  std::vector<std::string> out;
  for (const Finding& f : findings) out.push_back(f.id);
  return out;
}

constexpr FindingLink kLinks[] = {
    {"httpsys.negotiate-client-cert-disabled", "tls.certificate-request-late"},
    {"tls.certificate-request-late", "log.late-negotiation-aborted"},
    {"cert.is-ca", "tls.client-cert-rejected"},
};

TEST(Correlate, OneIdFromTwoSourcesIsOneFinding) {
  std::vector<Finding> f{finding("tls.certificate-request-late", "probe"), finding("tls.certificate-request-late", "pcap")};
  correlate_findings(f, {});
  ASSERT_EQ(ids(f), std::vector<std::string>{"tls.certificate-request-late"});
  ASSERT_EQ(f[0].evidence.size(), 2u);
  EXPECT_EQ(f[0].evidence[1].source, "pcap");
}

TEST(Correlate, OneIdTwiceFromOneSourceStaysTwo) {
  // Two bindings without a CTL store are two facts.
  std::vector<Finding> f{finding("httpsys.ctl-store-missing", "netsh"), finding("httpsys.ctl-store-missing", "netsh")};
  correlate_findings(f, {});
  EXPECT_EQ(f.size(), 2u);
}

TEST(Correlate, ChainFoldsIntoItsFirstCause) {
  std::vector<Finding> f{finding("httpsys.negotiate-client-cert-disabled", "netsh"),
                         finding("tls.certificate-request-late", "probe"),
                         finding("log.late-negotiation-aborted", "log")};
  const FoldMap moved = correlate_findings(f, kLinks);
  ASSERT_EQ(ids(f), std::vector<std::string>{"httpsys.negotiate-client-cert-disabled"});
  EXPECT_EQ(f[0].evidence.size(), 3u);
  EXPECT_EQ(f[0].related, (std::vector<std::string>{"tls.certificate-request-late", "log.late-negotiation-aborted"}));
  // The cause's fix is the fix: the symptoms' commands do not join it.
  ASSERT_EQ(f[0].remedy.commands.size(), 1u);
  EXPECT_EQ(f[0].remedy.commands[0].command, "fix httpsys.negotiate-client-cert-disabled");
  EXPECT_EQ(moved.size(), 2u);
}

TEST(Correlate, NeverFoldsAnErrorIntoAMilderFinding) {
  std::vector<Finding> f{finding("cert.is-ca", "certificate", Severity::warning), finding("tls.client-cert-rejected", "probe")};
  correlate_findings(f, kLinks);
  EXPECT_EQ(f.size(), 2u);
}

TEST(Correlate, UnrelatedFindingsStay) {
  std::vector<Finding> f{finding("log.late-negotiation-aborted", "log"), finding("cert.expired", "certificate")};
  correlate_findings(f, kLinks);
  EXPECT_EQ(f.size(), 2u);
}

}  // namespace
}  // namespace mtls
