// SPDX-License-Identifier: Apache-2.0
// `logs` on the real error and access logs of nginx and Apache httpd: the servers run on loopback
// with mutual TLS, the probe makes requests without a certificate and with an expired one, and
// the logs the servers wrote are read back and judged.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>

#include "checks/all_checks.h"
#include "core/runner.h"
#include "parse/logs/logs.h"
#include "support/peer_servers.h"
#include "support/probe_pki.h"
#include "tls/probe.h"

namespace mtls {
namespace {

using testing::ApacheOptions;
using testing::NginxOptions;
using testing::PeerServer;
using testing::TempDir;

#define REQUIRE_PROGRAM(name) \
  if (!testing::have_program(name)) GTEST_SKIP() << name << " is not installed (scripts/install-deps.sh)"

class WebLogs : public ::testing::Test {
 protected:
  void SetUp() override { pki_ = testing::make_probe_pki(dir_.path()); }

  void probe(const std::string& url, const std::string& cert = {}, const std::string& key = {}) {
    tls::ProbeOptions o;
    o.url = url;
    o.ca_file = pki_.root;
    o.timeout = std::chrono::seconds(5);
    if (!cert.empty()) {
      o.identity.cert_file = cert;
      o.identity.key_file = key;
      o.identity.chain_file = pki_.intermediate;
    }
    auto result = tls::run_probe(o);
    ASSERT_TRUE(result) << result.error().to_string();
  }

  Report judge(const LogEvidence& logs) {
    Evidence evidence;
    evidence.logs = logs;
    return run_checks(all_checks(), std::move(evidence),
                      RunOptions{"logs", {}, "test", CheckContext{std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now())}, {}});
  }

  static const Finding* find(const Report& r, std::string_view id) {
    auto it = std::find_if(r.findings.begin(), r.findings.end(), [&](const Finding& f) { return f.id == id; });
    return it == r.findings.end() ? nullptr : &*it;
  }
  static const WebServerMessage* message(const LogEvidence& e, std::string_view code) {
    for (const WebServerMessage& m : e.web_server_messages) {
      if (m.code == code) return &m;
    }
    return nullptr;
  }

  TempDir dir_;
  testing::ProbePki pki_;
};

TEST_F(WebLogs, NginxWithoutCertificateAndWithAnExpiredOne) {
  REQUIRE_PROGRAM("nginx");
  {
    PeerServer server = testing::start_nginx(dir_.path(), pki_.server_cert, pki_.server_key,
                                             NginxOptions{.verify_client = "on", .client_certificate = pki_.chain});
    probe(server.url("/"));
    probe(server.url("/"), pki_.expired_cert, pki_.expired_key);
    server.stop();  // nginx writes its logs unbuffered; stopping makes sure they are complete
  }
  auto logs = logs::read_logs({dir_.path() + "/error.log", dir_.path() + "/access.log"}, {});
  ASSERT_TRUE(logs) << logs.error().to_string();

  const WebServerMessage* none = message(*logs, "no required SSL certificate");
  ASSERT_NE(none, nullptr) << "error.log lacks nginx's no-certificate message";
  EXPECT_EQ(none->top_clients.at(0).value, "127.0.0.1");
  EXPECT_EQ(none->top_servers.at(0).value, "localhost");
  const WebServerMessage* verify = message(*logs, "client SSL certificate verify error");
  ASSERT_NE(verify, nullptr);
  EXPECT_EQ(verify->verify_error, 10);  // X509_V_ERR_CERT_HAS_EXPIRED
  EXPECT_EQ(verify->kind, LogFailureKind::cert_expired);
  // With no error_page for them, nginx answers its 495/496 as 400 and logs 400 in the access log
  // (seen with Debian's nginx 1.22): the access log alone cannot tell the cause here, the error log can.
  EXPECT_EQ(message(*logs, "status 496"), nullptr);

  const Report r = judge(*logs);
  const Finding* required = find(r, "log.client-cert-required");
  ASSERT_NE(required, nullptr);
  EXPECT_EQ(required->title, "nginx logged: client certificate required but none sent");
  EXPECT_NE(required->detail.find("nginx error log"), std::string::npos) << required->detail;
  const Finding* expired = find(r, "log.client-cert-expired");
  ASSERT_NE(expired, nullptr);
  EXPECT_NE(expired->detail.find("certificate has expired"), std::string::npos) << expired->detail;
  ASSERT_FALSE(expired->evidence.empty());
  EXPECT_NE(expired->evidence[0].ref.find("error.log:"), std::string::npos);
}

TEST_F(WebLogs, ApachePerDirectoryVerifyClientWithoutCertificate) {
  REQUIRE_PROGRAM("apache2");
  {
    PeerServer server = testing::start_apache(
        dir_.path(), pki_.server_cert, pki_.server_key,
        ApacheOptions{.protocol = "TLSv1.2", .location_verify = "require", .ca_file = pki_.chain});
    probe(server.url("/secure/"));
    server.stop();
  }
  auto logs = logs::read_logs({dir_.path() + "/error.log"}, {});
  ASSERT_TRUE(logs) << logs.error().to_string();
  // mod_ssl announces the renegotiation a <Location> SSLVerifyClient needs, then logs its failure.
  ASSERT_NE(message(*logs, "AH02261"), nullptr) << "error.log lacks AH02261";
  const Report r = judge(*logs);
  const Finding* reneg = find(r, "log.renegotiation-failed");
  ASSERT_NE(reneg, nullptr);
  EXPECT_NE(reneg->detail.find("Apache httpd error log"), std::string::npos) << reneg->detail;
}

}  // namespace
}  // namespace mtls
