// SPDX-License-Identifier: Apache-2.0
// `mtls-doctor cert` and `mtls-doctor store` end to end (in process): the healthy identity and
// each defect one at a time, every password source, exit statuses, and the JSON contract.
#include <gtest/gtest.h>
#include <fcntl.h>
#include <nlohmann/json.hpp>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <map>
#include <memory>
#include <set>

#include "cli/app.h"
#include "support/test_pki.h"

namespace mtls::cli {
namespace {

using test::CertSpec;
using test::Issued;

struct Result {
  int status = -1;
  nlohmann::json report;
  std::string err;
  std::set<std::string> ids() const {
    std::set<std::string> out;
    if (report.contains("findings")) {
      for (const auto& f : report["findings"]) out.insert(f["id"].get<std::string>());
    }
    return out;
  }
};

class CertCommand : public ::testing::Test {
 protected:
  static inline std::unique_ptr<test::TempDir> dir;
  static inline std::map<std::string, std::unique_ptr<Issued>> pki;

  static std::string f(const std::string& name) { return dir->file(name); }

  static void leaf(const std::string& name, const CertSpec& spec, const std::string& issuer = "int") {
    pki[name] = std::make_unique<Issued>(test::issue(*pki[issuer], spec));
    test::write_pem(dir->path() / (name + ".pem"), {pki[name]->x509()});
    test::write_key(dir->path() / (name + ".key"), pki[name]->key.get(), test::KeyFormat::pem_pkcs8);
  }

  static void SetUpTestSuite() {
    dir = std::make_unique<test::TempDir>();
    pki["root"] = std::make_unique<Issued>(test::make_root({.cn = "Root CA", .o = "Example", .ca = true, .not_before = -400 * 86400, .not_after = 3650 * 86400}));
    pki["int"] = std::make_unique<Issued>(test::issue(*pki["root"], {.cn = "Issuing CA", .o = "Example", .ca = true, .not_before = -400 * 86400,
                                                                     .aia_ca_issuers = {"http://pki.example.test/root.crt"}}));
    test::write_pem(dir->path() / "root.pem", {pki["root"]->x509()});
    test::write_pem(dir->path() / "int.pem", {pki["int"]->x509()});
    const auto client = std::vector<std::string>{"clientAuth"};
    leaf("good", {.cn = "alice", .eku = client, .aia_ca_issuers = {"http://pki.example.test/issuing.crt"}, .upn = "alice@example.test"});
    leaf("no-eku", {.cn = "no-eku"});
    leaf("any-eku", {.cn = "any-eku", .eku = std::vector<std::string>{"anyExtendedKeyUsage"}});
    leaf("server-only", {.cn = "server-only", .eku = std::vector<std::string>{"serverAuth"}});
    leaf("ku-no-sig", {.cn = "ku", .eku = client, .key_usage = std::vector<std::string>{"keyEncipherment"}});
    leaf("ca-leaf", {.cn = "ca-leaf", .ca = true, .eku = client, .key_usage = std::vector<std::string>{"digitalSignature", "keyCertSign"}});
    leaf("expired", {.cn = "expired", .eku = client, .not_before = -90 * 86400, .not_after = -86400});
    leaf("future", {.cn = "future", .eku = client, .not_before = 86400, .not_after = 90 * 86400});
    leaf("sha1", {.cn = "sha1", .eku = client, .digest = test::Digest::sha1});
    leaf("rsa1024", {.cn = "rsa1024", .key = test::KeyType::rsa1024, .eku = client});
    leaf("ed25519", {.cn = "ed", .key = test::KeyType::ed25519, .eku = client});
    leaf("no-upn", {.cn = "no-upn", .eku = client, .dns = {"host.example.test"}});
    test::write_crl(dir->path() / "int.crl", test::make_crl(*pki["int"], {pki["good"]->x509()}).get());
    pki["other-root"] = std::make_unique<Issued>(test::make_root({.cn = "Other Root", .ca = true}));
    test::write_pem(dir->path() / "other-root.pem", {pki["other-root"]->x509()});
    test::write_key(dir->path() / "enc.key", pki["good"]->key.get(), test::KeyFormat::pem_pkcs8, "correct horse");
    test::write_text(dir->path() / "pw.txt", "correct horse\n");
    test::write_text(dir->path() / "bad-pw.txt", "battery staple\n");
    test::write_pkcs12(dir->path() / "good.pfx", pki["good"]->x509(), pki["good"]->key.get(), {pki["int"]->x509()}, "correct horse");
    test::write_pkcs12(dir->path() / "legacy.pfx", pki["good"]->x509(), pki["good"]->key.get(), {pki["int"]->x509()}, "correct horse",
                       test::Pkcs12Cipher::rc2_40);
  }
  static void TearDownTestSuite() {
    pki.clear();
    dir.reset();
  }

  static Result run(std::vector<std::string> args) {
    const std::string out = f("report.json");
    std::filesystem::remove(out);
    args.insert(args.begin(), "mtls-doctor");
    args.insert(args.end(), {"--format", "json", "--output", out});
    std::vector<char*> argv;
    for (std::string& a : args) argv.push_back(a.data());
    ::setenv("SOURCE_DATE_EPOCH", std::to_string(test::test_clock).c_str(), 1);
    ::testing::internal::CaptureStderr();
    Result r;
    r.status = mtls::cli::run(static_cast<int>(argv.size()), argv.data());
    r.err = ::testing::internal::GetCapturedStderr();
    if (std::filesystem::exists(out)) {
      std::ifstream in(out);
      r.report = nlohmann::json::parse(in);
    }
    return r;
  }

  static Result cert(const std::string& name, std::vector<std::string> extra = {}) {
    std::vector<std::string> args{"cert", f(name + ".pem"), "--key", f(name + ".key"), "--chain", f("int.pem"), "--trust", f("root.pem")};
    args.insert(args.end(), extra.begin(), extra.end());
    return run(args);
  }
};

TEST_F(CertCommand, HealthyIdentityPasses) {
  Result r = cert("good");
  EXPECT_EQ(r.status, 0) << r.err << r.report.dump(1);
  EXPECT_TRUE(r.ids().empty()) << r.report.dump(1);
  ASSERT_EQ(r.report["evidence"]["certificates"].size(), 3u);
  EXPECT_EQ(r.report["evidence"]["certificates"][0]["role"], "client");
  EXPECT_EQ(r.report["evidence"]["certificates"][2]["role"], "root");
  EXPECT_EQ(r.report["evidence"]["chain"]["verdict"], "trusted");
  EXPECT_EQ(r.report["evidence"]["identity"]["key_matches"], true);
  for (const auto& step : r.report["checklist"]) EXPECT_EQ(step["status"], "passed") << step.dump();
}

TEST_F(CertCommand, EkuAbsentOrAnyPassesServerOnlyFails) {
  EXPECT_FALSE(cert("no-eku").ids().count("cert.eku-missing-client-auth"));
  EXPECT_FALSE(cert("any-eku").ids().count("cert.eku-missing-client-auth"));
  Result r = cert("server-only");
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(r.ids(), std::set<std::string>{"cert.eku-missing-client-auth"});
}

TEST_F(CertCommand, EachDefectOneAtATime) {
  const std::vector<std::pair<std::string, std::string>> cases{
      {"ku-no-sig", "cert.key-usage-no-signature"}, {"ca-leaf", "cert.is-ca"},   {"expired", "cert.expired"},
      {"future", "cert.not-yet-valid"},             {"sha1", "cert.weak-signature"}, {"rsa1024", "cert.weak-key"},
  };
  for (const auto& [name, id] : cases) {
    Result r = cert(name);
    EXPECT_EQ(r.ids(), std::set<std::string>{id}) << name << "\n" << r.err;
  }
  EXPECT_TRUE(cert("ed25519").ids().empty());
}

TEST_F(CertCommand, AtMovesTheClock) {
  EXPECT_TRUE(cert("expired", {"--at", "2026-09-01"}).ids().empty());
  EXPECT_EQ(cert("good", {"--at", "2030-01-01T00:00:00Z"}).ids().count("cert.expired"), 1u);
  EXPECT_EQ(cert("good", {"--at", "yesterday"}).status, 2);
}

TEST_F(CertCommand, ChainProblems) {
  Result missing = run({"cert", f("good.pem"), "--key", f("good.key"), "--trust", f("root.pem")});
  EXPECT_EQ(missing.ids(), std::set<std::string>{"cert.chain-incomplete"});
  const std::string detail = missing.report["findings"][0]["detail"];
  EXPECT_NE(detail.find("CN=Issuing CA,O=Example"), std::string::npos) << detail;
  EXPECT_NE(detail.find("http://pki.example.test/issuing.crt"), std::string::npos) << detail;
  Result untrusted = run({"cert", f("good.pem"), "--key", f("good.key"), "--chain", f("int.pem"), "--untrusted", f("root.pem"),
                          "--trust", f("other-root.pem")});
  EXPECT_EQ(untrusted.ids(), std::set<std::string>{"cert.untrusted-root"});
  EXPECT_EQ(untrusted.status, 1);
}

TEST_F(CertCommand, RevokedByCrl) {
  Result r = cert("good", {"--crl", f("int.crl")});
  EXPECT_EQ(r.ids(), std::set<std::string>{"cert.revoked"});
  EXPECT_EQ(r.report["evidence"]["revocation"]["revoked"], true);
  EXPECT_TRUE(cert("no-eku", {"--crl", f("int.crl")}).ids().empty());
}

TEST_F(CertCommand, KeyMissingOrMismatched) {
  EXPECT_EQ(run({"cert", f("good.pem"), "--chain", f("int.pem"), "--trust", f("root.pem")}).ids(),
            std::set<std::string>{"cert.private-key-missing"});
  EXPECT_EQ(run({"cert", f("good.pem"), "--key", f("sha1.key"), "--chain", f("int.pem"), "--trust", f("root.pem")}).ids(),
            std::set<std::string>{"cert.private-key-mismatch"});
}

TEST_F(CertCommand, AdMappingNeedsUpnOrEmail) {
  EXPECT_TRUE(cert("good", {"--ad-mapping"}).ids().empty());
  EXPECT_EQ(cert("no-upn", {"--ad-mapping"}).ids(), std::set<std::string>{"cert.ad-mapping-no-upn"});
  EXPECT_TRUE(cert("no-upn").ids().empty());
}

TEST_F(CertCommand, PasswordSources) {
  const std::vector<std::string> base{"cert", f("good.pem"), "--key", f("enc.key"), "--chain", f("int.pem"), "--trust", f("root.pem")};
  auto with = [&](std::vector<std::string> extra) {
    std::vector<std::string> a = base;
    a.insert(a.end(), extra.begin(), extra.end());
    return run(a);
  };
  EXPECT_EQ(with({"--password-file", f("pw.txt")}).status, 0);
  ::setenv("MTLS_CERT_TEST_PW", "correct horse", 1);
  EXPECT_EQ(with({"--password-env", "MTLS_CERT_TEST_PW"}).status, 0);
  Result wrong = with({"--password-file", f("bad-pw.txt")});
  EXPECT_EQ(wrong.status, 2);
  EXPECT_NE(wrong.err.find("wrong password"), std::string::npos) << wrong.err;
  EXPECT_EQ(wrong.err.find("battery"), std::string::npos);
  Result refused = with({"--password", "correct horse"});
  EXPECT_EQ(refused.status, 2);
  EXPECT_NE(refused.err.find("never accepted on the command line"), std::string::npos) << refused.err;
  EXPECT_EQ(refused.err.find("correct horse"), std::string::npos);

  // No password source and no terminal: no prompt, a clear error.
  const int saved = ::dup(0);
  const int devnull = ::open("/dev/null", O_RDONLY);
  ::dup2(devnull, 0);
  Result no_tty = with({});
  ::dup2(saved, 0);
  ::close(saved);
  ::close(devnull);
  EXPECT_EQ(no_tty.status, 2);
  EXPECT_NE(no_tty.err.find("not a terminal"), std::string::npos) << no_tty.err;

  Result pfx = run({"cert", "--pfx", f("good.pfx"), "--password-file", f("pw.txt"), "--trust", f("root.pem")});
  EXPECT_EQ(pfx.status, 0) << pfx.err;
  Result legacy = run({"cert", "--pfx", f("legacy.pfx"), "--password-file", f("pw.txt"), "--trust", f("root.pem")});
  EXPECT_EQ(legacy.status, 0) << legacy.err;
  EXPECT_EQ(legacy.report["evidence"]["identity"]["pkcs12_legacy"], true);
  EXPECT_EQ(pfx.report["evidence"]["identity"]["pkcs12_legacy"], false);
  Result pfx_wrong = run({"cert", "--pfx", f("good.pfx"), "--password-file", f("bad-pw.txt")});
  EXPECT_EQ(pfx_wrong.status, 2);
}

TEST_F(CertCommand, UnusableInputIsExitTwo) {
  EXPECT_EQ(run({"cert", f("does-not-exist.pem")}).status, 2);
  EXPECT_EQ(run({"cert", f("pw.txt")}).status, 2);
  EXPECT_EQ(run({"cert"}).status, 2);
  EXPECT_EQ(cert("good", {"--as-user", "no-such-account-xyz"}).status, 2);
}

TEST_F(CertCommand, StoreAudit) {
  Issued expired_root = test::make_root({.cn = "Old Root", .ca = true, .not_before = -900 * 86400, .not_after = -86400});
  test::write_pem(dir->path() / "bad-store.pem",
                  {pki["root"]->x509(), pki["int"]->x509(), expired_root.x509(), pki["root"]->x509(), pki["good"]->x509()});
  Result r = run({"store", f("bad-store.pem")});
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(r.ids(), (std::set<std::string>{"store.non-self-signed-root", "store.expired-anchor", "store.duplicate-certificate",
                                            "store.non-ca-certificate"}));
  EXPECT_EQ(r.report["evidence"]["stores"][0]["certificates"].size(), 5u);
  EXPECT_EQ(r.report["evidence"]["stores"][0]["ca_names_count"], 4);
  // As an intermediate store, a non-self-signed certificate is expected.
  EXPECT_FALSE(run({"store", f("bad-store.pem"), "--role", "intermediate"}).ids().count("store.non-self-signed-root"));

  // With only the leaf, the store must hold its issuer; with the chain, the root is enough.
  EXPECT_EQ(run({"store", f("root.pem"), "--client", f("good.pem")}).ids(), std::set<std::string>{"store.client-issuer-absent"});
  EXPECT_EQ(run({"store", f("int.pem"), "--role", "ctl", "--client", f("good.pem")}).status, 0);
  test::write_pem(dir->path() / "good-chain.pem", {pki["good"]->x509(), pki["int"]->x509()});
  EXPECT_EQ(run({"store", f("root.pem"), "--client", f("good-chain.pem")}).status, 0);
  Result absent = run({"store", f("other-root.pem"), "--client", f("good.pem")});
  EXPECT_EQ(absent.ids(), std::set<std::string>{"store.client-issuer-absent"});
  EXPECT_EQ(run({"store", f("root.pem"), "--role", "bogus"}).status, 2);
}

/// All remedy commands of a report, one string.
std::string remedies(const nlohmann::json& report) {
  std::string all;
  for (const auto& f : report["findings"]) {
    all += f["remedy"].value("text", std::string()) + "\n";
    for (const auto& c : f["remedy"]["commands"]) all += c.get<std::string>() + "\n";
  }
  return all;
}

TEST_F(CertCommand, StoreDirectoryGroupsRepeatsAndJudgesEachCertificateOnce) {
  // A Linux certificate directory as update-ca-certificates makes it: one file per root, an
  // OpenSSL hash link to each, and the bundle that repeats them all.
  Issued fresh1 = test::make_root({.cn = "Fresh Root One", .ca = true});
  Issued fresh2 = test::make_root({.cn = "Fresh Root Two", .ca = true});
  Issued old1 = test::make_root({.cn = "Old Root One", .ca = true, .not_before = -900 * 86400, .not_after = -86400});
  Issued old2 = test::make_root({.cn = "Old Root Two", .ca = true, .not_before = -900 * 86400, .not_after = -2 * 86400});
  const std::filesystem::path certs = dir->path() / "etc-ssl-certs";
  std::filesystem::create_directories(certs);
  int n = 0;
  for (const Issued* i : {&fresh1, &fresh2, &old1, &old2}) {
    const std::string name = "root" + std::to_string(++n) + ".pem";
    test::write_pem(certs / name, {i->x509()});
    std::filesystem::create_symlink(name, certs / (std::to_string(n) + "abcdef0.0"));
  }
  test::write_pem(certs / "ca-certificates.crt", {fresh1.x509(), fresh2.x509(), old1.x509(), old2.x509()});
  Result r = run({"store", certs.string()});
  ASSERT_EQ(r.status, 0) << r.err;  // expired anchors and copies are warnings and infos
  std::vector<std::string> ids;
  for (const auto& f : r.report["findings"]) ids.push_back(f["id"]);
  EXPECT_EQ(ids, (std::vector<std::string>{"store.expired-anchor", "store.duplicate-certificate"}));
  const auto& expired = r.report["findings"][0];
  EXPECT_NE(expired["detail"].get<std::string>().find("2 certificates"), std::string::npos) << expired.dump();
  EXPECT_EQ(expired["evidence"].size(), 2u);  // each expired root once, not again for its bundle copy
  const auto& dup = r.report["findings"][1];
  EXPECT_NE(dup["detail"].get<std::string>().find("4 certificates are in"), std::string::npos) << dup.dump();
  const std::string fix = remedies(r.report);
  EXPECT_EQ(fix.find("certutil"), std::string::npos) << fix;
  EXPECT_NE(fix.find("update-ca-certificates"), std::string::npos) << fix;

  // The same roots as a Windows export (PKCS#7, as certutil and the MMC write it): certutil.
  test::write_p7b(dir->path() / "roots.p7b", {fresh1.x509(), old1.x509()}, false);
  Result windows = run({"store", f("roots.p7b")});
  EXPECT_NE(remedies(windows.report).find("certutil -delstore Root"), std::string::npos) << windows.report.dump(1);
}

TEST_F(CertCommand, SystemStoreIsJudgedOncePerCertificate) {
  // The store this was seen on: a real /etc/ssl/certs (skipped where the system has none).
  const std::filesystem::path system = "/etc/ssl/certs";
  if (!std::filesystem::is_directory(system)) GTEST_SKIP() << "no /etc/ssl/certs on this system";
  Result r = run({"store", system.string()});
  ASSERT_NE(r.status, 2) << r.err;
  std::set<std::string> seen;
  for (const auto& f : r.report["findings"]) {
    EXPECT_TRUE(seen.insert(f["id"].get<std::string>()).second) << "two findings " << f["id"];
  }
  EXPECT_EQ(remedies(r.report).find("certutil"), std::string::npos);
}

TEST_F(CertCommand, LargeIssuerList) {
  // 400 roots with long names: well past Schannel's 16 KB.
  std::vector<Issued> roots;
  std::vector<const X509*> certs;
  for (int i = 0; i < 400; ++i) {
    roots.push_back(test::make_root({.cn = "A rather long certificate authority name number " + std::to_string(i), .o = "Example Organisation",
                                     .ca = true}));
  }
  for (const Issued& i : roots) certs.push_back(i.x509());
  test::write_pem(dir->path() / "big.pem", certs);
  Result r = run({"store", f("big.pem")});
  EXPECT_EQ(r.ids(), std::set<std::string>{"store.issuer-list-large"});
  EXPECT_GT(r.report["evidence"]["stores"][0]["ca_names_bytes"].get<int>(), 16384);
}

}  // namespace
}  // namespace mtls::cli
