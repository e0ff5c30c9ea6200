// SPDX-License-Identifier: Apache-2.0
// Each lab scenario behaves on the wire as the server it imitates: checked with the real
// `openssl s_client` (its -msg trace shows every handshake message) against the lab server on a
// free loopback port.
#include "lab/scenarios.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <future>
#include <set>
#include <thread>

namespace mtls::lab {
namespace {

struct Exchange {
  std::string trace;  ///< s_client's stdout and stderr: -msg lines, then the HTTP answer
};

Exchange exchange(const std::string& scenario_name, bool offer_pha, const std::string& extra = "",
                  bool expired_identity = false) {
  const Scenario* scenario = find_scenario(scenario_name);
  EXPECT_NE(scenario, nullptr);
  const auto dir =
      std::filesystem::temp_directory_path() / ("mtls-doctor-lab-test-" + scenario_name);
  std::filesystem::remove_all(dir);
  auto pki = tls::write_lab_pki(dir.string(), std::chrono::time_point_cast<std::chrono::seconds>(
                                                  std::chrono::system_clock::now()));
  EXPECT_TRUE(pki) << (pki ? "" : pki.error().to_string());
  tls::LabServerConfig config = server_config(*scenario, *pki);
  config.max_connections = 1;
  config.io_timeout = std::chrono::seconds(5);
  std::promise<int> port_promise;
  std::atomic<bool> stop{false};
  std::thread server([&] {
    auto done = tls::run_lab_server(
        config, [&](int port) { port_promise.set_value(port); }, stop);
    if (!done) port_promise.set_value(-1);
  });
  const int port = port_promise.get_future().get();
  std::string trace;
  if (port > 0) {
    const std::string command =
        "(printf 'GET / HTTP/1.1\\r\\nHost: localhost\\r\\n\\r\\n'; sleep 1) | timeout 10 openssl "
        "s_client -connect 127.0.0.1:" +
        std::to_string(port) + " -cert '" +
        (expired_identity ? pki->expired_client_cert : pki->client_cert) + "' -key '" +
        (expired_identity ? pki->expired_client_key : pki->client_key) + "' -CAfile '" +
        pki->server_ca + "' -ign_eof -msg" + (offer_pha ? " -enable_pha" : "") + extra + " 2>&1";
    FILE* pipe = popen(command.c_str(), "r");
    char buffer[4096];
    while (pipe && std::fgets(buffer, sizeof buffer, pipe)) trace += buffer;
    if (pipe) pclose(pipe);
  }
  stop = true;
  server.join();
  std::filesystem::remove_all(dir);
  return {trace};
}

bool has(const Exchange& e, const std::string& s) { return e.trace.find(s) != std::string::npos; }

TEST(LabScenario, HealthyAsksInTheHandshakeAndAccepts) {
  Exchange e = exchange("healthy", false);
  EXPECT_TRUE(has(e, "CertificateRequest")) << e.trace;
  EXPECT_TRUE(has(e, "HTTP/1.1 200 OK")) << e.trace;
}

TEST(LabScenario, LateRenegotiationAsksAfterTheRequestLikeIis) {
  Exchange e = exchange("late-renegotiation", false);
  const auto hello_request = e.trace.find("HelloRequest");
  ASSERT_NE(hello_request, std::string::npos) << e.trace;
  EXPECT_NE(e.trace.find("CertificateRequest", hello_request), std::string::npos)
      << "asked only after HelloRequest";
  EXPECT_EQ(e.trace.substr(0, hello_request).find("CertificateRequest"), std::string::npos)
      << "not in the first handshake";
  EXPECT_TRUE(has(e, "HTTP/1.1 200 OK")) << e.trace;
}

TEST(LabScenario, PostHandshakeNeedsTheClientToOfferIt) {
  Exchange with_pha = exchange("post-handshake", true);
  EXPECT_TRUE(has(with_pha, "HTTP/1.1 200 OK")) << with_pha.trace;
  Exchange without = exchange("post-handshake", false);
  EXPECT_FALSE(has(without, "CertificateRequest")) << without.trace;
  EXPECT_TRUE(has(without, "403.7 - Forbidden")) << without.trace;
}

TEST(LabScenario, NoRequestAnswers403Point7) {
  Exchange e = exchange("no-request", false);
  EXPECT_FALSE(has(e, "CertificateRequest")) << e.trace;
  EXPECT_TRUE(has(e, "HTTP/1.1 403 Forbidden")) << e.trace;
}

TEST(LabScenario, CaListNamesOnlyTheOtherCa) {
  Exchange e = exchange("ca-list-excludes", false);
  EXPECT_TRUE(has(e, "CN = Lab Other CA")) << e.trace;
  EXPECT_FALSE(has(e, "CN = Lab Client CA")) << e.trace;
}

TEST(LabScenario, UntrustedClientGetsIisPage403Point16) {
  Exchange e = exchange("untrusted-client", false);
  EXPECT_TRUE(has(e, "No client certificate CA names sent")) << e.trace;
  EXPECT_FALSE(has(e, "alert unknown ca")) << "IIS answers in HTTP, not with an alert: " << e.trace;
  EXPECT_TRUE(has(e, "HTTP Error 403.16 - Forbidden")) << e.trace;
  EXPECT_TRUE(has(e, "0x800b0109")) << e.trace;
}

TEST(LabScenario, ExpiredClientGetsIisPage403Point17) {
  Exchange e = exchange("expired-client", false, "", true);
  EXPECT_TRUE(has(e, "CN = Lab Client CA")) << e.trace;
  EXPECT_TRUE(has(e, "HTTP Error 403.17 - Forbidden")) << e.trace;
  Exchange good = exchange("expired-client", false);
  EXPECT_TRUE(has(good, "HTTP/1.1 200 OK")) << good.trace;
}

TEST(LabScenario, CtlAccessDeniedRefusesAGoodCertificateWithWin32Status5) {
  Exchange e = exchange("ctl-access-denied", false);
  EXPECT_TRUE(has(e, "CN = Lab Other CA")) << "the whole Trusted Root store is listed: " << e.trace;
  EXPECT_TRUE(has(e, "CN = Lab Client CA")) << e.trace;
  EXPECT_TRUE(has(e, "HTTP Error 403.7 - Forbidden")) << e.trace;
  EXPECT_TRUE(has(e, "0x80070005")) << e.trace;
}

TEST(LabScenario, SniBindingSendsTheCtlStoreListTheIpBindingTheRootStore) {
  Exchange with_name = exchange("sni-ip-mismatch", false, " -servername localhost");
  EXPECT_TRUE(has(with_name, "HTTP/1.1 200 OK")) << with_name.trace;
  EXPECT_FALSE(has(with_name, "CN = Lab Other CA")) << with_name.trace;
  Exchange without = exchange("sni-ip-mismatch", false, " -noservername");
  EXPECT_TRUE(has(without, "CN = Lab Other CA")) << without.trace;
  EXPECT_TRUE(has(without, "HTTP Error 403.7 - Forbidden")) << without.trace;
}

TEST(LabScenario, Http2ResetsTheLateRequestAndHttp11IsRenegotiated) {
  Exchange h2 = exchange("http2", false, " -alpn h2,http/1.1");
  EXPECT_TRUE(has(h2, "ALPN protocol: h2")) << h2.trace;
  EXPECT_FALSE(has(h2, "HelloRequest"))
      << "no renegotiation on HTTP/2 (RFC 7540 9.2.1): " << h2.trace;
  Exchange h1 = exchange("http2", false, " -alpn http/1.1");
  EXPECT_TRUE(has(h1, "HelloRequest")) << h1.trace;
  EXPECT_TRUE(has(h1, "HTTP/1.1 200 OK")) << h1.trace;
}

TEST(LabScenario, EveryScenarioHasAUniqueNameAndADescription) {
  std::set<std::string_view> names;
  for (const Scenario& s : scenarios()) {
    EXPECT_TRUE(names.insert(s.name).second) << s.name;
    EXPECT_GT(s.imitates.size(), 40u) << s.name;
  }
  EXPECT_EQ(find_scenario("nope"), nullptr);
}

}  // namespace
}  // namespace mtls::lab
