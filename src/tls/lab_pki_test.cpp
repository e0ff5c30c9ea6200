// SPDX-License-Identifier: Apache-2.0
// The lab PKI made in a folder is kept on the next start; only what is missing or no longer valid
// is made again.
#include <gtest/gtest.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>

#include "tls/lab_pki.h"

namespace mtls::tls {
namespace {

std::chrono::sys_seconds now() {
  return std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
}

bool made(const LabPkiFiles& f, const std::string& path) {
  return std::find(f.made.begin(), f.made.end(), path) != f.made.end();
}

TEST(LabPki, KeepsAnExistingPkiAndRemakesOnlyWhatIsMissing) {
  const auto dir = std::filesystem::temp_directory_path() / "mtls-doctor-lab-pki-test";
  std::filesystem::remove_all(dir);
  auto first = write_lab_pki(dir.string(), now());
  ASSERT_TRUE(first) << first.error().to_string();
  EXPECT_TRUE(made(*first, first->client_cert));
  EXPECT_EQ(first->server_sha1.size(), 40u);
  auto second = write_lab_pki(dir.string(), now());
  ASSERT_TRUE(second);
  EXPECT_TRUE(second->made.empty());
  EXPECT_EQ(second->server_sha1, first->server_sha1);

  std::filesystem::remove(first->client_cert);
  auto third = write_lab_pki(dir.string(), now());
  ASSERT_TRUE(third);
  EXPECT_TRUE(made(*third, third->client_cert));
  EXPECT_TRUE(made(*third, third->client_key));
  EXPECT_FALSE(made(*third, third->client_ca)) << "the CA was still good";
  EXPECT_EQ(third->server_sha1, first->server_sha1);

  // Forty days on, everything current has expired and is made again; the expired identity stays.
  auto later = write_lab_pki(dir.string(), now() + std::chrono::days{40});
  ASSERT_TRUE(later);
  EXPECT_TRUE(made(*later, later->server_cert));
  EXPECT_NE(later->server_sha1, first->server_sha1);
  EXPECT_TRUE(made(*later, later->expired_client_cert)) << "its CA was made again";
  std::filesystem::remove_all(dir);
}

TEST(LabPki, TheExpiredIdentityIsExpiredAndIssuedByTheClientCa) {
  const auto dir = std::filesystem::temp_directory_path() / "mtls-doctor-lab-pki-expired-test";
  std::filesystem::remove_all(dir);
  auto pki = write_lab_pki(dir.string(), now());
  ASSERT_TRUE(pki);
  FILE* f = std::fopen(pki->expired_client_cert.c_str(), "r");
  ASSERT_NE(f, nullptr);
  X509* cert = PEM_read_X509(f, nullptr, nullptr, nullptr);
  std::fclose(f);
  ASSERT_NE(cert, nullptr);
  EXPECT_LT(X509_cmp_current_time(X509_get0_notAfter(cert)), 0);
  X509_free(cert);
  EXPECT_EQ(std::filesystem::status(pki->expired_client_key).permissions() &
                std::filesystem::perms::others_read,
            std::filesystem::perms::none);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace mtls::tls
