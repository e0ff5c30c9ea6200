// SPDX-License-Identifier: Apache-2.0
// `mtls-doctor probe` end to end: the real binary against a real nginx, one target and --targets.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>

#include "support/command_run.h"
#include "support/peer_servers.h"
#include "support/probe_pki.h"

namespace mtls {
namespace {

using test::CommandRun;

CommandRun run(const std::string& args) {
  return test::run_command(std::string(MTLS_DOCTOR_BINARY) + " " + args + " 2>/dev/null");
}

class ProbeCommand : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!testing::have_program("nginx")) GTEST_SKIP() << "nginx is not installed (scripts/install-deps.sh)";
    pki_ = testing::make_probe_pki(dir_.path());
  }
  std::string identity() const {
    return " --cert " + pki_.client_cert + " --key " + pki_.client_key + " --chain " + pki_.intermediate + " --ca " + pki_.root;
  }
  testing::TempDir dir_;
  testing::ProbePki pki_;
};

TEST_F(ProbeCommand, HealthyServerExitsZeroWithProbeEvidence) {
  testing::PeerServer server = testing::start_nginx(dir_.path(), pki_.server_cert, pki_.server_key,
                                                    testing::NginxOptions{.verify_client = "on", .client_certificate = pki_.chain});
  const CommandRun r = run("probe " + server.url("/") + identity() + " --timeout 5 --format json");
  EXPECT_EQ(r.status, 0) << r.out;
  const auto json = nlohmann::json::parse(r.out);
  EXPECT_EQ(json["command"], "probe");
  EXPECT_EQ(json["evidence"]["probe"]["attempts"][1]["cert_request"], "handshake");
  EXPECT_EQ(json["evidence"]["probe"]["attempts"][1]["http_status"], 200);
  EXPECT_EQ(json["summary"]["errors"], 0);
  // No key material in the report.
  EXPECT_EQ(r.out.find("PRIVATE KEY"), std::string::npos);
}

TEST_F(ProbeCommand, TargetsFileGivesOneDocumentAndOneTable) {
  testing::PeerServer server = testing::start_nginx(dir_.path(), pki_.server_cert, pki_.server_key,
                                                    testing::NginxOptions{.verify_client = "on", .client_certificate = pki_.chain});
  const std::string down = "https://127.0.0.1:" + std::to_string(testing::free_loopback_port()) + "/";
  const std::string targets = dir_.path() + "/targets.txt";
  std::ofstream(targets) << "# fleet\n" << server.url("/") << "\n\n" << down << "  # nothing listens\n";
  const CommandRun json = run("probe --targets " + targets + " -j 2" + identity() + " --timeout 5 --format json");
  EXPECT_EQ(json.status, 1) << json.out;  // the unreachable one is an error
  const auto doc = nlohmann::json::parse(json.out);
  ASSERT_EQ(doc["targets"].size(), 2u);
  EXPECT_EQ(doc["targets"][0]["summary"]["errors"], 0);
  EXPECT_EQ(doc["targets"][1]["findings"][0]["id"], "tls.unreachable");
  const CommandRun text = run("probe --targets " + targets + " -j 2" + identity() + " --timeout 5");
  EXPECT_EQ(text.status, 1);
  EXPECT_NE(text.out.find("tls.unreachable"), std::string::npos) << text.out;
  EXPECT_EQ(text.out.find('\r'), std::string::npos) << "no progress bar when not on a terminal";
}

TEST_F(ProbeCommand, BadUrlExitsTwo) {
  EXPECT_EQ(run("probe http://example.test/").status, 2);
  EXPECT_EQ(run("probe https://localhost:1/ --password secret").status, 2);
}

}  // namespace
}  // namespace mtls
