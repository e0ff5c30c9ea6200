// SPDX-License-Identifier: Apache-2.0
// `mtls-doctor lab` end to end: every scenario started on a free loopback port and probed with
// the real binary and the lab's own identity (the expired one for expired-client). The probe must
// report what the scenario promises (its top finding first), `logs` on what the lab wrote must
// give the matching log.* findings, and `iis` on the configuration it wrote the matching IIS ones.
#include <gtest/gtest.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <sys/wait.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <vector>
#include <algorithm>

#include "lab/scenarios.h"
#include "support/command_run.h"
#include "support/peer_servers.h"

namespace mtls {
namespace {

using test::CommandRun;

CommandRun run(const std::string& args) {
  return test::run_command(std::string(MTLS_DOCTOR_BINARY) + " " + args + " 2>&1");
}

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::vector<std::string> ids(const nlohmann::json& report, bool errors_only) {
  std::vector<std::string> out;
  for (const auto& f : report["findings"]) {
    if (!errors_only || f["severity"] == "error") out.push_back(f["id"]);
  }
  return out;
}

nlohmann::json report_of(const CommandRun& r) {
  auto json = nlohmann::json::parse(r.out, nullptr, false);
  EXPECT_FALSE(json.is_discarded()) << r.out;
  return json;
}

struct Case {
  std::string scenario;
  std::vector<std::string> log_errors;  ///< `logs` error findings, in order
  std::vector<std::string> iis_errors;  ///< `iis` error findings, in order
};

std::string sha1_of_first_certificate(const std::string& pem) {
  FILE* f = std::fopen(pem.c_str(), "r");
  if (!f) return {};
  X509* cert = PEM_read_X509(f, nullptr, nullptr, nullptr);
  std::fclose(f);
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  std::string out;
  if (cert && X509_digest(cert, EVP_sha1(), md, &len) == 1) {
    for (unsigned int i = 0; i < len; ++i) {
      char hex[3];
      std::snprintf(hex, sizeof hex, "%02x", md[i]);
      out += hex;
    }
  }
  X509_free(cert);
  return out;
}

/// UTF-16LE bytes of an ASCII string, to look for it in the files written as PowerShell does.
std::string utf16(const std::string& ascii) {
  std::string out;
  for (char c : ascii) {
    out += c;
    out += '\0';
  }
  return out;
}

class LabScenarioProbe : public ::testing::TestWithParam<Case> {};

TEST_P(LabScenarioProbe, ProbeLogsAndConfigurationAgreeWithTheScenario) {
  const Case& c = GetParam();
  const lab::Scenario* scenario = lab::find_scenario(c.scenario);
  ASSERT_NE(scenario, nullptr);
  // What the lab promises (`lab --list`, docs/lab.md) is what the probe must find, top first.
  const std::vector<std::string> expected(scenario->expected_findings.begin(),
                                          scenario->expected_findings.end());
  testing::TempDir dir;
  const std::string pki = dir.path() + "/pki";
  const std::string logs = dir.path() + "/logs";
  const std::string config = dir.path() + "/config";
  const int port = testing::free_loopback_port();
  testing::PeerServer lab(
      {MTLS_DOCTOR_BINARY, "lab", "--scenario", c.scenario, "--port", std::to_string(port), "--dir",
       pki, "--log-dir", logs, "--write-config", config},
      dir.path(), port);
  const bool expired = scenario->identity == lab::ProbeIdentity::expired_client;
  const std::string identity =
      expired ? " --cert " + pki + "/client-expired.pem --key " + pki + "/client-expired.key"
              : " --cert " + pki + "/client.pem --key " + pki + "/client.key";
  const std::string target = scenario->sni_binding
                                 ? "https://localhost:" + std::to_string(port) +
                                       "/ --connect 127.0.0.1:" + std::to_string(port)
                                 : "https://127.0.0.1:" + std::to_string(port) + "/";
  const CommandRun probe = run("probe " + target + identity + " --ca " + pki +
                               "/server-ca.pem --timeout 5 --format json");
  const auto probe_report = report_of(probe);
  const std::vector<std::string> found = ids(probe_report, false);
  ASSERT_FALSE(found.empty() && !expected.empty()) << probe.out;
  if (!expected.empty()) {
    EXPECT_EQ(found.front(), expected.front()) << probe.out;
  }
  for (const std::string& id : expected) {
    EXPECT_NE(std::find(found.begin(), found.end(), id), found.end())
        << id << " missing: " << probe.out;
  }
  if (expected.empty()) {
    EXPECT_EQ(probe_report["summary"]["errors"], 0) << probe.out;
  }
  if (c.scenario == "http2") {
    // Without an identity the HTTP/1.1 retry gets 403.7 after the reset h2 request's 500.
    run("probe " + target + " --ca " + pki + "/server-ca.pem --timeout 5 --format json");
  }

  const CommandRun log_run = run("logs " + logs + " --format json");
  EXPECT_EQ(ids(report_of(log_run), true), c.log_errors) << log_run.out;

  const CommandRun iis =
      run("iis --config " + config + "/applicationHost.config --sslcert " + config +
          "/sslcert.txt --registry " + config + "/schannel.reg --format json");
  EXPECT_EQ(ids(report_of(iis), true), c.iis_errors) << iis.out;

  // The netsh output is UTF-16LE with a BOM, as PowerShell's `>` writes it, and names the lab
  // server certificate's real thumbprint and port.
  const std::string sslcert = slurp(config + "/sslcert.txt");
  EXPECT_EQ(sslcert.substr(0, 2), "\xff\xfe");
  EXPECT_NE(sslcert.find(utf16(sha1_of_first_certificate(pki + "/server.pem"))), std::string::npos);
  EXPECT_NE(sslcert.find(utf16("0.0.0.0:" + std::to_string(port))), std::string::npos);
  EXPECT_EQ(slurp(config + "/schannel.reg").substr(0, 2), "\xff\xfe");
}

// What `logs` and `iis` find on the files the lab wrote (docs/lab.md has the same tables).
const std::vector<Case> kCases{
    Case{"healthy", {"log.client-cert-required"}, {}},
    Case{"late-renegotiation",
         {"log.client-cert-required"},
         {"httpsys.negotiate-client-cert-disabled"}},
    Case{"http2",
         {"log.late-negotiation-aborted", "log.client-cert-required"},
         {"httpsys.negotiate-client-cert-disabled"}},
    Case{"no-request", {"log.client-cert-required"}, {"iis.ssl-cert-not-required"}},
    Case{"ca-list-excludes", {"log.client-cert-required"}, {}},
    Case{"untrusted-client", {"log.client-cert-untrusted", "log.client-cert-required"}, {}},
    Case{"sni-ip-mismatch",
         {"log.ctl-access-denied", "log.client-cert-required"},
         {"httpsys.ctl-store-missing"}},
    Case{"ctl-access-denied",
         {"log.ctl-access-denied", "log.client-cert-required"},
         {"httpsys.ctl-store-missing"}},
    Case{"expired-client", {"log.client-cert-expired", "log.client-cert-required"}, {}},
};

INSTANTIATE_TEST_SUITE_P(Scenarios, LabScenarioProbe, ::testing::ValuesIn(kCases),
                         [](const ::testing::TestParamInfo<Case>& param) {
                           std::string name;
                           for (char ch : param.param.scenario) name += ch == '-' ? '_' : ch;
                           return name;
                         });

TEST(LabCommand, EveryIisLikeScenarioIsProbedAbove) {
  std::vector<std::string> tested;
  for (const Case& c : kCases) tested.push_back(c.scenario);
  for (const lab::Scenario& s : lab::scenarios()) {
    if (!s.iis) continue;
    EXPECT_NE(std::find(tested.begin(), tested.end(), s.name), tested.end()) << s.name;
  }
}

TEST(LabCommand, PostHandshakeIsProbedButHasNoIisFiles) {
  testing::TempDir dir;
  const int port = testing::free_loopback_port();
  const CommandRun refused = run("lab --scenario post-handshake --log-dir " + dir.path() +
                                 "/logs --port " + std::to_string(port));
  EXPECT_EQ(refused.status, 2) << refused.out;
  EXPECT_NE(refused.out.find("imitates no IIS server"), std::string::npos) << refused.out;

  const std::string pki = dir.path() + "/pki";
  testing::PeerServer lab({MTLS_DOCTOR_BINARY, "lab", "--scenario", "post-handshake", "--port",
                           std::to_string(port), "--dir", pki},
                          dir.path(), port);
  const CommandRun probe = run("probe https://127.0.0.1:" + std::to_string(port) + "/ --cert " +
                               pki + "/client.pem --key " + pki + "/client.key --ca " + pki +
                               "/server-ca.pem --timeout 5 --format json");
  const auto found = ids(report_of(probe), false);
  ASSERT_FALSE(found.empty()) << probe.out;
  EXPECT_EQ(found.front(), "tls.certificate-request-post-handshake") << probe.out;
}

TEST(LabCommand, DirKeepsAnExistingPki) {
  testing::TempDir dir;
  const std::string pki = dir.path() + "/pki";
  std::string first_cert;
  for (int round = 0; round < 2; ++round) {
    const int port = testing::free_loopback_port();
    testing::PeerServer lab({MTLS_DOCTOR_BINARY, "lab", "--scenario", "healthy", "--port",
                             std::to_string(port), "--dir", pki},
                            dir.path(), port);
    const std::string cert = slurp(pki + "/client.pem");
    ASSERT_FALSE(cert.empty());
    if (round == 0) {
      first_cert = cert;
    } else {
      EXPECT_EQ(cert, first_cert) << "the second start replaced the PKI";
      lab.stop();
      EXPECT_NE(slurp(dir.path() + "/server-output.log").find("kept as it was"), std::string::npos)
          << lab.log();
    }
  }
}

}  // namespace
}  // namespace mtls
