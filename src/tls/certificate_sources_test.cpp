// SPDX-License-Identifier: Apache-2.0
// Loading every format, password handling, chain verdicts, revocation, key match and key
// readability, on PKI generated at test time (tests/support/test_pki.h).
#include "tls/certificate_sources.h"

#include <gtest/gtest.h>
#include <openssl/x509v3.h>
#include <sys/stat.h>

#include <cstdlib>

#include "support/test_pki.h"
#include "tls/cert_facts.h"
#include "tls/cert_file.h"
#include "tls/client_identity.h"
#include "tls/key_access.h"
#include "tls/trust_store.h"

namespace mtls::tls {
namespace {

using test::CertSpec;
using test::Issued;

PasswordProvider fixed_password(std::string pw, int* calls = nullptr) {
  return [pw, calls]() -> Expected<Secret> {
    if (calls) ++*calls;
    return Secret(pw);
  };
}

struct Pki {
  Issued root = test::make_root({.cn = "Test Root", .o = "Example", .ca = true, .not_after = 3650 * 86400});
  Issued intermediate = test::issue(root, {.cn = "Test Issuing CA", .o = "Example", .ca = true, .aia_ca_issuers = {"http://pki.example.test/root.crt"}});
  Issued leaf = test::issue(intermediate, {.cn = "alice", .eku = std::vector<std::string>{"clientAuth"},
                                           .aia_ca_issuers = {"http://pki.example.test/issuing.crt"}, .upn = "alice@example.test"});
};

class CertificateSources : public ::testing::Test {
 protected:
  Pki pki;
  test::TempDir dir;

  CertificateInputs inputs_for(const std::string& cert, const std::string& key = {}) {
    CertificateInputs in;
    in.identity.cert_file = cert;
    in.identity.key_file = key;
    in.at = test::test_now();
    return in;
  }
};

TEST_F(CertificateSources, HealthyChainWithPemKeyIsTrusted) {
  test::write_pem(dir.path() / "leaf.pem", {pki.leaf.x509()});
  test::write_key(dir.path() / "leaf.key", pki.leaf.key.get(), test::KeyFormat::pem_pkcs8);
  test::write_pem(dir.path() / "chain.pem", {pki.intermediate.x509()});
  test::write_pem(dir.path() / "root.pem", {pki.root.x509()});
  CertificateInputs in = inputs_for(dir.file("leaf.pem"), dir.file("leaf.key"));
  in.identity.chain_file = dir.file("chain.pem");
  in.trust = {dir.file("root.pem")};
  auto e = collect_certificate_evidence(in, {});
  ASSERT_TRUE(e) << e.error().to_string();
  ASSERT_TRUE(e->identity);
  EXPECT_TRUE(e->identity->key_present);
  EXPECT_EQ(e->identity->key_matches, true);
  ASSERT_TRUE(e->chain);
  EXPECT_EQ(e->chain->verdict, ChainFacts::Verdict::trusted) << (e->chain->errors.empty() ? "" : e->chain->errors[0].name);
  ASSERT_EQ(e->certificates.size(), 3u);
  EXPECT_EQ(e->certificates[0].role, CertificateRole::client);
  EXPECT_EQ(e->certificates[1].role, CertificateRole::intermediate);
  EXPECT_EQ(e->certificates[2].role, CertificateRole::root);
  EXPECT_EQ(e->certificates[0].subject, "CN=alice");
  EXPECT_EQ(e->certificates[1].subject, "CN=Test Issuing CA,O=Example");
  EXPECT_EQ(e->certificates[0].eku, std::vector<std::string>{"clientAuth"});
  EXPECT_NE(std::find(e->certificates[0].subject_alt_names.begin(), e->certificates[0].subject_alt_names.end(), "UPN:alice@example.test"),
            e->certificates[0].subject_alt_names.end());
  EXPECT_EQ(e->certificates[0].authority_key_id, e->certificates[1].subject_key_id);
  EXPECT_FALSE(e->certificates[0].subject_name.der_hex.empty());
  EXPECT_FALSE(e->certificates[0].subject_name.canonical.empty());
}

TEST_F(CertificateSources, MissingIntermediateIsNamedWithItsAiaUrl) {
  test::write_pem(dir.path() / "leaf.pem", {pki.leaf.x509()});
  test::write_pem(dir.path() / "root.pem", {pki.root.x509()});
  CertificateInputs in = inputs_for(dir.file("leaf.pem"));
  in.trust = {dir.file("root.pem")};
  auto e = collect_certificate_evidence(in, {});
  ASSERT_TRUE(e) << e.error().to_string();
  ASSERT_TRUE(e->chain);
  EXPECT_EQ(e->chain->verdict, ChainFacts::Verdict::incomplete);
  EXPECT_EQ(e->chain->missing_issuer.text, "CN=Test Issuing CA,O=Example");
  EXPECT_EQ(e->chain->missing_issuer_of, "CN=alice");
  EXPECT_EQ(e->chain->missing_issuer_aia, std::vector<std::string>{"http://pki.example.test/issuing.crt"});
  EXPECT_FALSE(e->identity->key_present);
}

TEST_F(CertificateSources, WrongRootIsUntrusted) {
  Issued other = test::make_root({.cn = "Other Root", .ca = true});
  test::write_pem(dir.path() / "leaf.pem", {pki.leaf.x509(), pki.intermediate.x509(), pki.root.x509()});
  test::write_pem(dir.path() / "other.pem", {other.x509()});
  CertificateInputs in = inputs_for(dir.file("leaf.pem"));
  in.trust = {dir.file("other.pem")};
  auto e = collect_certificate_evidence(in, {});
  ASSERT_TRUE(e) << e.error().to_string();
  EXPECT_EQ(e->chain->verdict, ChainFacts::Verdict::untrusted_root);
  EXPECT_EQ(e->chain->untrusted_root, "CN=Test Root,O=Example");
}

TEST_F(CertificateSources, RenewedCaWithSameNameButNewKeyIsNamed) {
  tls::EvpPkeyPtr new_key = test::make_key(test::KeyType::rsa2048);
  Issued renewed = test::issue_with_key(nullptr, {.cn = "Test Root", .o = "Example", .ca = true}, std::move(new_key));
  test::write_pem(dir.path() / "leaf.pem", {pki.leaf.x509(), pki.intermediate.x509()});
  test::write_pem(dir.path() / "renewed.pem", {renewed.x509()});
  CertificateInputs in = inputs_for(dir.file("leaf.pem"));
  in.trust = {dir.file("renewed.pem")};
  auto e = collect_certificate_evidence(in, {});
  ASSERT_TRUE(e) << e.error().to_string();
  EXPECT_EQ(e->chain->verdict, ChainFacts::Verdict::incomplete);
  EXPECT_EQ(e->chain->same_name_other_key.size(), 1u);
}

TEST_F(CertificateSources, RevokedByCrl) {
  test::write_pem(dir.path() / "leaf.pem", {pki.leaf.x509(), pki.intermediate.x509()});
  test::write_pem(dir.path() / "root.pem", {pki.root.x509()});
  test::write_crl(dir.path() / "issuing.crl", test::make_crl(pki.intermediate, {pki.leaf.x509()}).get());
  test::write_crl(dir.path() / "root.crl", test::make_crl(pki.root, {}).get());
  CertificateInputs in = inputs_for(dir.file("leaf.pem"));
  in.trust = {dir.file("root.pem")};
  in.crls = {dir.file("root.crl"), dir.file("issuing.crl")};
  auto e = collect_certificate_evidence(in, {});
  ASSERT_TRUE(e) << e.error().to_string();
  ASSERT_TRUE(e->revocation);
  EXPECT_TRUE(e->revocation->covered);
  EXPECT_TRUE(e->revocation->revoked);
  EXPECT_EQ(e->revocation->reason, "keyCompromise");
  EXPECT_EQ(e->revocation->crl_signature_ok, true);
  EXPECT_EQ(e->revocation->crl_file, dir.file("issuing.crl"));
}

TEST_F(CertificateSources, KeyMismatchForEveryKeyType) {
  for (test::KeyType type : {test::KeyType::rsa2048, test::KeyType::ec_p256, test::KeyType::ed25519}) {
    Issued leaf = test::issue(pki.intermediate, {.cn = "k", .key = type});
    tls::EvpPkeyPtr other = test::make_key(type);
    test::write_pem(dir.path() / "k.pem", {leaf.x509()});
    test::write_key(dir.path() / "right.key", leaf.key.get(), test::KeyFormat::pem_pkcs8);
    test::write_key(dir.path() / "wrong.key", other.get(), test::KeyFormat::pem_pkcs8);
    auto right = collect_certificate_evidence(inputs_for(dir.file("k.pem"), dir.file("right.key")), {});
    ASSERT_TRUE(right) << right.error().to_string();
    EXPECT_EQ(right->identity->key_matches, true);
    auto wrong = collect_certificate_evidence(inputs_for(dir.file("k.pem"), dir.file("wrong.key")), {});
    ASSERT_TRUE(wrong) << wrong.error().to_string();
    EXPECT_EQ(wrong->identity->key_matches, false) << wrong->identity->key_type;
  }
}

TEST_F(CertificateSources, EveryCertificateFormatLoads) {
  test::write_pem(dir.path() / "c.pem", {pki.leaf.x509(), pki.intermediate.x509()});
  test::write_der(dir.path() / "c.der", pki.leaf.x509());
  test::write_p7b(dir.path() / "c.p7b", {pki.intermediate.x509(), pki.leaf.x509()}, true);
  test::write_p7b(dir.path() / "c.p7c", {pki.intermediate.x509(), pki.leaf.x509()}, false);
  for (const char* name : {"c.pem", "c.der", "c.p7b", "c.p7c"}) {
    IdentitySpec spec;
    spec.cert_file = dir.file(name);
    auto id = load_client_identity(spec, {});
    ASSERT_TRUE(id) << name << ": " << id.error().to_string();
    EXPECT_EQ(distinguished_name(X509_get_subject_name(id->certificate.get())).text, "CN=alice") << name;
  }
}

TEST_F(CertificateSources, EveryKeyFormatLoadsWithItsPassword) {
  test::write_pem(dir.path() / "leaf.pem", {pki.leaf.x509()});
  struct Case { const char* name; test::KeyFormat format; const char* password; };
  for (const Case& c : {Case{"a.key", test::KeyFormat::pem_pkcs8, ""}, Case{"b.key", test::KeyFormat::pem_traditional, ""},
                        Case{"c.key", test::KeyFormat::der_pkcs8, ""}, Case{"d.key", test::KeyFormat::der_traditional, ""},
                        Case{"e.key", test::KeyFormat::pem_pkcs8, "s3cret"}, Case{"f.key", test::KeyFormat::pem_traditional, "s3cret"},
                        Case{"g.key", test::KeyFormat::der_pkcs8, "s3cret"}}) {
    test::write_key(dir.path() / c.name, pki.leaf.key.get(), c.format, c.password);
    int calls = 0;
    IdentitySpec spec{dir.file("leaf.pem"), dir.file(c.name), {}, {}};
    auto id = load_client_identity(spec, fixed_password("s3cret", &calls));
    ASSERT_TRUE(id) << c.name << ": " << id.error().to_string();
    ASSERT_TRUE(id->key) << c.name;
    EXPECT_EQ(EVP_PKEY_eq(id->key.get(), pki.leaf.key.get()), 1) << c.name;
    // The password is asked only for an encrypted key, and then once.
    EXPECT_EQ(calls, std::string(c.password).empty() ? 0 : 1) << c.name;
  }
}

TEST_F(CertificateSources, WrongPasswordIsAClearErrorWithoutTheSecret) {
  test::write_pem(dir.path() / "leaf.pem", {pki.leaf.x509()});
  test::write_key(dir.path() / "enc.key", pki.leaf.key.get(), test::KeyFormat::pem_pkcs8, "right-one");
  test::write_key(dir.path() / "enc.der", pki.leaf.key.get(), test::KeyFormat::der_pkcs8, "right-one");
  for (const char* name : {"enc.key", "enc.der"}) {
    auto id = load_client_identity({dir.file("leaf.pem"), dir.file(name), {}, {}}, fixed_password("wrong-one"));
    ASSERT_FALSE(id) << name;
    EXPECT_NE(id.error().to_string().find(name), std::string::npos) << id.error().to_string();
    EXPECT_NE(id.error().to_string().find("wrong password"), std::string::npos) << id.error().to_string();
    EXPECT_EQ(id.error().to_string().find("wrong-one"), std::string::npos);
  }
  auto none = load_client_identity({dir.file("leaf.pem"), dir.file("enc.key"), {}, {}}, {});
  ASSERT_FALSE(none);
  EXPECT_NE(none.error().to_string().find("--password-file"), std::string::npos) << none.error().to_string();
}

TEST_F(CertificateSources, Pkcs12ModernAndLegacy) {
  struct Case { const char* name; test::Pkcs12Cipher cipher; bool legacy; };
  for (const Case& c : {Case{"m.pfx", test::Pkcs12Cipher::modern, false}, Case{"3des.pfx", test::Pkcs12Cipher::triple_des, false},
                        Case{"rc2.pfx", test::Pkcs12Cipher::rc2_40, true}}) {
    test::write_pkcs12(dir.path() / c.name, pki.leaf.x509(), pki.leaf.key.get(), {pki.intermediate.x509()}, "pfx-pass", c.cipher);
    IdentitySpec spec;
    spec.pfx_file = dir.file(c.name);
    auto id = load_client_identity(spec, fixed_password("pfx-pass"));
    ASSERT_TRUE(id) << c.name << ": " << id.error().to_string();
    EXPECT_TRUE(id->key) << c.name;
    EXPECT_EQ(id->chain.size(), 1u) << c.name;
    // RC2-40 needs OpenSSL 3's legacy provider; 3DES and AES are in the default one.
    EXPECT_EQ(id->pkcs12_legacy, c.legacy) << c.name;
    auto wrong = load_client_identity(spec, fixed_password("nope"));
    ASSERT_FALSE(wrong);
    EXPECT_NE(wrong.error().to_string().find("wrong password"), std::string::npos);
  }
}

TEST_F(CertificateSources, Pkcs12WithOnlyTheCertificateOrOnlyTheKey) {
  test::write_pkcs12(dir.path() / "cert-only.pfx", pki.leaf.x509(), nullptr, {}, "p");
  test::write_pkcs12(dir.path() / "key-only.pfx", nullptr, pki.leaf.key.get(), {}, "p");
  CertificateInputs in;
  in.identity.pfx_file = dir.file("cert-only.pfx");
  in.at = test::test_now();
  auto cert_only = collect_certificate_evidence(in, fixed_password("p"));
  ASSERT_TRUE(cert_only) << cert_only.error().to_string();
  EXPECT_FALSE(cert_only->identity->key_present);
  in.identity.pfx_file = dir.file("key-only.pfx");
  auto key_only = collect_certificate_evidence(in, fixed_password("p"));
  ASSERT_FALSE(key_only);
  EXPECT_NE(key_only.error().to_string().find("holds no certificate (only a private key)"), std::string::npos) << key_only.error().to_string();
}

TEST_F(CertificateSources, KeyInsideTheCertificatePemIsFound) {
  test::write_pem(dir.path() / "both.pem", {pki.leaf.x509()});
  test::write_key(dir.path() / "k.pem", pki.leaf.key.get(), test::KeyFormat::pem_pkcs8);
  test::write_text(dir.path() / "both2.pem", [&] {
    std::string s;
    for (const char* f : {"both.pem", "k.pem"}) {
      auto d = read_input_file(dir.file(f));
      s += *d;
    }
    return s;
  }());
  auto e = collect_certificate_evidence(inputs_for(dir.file("both2.pem")), {});
  ASSERT_TRUE(e) << e.error().to_string();
  EXPECT_TRUE(e->identity->key_present);
  EXPECT_EQ(e->identity->key_matches, true);
}

TEST_F(CertificateSources, UnreadableKeyForAnotherAccountSaysWhatToGrant) {
  test::write_pem(dir.path() / "leaf.pem", {pki.leaf.x509()});
  test::write_key(dir.path() / "leaf.key", pki.leaf.key.get(), test::KeyFormat::pem_pkcs8);
  ::chmod(dir.file("leaf.key").c_str(), 0600);
  ::chmod(dir.path().c_str(), 0755);
  CertificateInputs in = inputs_for(dir.file("leaf.pem"), dir.file("leaf.key"));
  in.as_user = "nobody";
  auto e = collect_certificate_evidence(in, {});
  ASSERT_TRUE(e) << e.error().to_string();
  ASSERT_TRUE(e->identity->key_readable);
  EXPECT_FALSE(*e->identity->key_readable);
  EXPECT_NE(e->identity->unreadable_reason.find("no read (r) permission"), std::string::npos) << e->identity->unreadable_reason;
  ASSERT_FALSE(e->identity->grant_commands.empty());
  EXPECT_EQ(e->identity->grant_commands[0], "sudo setfacl -m u:nobody:r " + dir.file("leaf.key"));
  ::chmod(dir.file("leaf.key").c_str(), 0644);
  auto ok = collect_certificate_evidence(in, {});
  ASSERT_TRUE(ok);
  EXPECT_TRUE(*ok->identity->key_readable);
  in.as_user = "no-such-account-here";
  EXPECT_FALSE(collect_certificate_evidence(in, {}));
}

TEST(KeyAccess, PosixAclAlgorithm) {
  Account svc{"svc", 1001, {1001, 2000}};
  EXPECT_FALSE(permits({0, 0, 0600, {}}, svc, 4));
  EXPECT_TRUE(permits({1001, 0, 0400, {}}, svc, 4));
  EXPECT_TRUE(permits({0, 2000, 0640, {}}, svc, 4));
  EXPECT_TRUE(permits({0, 0, 0604, {}}, svc, 4));
  EXPECT_FALSE(permits({0, 2000, 0604, {}}, svc, 4));  // the group class matches first and denies
  // user:svc:r-- with mask r--: readable; with mask ---: not.
  std::vector<AclEntry> acl{{0x01, 6, 0}, {0x02, 4, 1001}, {0x04, 0, 0}, {0x10, 4, 0}, {0x20, 0, 0}};
  EXPECT_TRUE(permits({0, 0, 0640, acl}, svc, 4));
  acl[3].perm = 0;
  EXPECT_FALSE(permits({0, 0, 0600, acl}, svc, 4));
  EXPECT_TRUE(permits({0, 0, 0, {}}, Account{"root", 0, {0}}, 4));
  const std::string xattr("\x02\x00\x00\x00\x01\x00\x06\x00\xff\xff\xff\xff\x02\x00\x04\x00\xe9\x03\x00\x00", 20);
  auto parsed = parse_posix_acl_xattr(xattr);
  ASSERT_EQ(parsed.size(), 2u);
  EXPECT_EQ(parsed[1].tag, 2);
  EXPECT_EQ(parsed[1].perm, 4u);
  EXPECT_EQ(parsed[1].id, 1001u);
}

TEST_F(CertificateSources, StoreFormatsDirectoriesAndHashedLinks) {
  Issued second = test::make_root({.cn = "Second Root", .ca = true});
  const auto store_dir = dir.path() / "store";
  std::filesystem::create_directory(store_dir);
  test::write_pem(store_dir / "root.pem", {pki.root.x509()});
  test::write_der(store_dir / "second.cer", second.x509());
  test::write_p7b(store_dir / "inter.p7b", {pki.intermediate.x509()}, false);
  test::write_text(store_dir / "README", "not a certificate\n");
  // An OpenSSL hashed directory links HASH.0 to the file beside it.
  char hash[16];
  std::snprintf(hash, sizeof hash, "%08lx.0", X509_subject_name_hash(pki.root.x509()));
  std::filesystem::create_symlink("root.pem", store_dir / hash);
  auto store = load_store(store_dir.string(), nullptr);
  ASSERT_TRUE(store) << store.error().to_string();
  EXPECT_EQ(store->certificates.size(), 3u);
  ASSERT_EQ(store->skipped.size(), 1u);
  EXPECT_NE(store->skipped[0].find("README"), std::string::npos);
  const StoreFacts facts = store_facts(*store, StoreRole::root);
  EXPECT_TRUE(facts.duplicates.empty());
  EXPECT_EQ(facts.ca_names_count, 3u);
  // 2-byte length + DER per name (RFC 5246 §7.4.4).
  std::size_t expected = 0;
  for (const auto& c : facts.certificates) expected += 2 + c.subject_name.der_hex.size() / 2;
  EXPECT_EQ(facts.ca_names_bytes, expected);

  test::write_pem(dir.path() / "dups.pem", {pki.root.x509(), second.x509(), pki.root.x509()});
  auto dups = load_store(dir.file("dups.pem"), nullptr);
  ASSERT_TRUE(dups);
  const StoreFacts dup_facts = store_facts(*dups, StoreRole::root);
  ASSERT_EQ(dup_facts.duplicates.size(), 1u);
  EXPECT_EQ(dup_facts.duplicates[0], (std::pair<std::size_t, std::size_t>{0, 2}));
  EXPECT_EQ(dup_facts.ca_names_count, 2u);

  test::write_pkcs12(dir.path() / "trust.p12", nullptr, nullptr, {pki.root.x509(), second.x509()}, "");
  auto p12 = load_store(dir.file("trust.p12"), nullptr);
  ASSERT_TRUE(p12) << p12.error().to_string();
  EXPECT_EQ(p12->certificates.size(), 2u);
  EXPECT_FALSE(load_store(dir.file("nope"), nullptr));
}

TEST(CertFacts, WeakAndUnusualCertificates) {
  Issued root = test::make_root({.cn = "R", .ca = true});
  Issued weak = test::issue(root, {.cn = "w", .key = test::KeyType::rsa1024, .digest = test::Digest::sha1});
  CertificateFacts f = certificate_facts(weak.x509(), CertificateRole::client, {});
  EXPECT_EQ(f.public_key, "RSA 1024");
  EXPECT_EQ(f.signature_algorithm, "ecdsa-with-SHA1");  // signed by the EC root
  Issued ec = test::issue(root, {.cn = "e", .key = test::KeyType::ec_p256});
  EXPECT_EQ(certificate_facts(ec.x509(), CertificateRole::client, {}).public_key, "EC P-256");
  Issued ed = test::issue(root, {.cn = "d", .key = test::KeyType::ed25519});
  EXPECT_EQ(certificate_facts(ed.x509(), CertificateRole::client, {}).public_key, "Ed25519");
  CertificateFacts rf = certificate_facts(root.x509(), CertificateRole::root, {});
  EXPECT_TRUE(rf.self_signed);
  EXPECT_TRUE(rf.is_ca);
  EXPECT_EQ(rf.key_usage, (std::vector<std::string>{"keyCertSign", "cRLSign"}));
}

TEST(CertFacts, IpAddressSansAreWrittenAsAddresses) {
  Issued root = test::make_root({.cn = "R", .ca = true});
  Issued leaf = test::issue(root, {.cn = "ip", .dns = {"localhost"}, .ip = {"127.0.0.1", "::1", "2001:db8::1"}});
  CertificateFacts f = certificate_facts(leaf.x509(), CertificateRole::server, {});
  EXPECT_EQ(f.subject_alt_names,
            (std::vector<std::string>{"DNS:localhost", "IP:127.0.0.1", "IP:::1", "IP:2001:db8::1"}));
}

}  // namespace
}  // namespace mtls::tls
