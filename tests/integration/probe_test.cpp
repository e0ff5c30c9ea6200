// SPDX-License-Identifier: Apache-2.0
// The probe against real servers: openssl s_server, nginx and Apache httpd on loopback ports, each
// configured to ask for the client certificate in one of the ways the field meets.
#include <gtest/gtest.h>

#include <algorithm>
#include <memory>

#include "checks/all_checks.h"
#include "core/runner.h"
#include "support/peer_servers.h"
#include "support/probe_pki.h"
#include "tls/probe.h"

namespace mtls {
namespace {

using testing::ApacheOptions;
using testing::NginxOptions;
using testing::PeerServer;
using testing::ProbePki;
using testing::TempDir;

class Probe : public ::testing::Test {
 protected:
  void SetUp() override { pki_ = testing::make_probe_pki(dir_.path()); }

  tls::ProbeOptions options(const std::string& url) const {
    tls::ProbeOptions o;
    o.url = url;
    o.ca_file = pki_.root;
    o.timeout = std::chrono::seconds(5);
    return o;
  }
  tls::ProbeOptions with_identity(const std::string& url, const std::string& cert, const std::string& key,
                                  bool chain = true) const {
    tls::ProbeOptions o = options(url);
    o.identity.cert_file = cert;
    o.identity.key_file = key;
    if (chain) o.identity.chain_file = pki_.intermediate;
    return o;
  }

  /// Probe and judge, as the probe command does.
  Report diagnose(const tls::ProbeOptions& o) {
    auto result = tls::run_probe(o);
    EXPECT_TRUE(result) << (result ? "" : result.error().to_string());
    if (!result) return {};
    Evidence evidence;
    evidence.probe = result->probe;
    if (!result->identity.empty()) evidence.certificates = CertificateEvidence{result->identity};
    probe_ = result->probe;
    return run_checks(all_checks(), std::move(evidence),
                      RunOptions{"probe", {o.url}, "test", CheckContext{std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now())}, {}});
  }

  static bool has(const Report& r, std::string_view id) {
    return std::any_of(r.findings.begin(), r.findings.end(), [&](const Finding& f) { return f.id == id; });
  }
  static std::string ids(const Report& r) {
    std::string out;
    for (const Finding& f : r.findings) out += f.id + " ";
    return out;
  }
  static bool has_error(const Report& r) {
    return std::any_of(r.findings.begin(), r.findings.end(), [](const Finding& f) { return f.severity == Severity::error; });
  }

  TempDir dir_;
  ProbePki pki_;
  ProbeEvidence probe_;
};

#define REQUIRE_PROGRAM(name) \
  if (!testing::have_program(name)) GTEST_SKIP() << name << " is not installed (scripts/install-deps.sh)"

TEST_F(Probe, NothingListeningIsUnreachable) {
  const int port = testing::free_loopback_port();
  const Report r = diagnose(options("https://127.0.0.1:" + std::to_string(port) + "/"));
  EXPECT_TRUE(has(r, "tls.unreachable")) << ids(r);
  EXPECT_EQ(exit_status_for(r), ExitStatus::findings);
  ASSERT_FALSE(probe_.attempts.empty());
  EXPECT_FALSE(probe_.attempts[0].connected);
  EXPECT_NE(probe_.attempts[0].connect_error.find("refused"), std::string::npos) << probe_.attempts[0].connect_error;
  EXPECT_TRUE(probe_.attempts[1].skipped);
}

TEST_F(Probe, SServerThatNeverAsks) {
  REQUIRE_PROGRAM("openssl");
  PeerServer server = testing::start_s_server(dir_.path(), pki_.server_cert, pki_.server_key, {});
  const Report r = diagnose(with_identity(server.url("/"), pki_.client_cert, pki_.client_key));
  EXPECT_TRUE(has(r, "tls.no-certificate-request")) << ids(r) << server.log();
  for (const ProbeAttempt& a : probe_.attempts) {
    if (a.skipped) continue;
    EXPECT_EQ(a.cert_request, CertRequestTiming::none);
    EXPECT_EQ(a.http_status, 200);
  }
}

TEST_F(Probe, SServerRequiresWithCaListHealthy) {
  REQUIRE_PROGRAM("openssl");
  PeerServer server = testing::start_s_server(dir_.path(), pki_.server_cert, pki_.server_key, {"-Verify", "3", "-CAfile", pki_.chain});
  const Report r = diagnose(with_identity(server.url("/"), pki_.client_cert, pki_.client_key));
  EXPECT_FALSE(has_error(r)) << ids(r) << server.log();
  EXPECT_EQ(exit_status_for(r), ExitStatus::ok);
  const ProbeAttempt& browser = probe_.attempts[0];
  EXPECT_EQ(browser.cert_request, CertRequestTiming::handshake);
  EXPECT_EQ(browser.tls_version, "TLSv1.3");
  // TLS 1.3: the refusal of the empty Certificate arrives after the handshake, on the first read.
  ASSERT_TRUE(browser.alert.has_value());
  EXPECT_EQ(browser.alert->code, 116);
  EXPECT_FALSE(browser.alert->sent);
  const ProbeAttempt& identity = probe_.attempts[1];
  EXPECT_TRUE(identity.client_cert_sent);
  EXPECT_EQ(identity.client_chain_sent, 2);
  EXPECT_EQ(identity.http_status, 200);
  ASSERT_EQ(identity.ca_names.size(), 2u);
  EXPECT_NE(identity.ca_names[0].find("Probe Test Intermediate"), std::string::npos);
  EXPECT_GT(identity.ca_names_bytes, 0u);
  EXPECT_FALSE(identity.signature_algorithms.empty());
  EXPECT_TRUE(identity.server_verify_error.empty()) << identity.server_verify_error;
  // The timeline has both directions.
  const auto& m = identity.messages;
  EXPECT_TRUE(std::any_of(m.begin(), m.end(), [](const ProbeMessage& x) { return x.sent && x.name == "Certificate"; }));
  EXPECT_TRUE(std::any_of(m.begin(), m.end(), [](const ProbeMessage& x) { return !x.sent && x.name == "CertificateRequest"; }));
}

TEST_F(Probe, SServerWithoutCaListReportsEmptyList) {
  REQUIRE_PROGRAM("openssl");
  PeerServer server = testing::start_s_server(dir_.path(), pki_.server_cert, pki_.server_key,
                                              {"-verify", "3", "-CAfile", pki_.chain, "-no_ca_names"});
  const Report r = diagnose(with_identity(server.url("/"), pki_.client_cert, pki_.client_key));
  EXPECT_TRUE(has(r, "tls.ca-list-empty")) << ids(r);
  EXPECT_FALSE(has(r, "tls.ca-list-excludes-client-chain"));
  EXPECT_TRUE(probe_.attempts[1].ca_names.empty());
  EXPECT_EQ(probe_.attempts[1].cert_request, CertRequestTiming::handshake);
}

TEST_F(Probe, SServerCaListExcludesClientIssuer) {
  REQUIRE_PROGRAM("openssl");
  PeerServer server = testing::start_s_server(dir_.path(), pki_.server_cert, pki_.server_key, {"-Verify", "3", "-verify_return_error", "-CAfile", pki_.other_ca});
  const Report r = diagnose(with_identity(server.url("/"), pki_.client_cert, pki_.client_key));
  EXPECT_TRUE(has(r, "tls.ca-list-excludes-client-chain")) << ids(r);
  EXPECT_TRUE(has(r, "tls.client-cert-rejected")) << ids(r);
  ASSERT_EQ(probe_.attempts[1].ca_names.size(), 1u);
  EXPECT_NE(probe_.attempts[1].ca_names[0].find("Unrelated Test CA"), std::string::npos);
}

TEST_F(Probe, SServerClientSendsOnlyItsLeaf) {
  REQUIRE_PROGRAM("openssl");
  PeerServer server = testing::start_s_server(dir_.path(), pki_.server_cert, pki_.server_key, {"-Verify", "3", "-verify_return_error", "-CAfile", pki_.root});
  const Report r = diagnose(with_identity(server.url("/"), pki_.client_cert, pki_.client_key, /*chain=*/false));
  EXPECT_TRUE(has(r, "tls.client-chain-not-sent")) << ids(r);
  EXPECT_EQ(probe_.attempts[1].client_chain_sent, 1);
  ASSERT_TRUE(probe_.attempts[1].alert.has_value());
  EXPECT_EQ(probe_.attempts[1].alert->code, 48);  // unknown_ca
}

TEST_F(Probe, SServerWithoutIdentitySaysNoCertificateWasSent) {
  REQUIRE_PROGRAM("openssl");
  PeerServer server = testing::start_s_server(dir_.path(), pki_.server_cert, pki_.server_key, {"-Verify", "3", "-CAfile", pki_.chain});
  const Report r = diagnose(options(server.url("/")));
  EXPECT_TRUE(has(r, "tls.client-cert-not-sent")) << ids(r);
  EXPECT_FALSE(has(r, "tls.handshake-failed")) << ids(r);
}

TEST_F(Probe, NginxHealthy) {
  REQUIRE_PROGRAM("nginx");
  PeerServer server = testing::start_nginx(dir_.path(), pki_.server_cert, pki_.server_key,
                                           NginxOptions{.verify_client = "on", .client_certificate = pki_.chain});
  const Report r = diagnose(with_identity(server.url("/"), pki_.client_cert, pki_.client_key));
  EXPECT_EQ(exit_status_for(r), ExitStatus::ok) << ids(r) << server.log();
  EXPECT_EQ(probe_.attempts[1].http_status, 200);
  // The browser-like attempt without a certificate gets nginx's own 400 page.
  EXPECT_EQ(probe_.attempts[0].http_status, 400);
  EXPECT_EQ(probe_.attempts[0].server_reason, "No required SSL certificate was sent");
}

TEST_F(Probe, NginxWithoutIdentityRequiresCertificate) {
  REQUIRE_PROGRAM("nginx");
  PeerServer server = testing::start_nginx(dir_.path(), pki_.server_cert, pki_.server_key,
                                           NginxOptions{.verify_client = "on", .client_certificate = pki_.chain});
  const Report r = diagnose(options(server.url("/")));
  EXPECT_TRUE(has(r, "http.client-cert-required")) << ids(r);
}

TEST_F(Probe, NginxExpiredClientCertificateRejected) {
  REQUIRE_PROGRAM("nginx");
  PeerServer server = testing::start_nginx(dir_.path(), pki_.server_cert, pki_.server_key,
                                           NginxOptions{.verify_client = "on", .client_certificate = pki_.chain});
  const Report r = diagnose(with_identity(server.url("/"), pki_.expired_cert, pki_.expired_key));
  EXPECT_TRUE(has(r, "http.client-cert-rejected")) << ids(r) << server.log();
  EXPECT_EQ(probe_.attempts[1].server_reason, "The SSL certificate error");
}

TEST_F(Probe, NginxWrongEkuClientCertificateRejected) {
  REQUIRE_PROGRAM("nginx");
  PeerServer server = testing::start_nginx(dir_.path(), pki_.server_cert, pki_.server_key,
                                           NginxOptions{.verify_client = "on", .client_certificate = pki_.chain});
  const Report r = diagnose(with_identity(server.url("/"), pki_.server_eku_cert, pki_.server_eku_key));
  EXPECT_TRUE(has(r, "http.client-cert-rejected")) << ids(r) << server.log();
}

TEST_F(Probe, NginxOptionalNoCaSendsNoList) {
  REQUIRE_PROGRAM("nginx");
  PeerServer server = testing::start_nginx(dir_.path(), pki_.server_cert, pki_.server_key,
                                           NginxOptions{.verify_client = "optional_no_ca", .trusted_certificate = pki_.chain});
  const Report r = diagnose(with_identity(server.url("/"), pki_.client_cert, pki_.client_key));
  EXPECT_TRUE(has(r, "tls.ca-list-empty")) << ids(r) << server.log();
  EXPECT_EQ(probe_.attempts[1].http_status, 200);
  EXPECT_EQ(exit_status_for(r), ExitStatus::ok) << ids(r);
}

TEST_F(Probe, ApacheVirtualHostRequireIsHealthy) {
  REQUIRE_PROGRAM("apache2");
  PeerServer server = testing::start_apache(dir_.path(), pki_.server_cert, pki_.server_key,
                                            ApacheOptions{.protocol = "TLSv1.3", .vhost_verify = "require", .ca_file = pki_.chain});
  const Report r = diagnose(with_identity(server.url("/secure/index.html"), pki_.client_cert, pki_.client_key));
  EXPECT_EQ(exit_status_for(r), ExitStatus::ok) << ids(r) << server.log();
  EXPECT_EQ(probe_.attempts[1].cert_request, CertRequestTiming::handshake);
}

TEST_F(Probe, ApachePerLocationUnderTls12AsksByRenegotiation) {
  REQUIRE_PROGRAM("apache2");
  PeerServer server = testing::start_apache(dir_.path(), pki_.server_cert, pki_.server_key,
                                            ApacheOptions{.protocol = "TLSv1.2", .location_verify = "require", .ca_file = pki_.chain});
  const Report r = diagnose(with_identity(server.url("/secure/index.html"), pki_.client_cert, pki_.client_key));
  EXPECT_TRUE(has(r, "tls.certificate-request-late")) << ids(r) << server.log();
  const ProbeAttempt& a = probe_.attempts[1];
  EXPECT_EQ(a.cert_request, CertRequestTiming::renegotiation);
  EXPECT_GE(a.renegotiations, 1);
  EXPECT_EQ(a.http_status, 200);
}

TEST_F(Probe, ApachePerLocationUnderTls13AsksPostHandshake) {
  REQUIRE_PROGRAM("apache2");
  PeerServer server = testing::start_apache(dir_.path(), pki_.server_cert, pki_.server_key,
                                            ApacheOptions{.protocol = "TLSv1.3", .location_verify = "require", .ca_file = pki_.chain});
  const Report r = diagnose(with_identity(server.url("/secure/index.html"), pki_.client_cert, pki_.client_key));
  EXPECT_TRUE(has(r, "tls.certificate-request-post-handshake")) << ids(r) << server.log();
  EXPECT_EQ(probe_.attempts[1].cert_request, CertRequestTiming::post_handshake);
  EXPECT_EQ(probe_.attempts[1].http_status, 200);
  // The browser-like attempt (no PHA) is never asked and refused.
  EXPECT_EQ(probe_.attempts[0].cert_request, CertRequestTiming::none);
  EXPECT_EQ(probe_.attempts[0].http_status, 403);
}

TEST_F(Probe, ApacheWithHttp2CannotRenegotiate) {
  REQUIRE_PROGRAM("apache2");
  PeerServer server = testing::start_apache(dir_.path(), pki_.server_cert, pki_.server_key,
                                            ApacheOptions{.protocol = "TLSv1.2", .location_verify = "require", .ca_file = pki_.chain, .http2 = true});
  const Report r = diagnose(with_identity(server.url("/secure/index.html"), pki_.client_cert, pki_.client_key));
  EXPECT_TRUE(has(r, "tls.renegotiation-blocked-by-http2")) << ids(r) << server.log();
  EXPECT_EQ(probe_.attempts[0].alpn, "h2");
  EXPECT_EQ(probe_.attempts[1].cert_request, CertRequestTiming::renegotiation);
}

}  // namespace
}  // namespace mtls
