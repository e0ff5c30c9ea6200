// SPDX-License-Identifier: Apache-2.0
// The cert_* and store_* checks over hand-made evidence: each fires on its defect only, fills
// the user's values into detail and commands, and says "not checked" without its evidence.
#include <gtest/gtest.h>

#include "checks/checks.h"
#include "knowledge/remedies.h"

namespace mtls::checks {
namespace {

using namespace std::chrono;
const sys_seconds now = sys_days{year{2026} / 11 / 18};

CertificateFacts client() {
  CertificateFacts c;
  c.subject = "CN=alice";
  c.issuer = "CN=Issuing CA";
  c.sha1 = "AA";
  c.not_before = now - days{30};
  c.not_after = now + days{300};
  c.has_eku = true;
  c.eku = {"clientAuth"};
  c.public_key = "EC P-256";
  c.public_key_bits = 256;
  c.signature_algorithm = "ecdsa-with-SHA256";
  c.origin = at_input("certificate", "alice.pem", "");
  return c;
}

Evidence with(CertificateEvidence e) {
  Evidence ev;
  ev.certificates = std::move(e);
  return ev;
}

std::vector<std::string> ids(const CheckResult& r) {
  std::vector<std::string> out;
  for (const Finding& f : r.findings) out.push_back(f.id);
  return out;
}

TEST(CertChecks, HealthyIdentityPassesEveryCheck) {
  CertificateEvidence e;
  e.certificates = {client()};
  e.identity = IdentityFacts{.certificate_file = "alice.pem", .key_file = "alice.key", .key_present = true, .key_matches = true};
  const Evidence ev = with(e);
  for (const Check& c : {cert_private_key_check(), cert_client_usage_check(), cert_strength_check()}) {
    const CheckResult r = c.run(ev, CheckContext{now});
    EXPECT_TRUE(r.findings.empty()) << c.name;
    EXPECT_FALSE(r.not_checked) << c.name;
  }
  // Valid dates without a chain to a trusted root do not show C7 holds.
  const CheckResult validity = cert_validity_check().run(ev, CheckContext{now});
  EXPECT_TRUE(validity.findings.empty());
  EXPECT_TRUE(validity.not_checked);
  CertificateEvidence trusted = e;
  trusted.chain = ChainFacts{.verdict = ChainFacts::Verdict::trusted};
  EXPECT_FALSE(cert_validity_check().run(with(trusted), CheckContext{now}).not_checked);
  EXPECT_TRUE(cert_chain_check().run(ev, CheckContext{now}).not_checked);
  EXPECT_TRUE(cert_revoked_check().run(ev, CheckContext{now}).not_checked);
  EXPECT_TRUE(store_audit_check().run(ev, CheckContext{now}).not_checked);
}

TEST(CertChecks, KeyFindings) {
  CertificateEvidence e;
  e.certificates = {client()};
  e.identity = IdentityFacts{.certificate_file = "alice.pem"};
  EXPECT_EQ(ids(cert_private_key_check().run(with(e), {now})), std::vector<std::string>{"cert.private-key-missing"});
  e.identity = IdentityFacts{.certificate_file = "alice.pem", .key_file = "k.pem", .key_present = true, .key_matches = false, .key_type = "EC P-256"};
  const CheckResult mismatch = cert_private_key_check().run(with(e), {now});
  ASSERT_EQ(ids(mismatch), std::vector<std::string>{"cert.private-key-mismatch"});
  EXPECT_EQ(mismatch.findings[0].remedy.commands[1].command, "openssl pkey -in k.pem -pubout | openssl sha256");
  e.identity->key_matches = true;
  e.identity->as_user = "svc";
  e.identity->key_readable = false;
  e.identity->unreadable_reason = "'svc' cannot read the key";
  e.identity->grant_commands = {"sudo setfacl -m u:svc:r k.pem"};
  const CheckResult unreadable = cert_private_key_check().run(with(e), {now});
  ASSERT_EQ(ids(unreadable), std::vector<std::string>{"cert.private-key-unreadable"});
  EXPECT_EQ(knowledge::remedies::command_lines(unreadable.findings[0].remedy), std::vector<std::string>{"sudo setfacl -m u:svc:r k.pem"});
}

TEST(CertChecks, UsageFindings) {
  CertificateEvidence e;
  e.certificates = {client()};
  e.certificates[0].eku = {"serverAuth"};
  EXPECT_EQ(ids(cert_client_usage_check().run(with(e), {now})), std::vector<std::string>{"cert.eku-missing-client-auth"});
  e.certificates[0].eku = {"1.3.6.1.5.5.7.3.2"};
  EXPECT_TRUE(ids(cert_client_usage_check().run(with(e), {now})).empty());
  e.certificates[0].has_key_usage = true;
  e.certificates[0].key_usage = {"keyEncipherment"};
  e.certificates[0].is_ca = true;
  EXPECT_EQ(ids(cert_client_usage_check().run(with(e), {now})), (std::vector<std::string>{"cert.key-usage-no-signature", "cert.is-ca"}));
}

TEST(CertChecks, ValidityUsesTheContextClock) {
  CertificateEvidence e;
  e.certificates = {client()};
  EXPECT_TRUE(ids(cert_validity_check().run(with(e), {now})).empty());
  EXPECT_EQ(ids(cert_validity_check().run(with(e), {now + days{400}})), std::vector<std::string>{"cert.expired"});
  EXPECT_EQ(ids(cert_validity_check().run(with(e), {now - days{400}})), std::vector<std::string>{"cert.not-yet-valid"});
}

TEST(CertChecks, WeakSignatureIgnoresSelfSignedRoots) {
  CertificateEvidence e;
  e.certificates = {client()};
  e.certificates[0].signature_algorithm = "sha1WithRSAEncryption";
  CertificateFacts root = client();
  root.role = CertificateRole::root;
  root.self_signed = true;
  root.signature_algorithm = "sha1WithRSAEncryption";
  root.public_key = "RSA 1024";
  root.public_key_bits = 1024;
  e.certificates.push_back(root);
  EXPECT_EQ(ids(cert_strength_check().run(with(e), {now})), (std::vector<std::string>{"cert.weak-signature", "cert.weak-key"}));
}

TEST(CertChecks, ChainVerdicts) {
  CertificateEvidence e;
  e.certificates = {client()};
  ChainFacts chain;
  chain.trust_stores = {"roots.pem"};
  chain.verdict = ChainFacts::Verdict::trusted;
  e.chain = chain;
  EXPECT_TRUE(ids(cert_chain_check().run(with(e), {now})).empty());
  e.chain->verdict = ChainFacts::Verdict::incomplete;
  e.chain->missing_issuer_of = "CN=alice";
  e.chain->missing_issuer.text = "CN=Issuing CA";
  e.chain->missing_issuer_aia = {"http://pki.example.test/ca.crt"};
  const CheckResult incomplete = cert_chain_check().run(with(e), {now});
  ASSERT_EQ(ids(incomplete), std::vector<std::string>{"cert.chain-incomplete"});
  EXPECT_EQ(incomplete.findings[0].remedy.commands[0].command, "curl -fsSL -o issuer.crt http://pki.example.test/ca.crt");
  e.chain->verdict = ChainFacts::Verdict::untrusted_root;
  e.chain->untrusted_root = "CN=Root";
  EXPECT_EQ(ids(cert_chain_check().run(with(e), {now})), std::vector<std::string>{"cert.untrusted-root"});
  e.chain->verdict = ChainFacts::Verdict::invalid;
  e.chain->errors = {{1, 7, "certificate signature failure", "CN=Issuing CA"}};
  EXPECT_EQ(ids(cert_chain_check().run(with(e), {now})), std::vector<std::string>{"cert.chain-invalid"});
}

TEST(CertChecks, RevocationNeedsACoveringCrl) {
  CertificateEvidence e;
  e.certificates = {client()};
  e.revocation = RevocationFacts{.crl_files = {"other.crl"}};
  EXPECT_TRUE(cert_revoked_check().run(with(e), {now}).not_checked);
  e.revocation->covered = true;
  EXPECT_TRUE(ids(cert_revoked_check().run(with(e), {now})).empty());
  e.revocation->revoked = true;
  e.revocation->crl_file = "ca.crl";
  EXPECT_EQ(ids(cert_revoked_check().run(with(e), {now})), std::vector<std::string>{"cert.revoked"});
}

TEST(StoreChecks, IssuerListThresholds) {
  CertificateEvidence e;
  StoreFacts store;
  store.source = "roots.pem";
  store.ca_names_count = 100;
  store.ca_names_bytes = 16384;
  e.stores = {store};
  EXPECT_TRUE(ids(store_issuer_list_check().run(with(e), {now})).empty());
  e.stores[0].ca_names_bytes = 16385;
  const CheckResult schannel = store_issuer_list_check().run(with(e), {now});
  ASSERT_EQ(ids(schannel), std::vector<std::string>{"store.issuer-list-large"});
  EXPECT_NE(schannel.findings[0].detail.find("Schannel"), std::string::npos);
  e.stores[0].ca_names_bytes = 70000;
  const CheckResult tls = store_issuer_list_check().run(with(e), {now});
  EXPECT_NE(tls.findings[0].detail.find("RFC 5246"), std::string::npos);
  e.stores[0].role = StoreRole::intermediate;
  EXPECT_TRUE(store_issuer_list_check().run(with(e), {now}).not_checked);
}

}  // namespace
}  // namespace mtls::checks
