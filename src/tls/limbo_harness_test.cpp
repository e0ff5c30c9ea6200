// SPDX-License-Identifier: Apache-2.0
// External path-validation suites through our chain builder (tls::build_chain, strict mode):
//  * x509-limbo (C2SP, snapshot in ../shared/suites/x509-limbo): every case, compared with its
//    expected_result; disagreements must be listed in limbo_exceptions with a reason.
//  * our client-authentication cases in the same JSON shape (tests/limbo-client/cases.json,
//    validation_kind CLIENT), whose certificates are generated here at test time.
// An unexpected result fails the test; the tally is what docs/ROBUSTNESS.md publishes.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <openssl/pem.h>
#include <openssl/x509v3.h>

#include <fstream>
#include <map>
#include <memory>

#include "checks/checks.h"
#include "support/test_pki.h"
#include "tls/cert_facts.h"
#include "tls/cert_file.h"
#include "tls/chain.h"

namespace mtls::tls {
namespace {

using Json = nlohmann::json;

std::vector<X509Ptr> pems(const Json& list) {
  std::vector<X509Ptr> out;
  for (const auto& pem : list) {
    auto loaded = parse_certificates(pem.get<std::string>(), "limbo", nullptr);
    if (!loaded) continue;
    for (X509Ptr& c : loaded->certificates) out.push_back(std::move(c));
  }
  return out;
}

SysSeconds parse_rfc3339(const std::string& s) {
  std::tm tm{};
  if (std::sscanf(s.c_str(), "%d-%d-%dT%d:%d:%d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &tm.tm_hour, &tm.tm_min, &tm.tm_sec) != 6) return {};
  tm.tm_year -= 1900;
  tm.tm_mon -= 1;
  return SysSeconds{std::chrono::seconds{timegm(&tm)}};
}

struct Outcome {
  bool ok = false;
  std::string reason;
};

/// Our verdict for one case. SERVER: OpenSSL's verifier with the SSL server purpose and the peer
/// name. CLIENT: path validation (with CRLs for every link) plus our own C5 rules for the leaf
/// (tls::build_chain + the cert_client_usage check), which accept anyExtendedKeyUsage as RFC
/// 5280 §4.2.1.12 does.
Outcome judge(const Json& tc, std::vector<X509CrlPtr>* crls) {
  std::vector<X509Ptr> trusted = pems(tc["trusted_certs"]);
  std::vector<X509Ptr> untrusted = pems(tc["untrusted_intermediates"]);
  auto peer = parse_certificates(tc["peer_certificate"].get<std::string>(), "peer", nullptr);
  if (!peer || peer->certificates.empty()) return {false, "peer certificate unreadable"};
  ChainRequest request;
  request.strict = true;
  request.leaf = peer->certificates[0].get();
  for (auto& c : trusted) request.trusted.push_back(c.get());
  for (auto& c : untrusted) request.untrusted.push_back(c.get());
  request.at = tc["validation_time"].is_string() ? parse_rfc3339(tc["validation_time"]) : SysSeconds{std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now())};
  if (tc["max_chain_depth"].is_number()) request.max_depth = tc["max_chain_depth"].get<int>();
  const bool client = tc["validation_kind"] == "CLIENT";
  if (!client) {
    request.purpose = X509_PURPOSE_SSL_SERVER;
    if (tc["expected_peer_name"].is_object()) {
      const std::string kind = tc["expected_peer_name"]["kind"];
      const std::string value = tc["expected_peer_name"]["value"];
      if (kind == "DNS") request.host = value;
      else if (kind == "IP") request.ip = value;
    }
  }
  if (crls) for (auto& c : *crls) request.crls.push_back(c.get());
  ChainResult result = build_chain(request);
  if (!result.ok) return {false, result.facts.errors.empty() ? "rejected" : result.facts.errors[0].name};
  if (client) {
    Evidence evidence;
    CertificateEvidence certs;
    certs.certificates.push_back(certificate_facts(request.leaf, CertificateRole::client, {}));
    evidence.certificates = std::move(certs);
    const CheckResult usage = checks::cert_client_usage_check().run(evidence, CheckContext{request.at});
    for (const Finding& f : usage.findings) {
      if (f.severity == Severity::error) return {false, f.id};
    }
  }
  return {true, {}};
}

struct Tally {
  int agree = 0;
  int exceptions = 0;
  std::vector<std::string> unexpected;
};

// Each disagreement between x509-limbo's expectation and our verdict, with the reason. These are
// checks of the CA/Browser Forum Baseline Requirements (webpki::) or stricter RFC 5280 readings
// that OpenSSL 3.0's verifier does not make; they concern server certificates issued by public
// CAs, not the private PKIs client authentication runs on.
const std::map<std::string, std::string>& limbo_exceptions() {
  static const std::map<std::string, std::string> table{
#include "limbo_exceptions.inc"
  };
  return table;
}

Tally run_suite(const Json& cases, const std::map<std::string, std::string>& exceptions, std::vector<X509CrlPtr>* crls) {
  Tally t;
  for (const Json& tc : cases) {
    const std::string id = tc["id"];
    const bool expected = tc["expected_result"] == "SUCCESS";
    const Outcome got = judge(tc, crls);
    if (got.ok == expected) {
      ++t.agree;
      if (exceptions.count(id)) t.unexpected.push_back(id + ": agrees now, remove it from the exceptions");
    } else if (exceptions.count(id)) {
      ++t.exceptions;
    } else {
      t.unexpected.push_back(id + ": expected " + tc["expected_result"].get<std::string>() + ", got " + (got.ok ? "SUCCESS" : "FAILURE (" + got.reason + ")"));
    }
  }
  return t;
}

TEST(LimboSuite, X509LimboAgreesOrIsADocumentedException) {
  std::ifstream in(std::string(MTLS_SHARED_DIR) + "/suites/x509-limbo/limbo.json");
  if (!in) GTEST_SKIP() << "x509-limbo snapshot not found beside the repository";
  const Json limbo = Json::parse(in);
  const Tally t = run_suite(limbo["testcases"], limbo_exceptions(), nullptr);
  std::string unexpected;
  for (const auto& u : t.unexpected) unexpected += "\n  " + u;
  EXPECT_TRUE(t.unexpected.empty()) << t.unexpected.size() << " unexpected:" << unexpected;
  std::printf("x509-limbo: %d agree, %d documented exceptions, %zu unexpected (of %zu)\n", t.agree, t.exceptions, t.unexpected.size(),
              limbo["testcases"].size());
  EXPECT_EQ(static_cast<std::size_t>(t.agree + t.exceptions) + t.unexpected.size(), limbo["testcases"].size());
}

// Our CLIENT cases: tests/limbo-client/cases.json names certificates as "@name"; they are
// generated here (no committed keys) and substituted as PEM.
TEST(LimboSuite, ClientAuthenticationCases) {
  std::ifstream in(std::string(MTLS_SOURCE_DIR) + "/tests/limbo-client/cases.json");
  ASSERT_TRUE(in) << "tests/limbo-client/cases.json";
  Json suite = Json::parse(in);
  using test::CertSpec;
  std::map<std::string, std::unique_ptr<test::Issued>> pki;
  auto add = [&](const std::string& name, test::Issued issued) { pki[name] = std::make_unique<test::Issued>(std::move(issued)); };
  const auto client = std::vector<std::string>{"clientAuth"};
  add("root", test::make_root({.cn = "Limbo Client Root", .ca = true, .not_before = -400 * 86400, .not_after = 3650 * 86400}));
  add("other-root", test::make_root({.cn = "Some Other Root", .ca = true, .not_before = -400 * 86400}));
  add("intermediate", test::issue(*pki["root"], {.cn = "Limbo Client Issuing CA", .ca = true, .not_before = -400 * 86400}));
  const test::Issued& ca = *pki["intermediate"];
  add("ee-client-auth", test::issue(ca, {.cn = "client-auth", .eku = client}));
  add("ee-no-eku", test::issue(ca, {.cn = "no-eku"}));
  add("ee-any-eku", test::issue(ca, {.cn = "any-eku", .eku = std::vector<std::string>{"anyExtendedKeyUsage"}}));
  add("ee-server-auth-only", test::issue(ca, {.cn = "server-only", .eku = std::vector<std::string>{"serverAuth"}}));
  add("ee-email-only", test::issue(ca, {.cn = "email-only", .eku = std::vector<std::string>{"emailProtection"}}));
  add("ee-ku-no-digital-signature", test::issue(ca, {.cn = "ku", .eku = client, .key_usage = std::vector<std::string>{"keyEncipherment"}}));
  add("ee-expired", test::issue(ca, {.cn = "expired", .eku = client, .not_before = -90 * 86400, .not_after = -86400}));
  add("ee-not-yet-valid", test::issue(ca, {.cn = "future", .eku = client, .not_before = 86400, .not_after = 90 * 86400}));
  add("ee-revoked", test::issue(ca, {.cn = "revoked", .eku = client}));
  std::vector<X509CrlPtr> crls;
  crls.push_back(test::make_crl(ca, {pki["ee-revoked"]->x509()}));
  crls.push_back(test::make_crl(*pki["root"], {}));
  auto pem_of = [&](const std::string& ref) -> std::string {
    const auto& issued = pki.at(ref.substr(1));
    BioPtr bio(BIO_new(BIO_s_mem()));
    PEM_write_bio_X509(bio.get(), issued->x509());
    char* data = nullptr;
    const long n = BIO_get_mem_data(bio.get(), &data);
    return std::string(data, static_cast<std::size_t>(n));
  };
  for (Json& tc : suite["testcases"]) {
    for (const char* key : {"trusted_certs", "untrusted_intermediates"}) {
      for (Json& ref : tc[key]) ref = pem_of(ref.get<std::string>());
    }
    tc["peer_certificate"] = pem_of(tc["peer_certificate"].get<std::string>());
    tc["validation_time"] = "2026-11-18T10:13:20Z";  // test_clock
    ASSERT_EQ(tc["validation_kind"], "CLIENT");
  }
  const Tally t = run_suite(suite["testcases"], {}, &crls);
  std::string unexpected;
  for (const auto& u : t.unexpected) unexpected += "\n  " + u;
  EXPECT_TRUE(t.unexpected.empty()) << unexpected;
  EXPECT_GE(t.agree, 10);
  std::printf("limbo-client: %d agree, %d documented exceptions, %zu unexpected\n", t.agree, t.exceptions, t.unexpected.size());
}

}  // namespace
}  // namespace mtls::tls
