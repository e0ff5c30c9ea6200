// SPDX-License-Identifier: Apache-2.0
// The probe's trust is read once per source and shared; a rewritten --ca file is read again; a file
// with no certificate is named in the error.
#include "tls/probe_trust.h"

#include <gtest/gtest.h>
#include <openssl/x509_vfy.h>

#include <chrono>
#include <filesystem>
#include <fstream>

#include "tls/lab_pki.h"

namespace mtls::tls {
namespace {

int objects(const ProbeTrust& t) {
  return sk_X509_OBJECT_num(X509_STORE_get0_objects(t.store.get()));
}

TEST(ProbeTrust, OneStorePerSourceReadAgainWhenTheFileChanges) {
  const auto dir = std::filesystem::temp_directory_path() / "mtls-doctor-probe-trust-test";
  std::filesystem::remove_all(dir);
  auto pki = write_lab_pki(dir.string(), std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now()));
  ASSERT_TRUE(pki) << pki.error().to_string();
  const std::string ca = (dir / "ca.pem").string();
  std::filesystem::copy_file(pki->server_ca, ca);

  const ProbeTrust& first = probe_trust(ca);
  ASSERT_TRUE(first.store);
  EXPECT_TRUE(first.error.empty()) << first.error;
  EXPECT_EQ(objects(first), 1);
  EXPECT_EQ(&probe_trust(ca), &first);  // the same store, not read again

  // Two CAs now, and a different size: a new store holding both.
  {
    std::ifstream other(pki->other_ca, std::ios::binary);
    std::ofstream out(ca, std::ios::binary | std::ios::app);
    out << other.rdbuf();
  }
  const ProbeTrust& second = probe_trust(ca);
  EXPECT_NE(&second, &first);
  EXPECT_EQ(objects(second), 2);

  const std::string empty = (dir / "empty.pem").string();
  std::ofstream(empty) << "no certificate here\n";
  const ProbeTrust& bad = probe_trust(empty);
  EXPECT_NE(bad.error.find("cannot read --ca " + empty), std::string::npos) << bad.error;
  std::filesystem::remove_all(dir);
}

TEST(ProbeTrust, DefaultPathsAreOneSharedStore) {
  const ProbeTrust& a = probe_trust("");
  EXPECT_TRUE(a.store);
  EXPECT_TRUE(a.error.empty());
  EXPECT_EQ(&probe_trust(""), &a);
}

}  // namespace
}  // namespace mtls::tls
