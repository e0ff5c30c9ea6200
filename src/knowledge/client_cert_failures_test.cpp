// SPDX-License-Identifier: Apache-2.0
#include "knowledge/client_cert_failures.h"

#include <gtest/gtest.h>

#include <set>

#include "knowledge/win32_codes.h"

namespace mtls::knowledge {
namespace {

using K = LogFailureKind;

TEST(ClientCertFailures, StatusTriplesOfKb943891) {
  EXPECT_EQ(classify_status_triple(403, 7, 0u), K::cert_required);
  EXPECT_EQ(classify_status_triple(403, 7, std::nullopt), K::cert_required);
  EXPECT_EQ(classify_status_triple(403, 7, 5u), K::ctl_access_denied);
  EXPECT_EQ(classify_status_triple(403, 12, 0u), K::mapping_denied);
  EXPECT_EQ(classify_status_triple(403, 13, 0x80092013u), K::cert_revoked);
  EXPECT_EQ(classify_status_triple(403, 16, 0x800B0109u), K::cert_untrusted);
  EXPECT_EQ(classify_status_triple(403, 17, 0u), K::cert_expired);
  EXPECT_EQ(classify_status_triple(403, 14, 0u), std::nullopt);
  EXPECT_EQ(classify_status_triple(200, 0, 0u), std::nullopt);
}

TEST(ClientCertFailures, AbsentFieldsDecideNothing) {
  // IIS 4/5 logs and trimmed field sets have no sc-substatus: a 403 alone is no kind.
  EXPECT_EQ(classify_status_triple(403, std::nullopt, 5u), std::nullopt);
  EXPECT_EQ(classify_status_triple(500, 0, std::nullopt), std::nullopt);
  EXPECT_EQ(classify_status_triple(500, std::nullopt, 50u), std::nullopt);
}

TEST(ClientCertFailures, RenegotiationAndTls13) {
  for (std::uint32_t w : {64u, 995u, 1236u}) {
    EXPECT_EQ(classify_status_triple(500, 0, w), K::renegotiation_aborted) << w;
    EXPECT_EQ(classify_status_triple(500, std::nullopt, w), K::renegotiation_aborted) << w;
  }
  EXPECT_EQ(classify_status_triple(500, 0, 50u), K::tls13_not_supported);
  EXPECT_EQ(classify_status_triple(500, 0, 0x80070032u), K::tls13_not_supported);
  EXPECT_EQ(classify_status_triple(500, 19, 50u), std::nullopt);
  EXPECT_EQ(classify_status_triple(500, 0, 2u), std::nullopt);
}

TEST(ClientCertFailures, RowsAreReachableAndWellFormed) {
  // Every row but a later duplicate must decide something: a row fully shadowed by an earlier one
  // is dead data.
  const auto rules = status_triple_rules();
  for (std::size_t i = 0; i < rules.size(); ++i) {
    const StatusTripleRule& r = rules[i];
    ASSERT_LE(r.win32_count, r.win32.size());
    const std::optional<int> sub =
        r.substatus == StatusTripleRule::kAnySubstatus ? std::optional<int>(0) : std::optional<int>(r.substatus);
    const std::optional<std::uint32_t> w =
        r.win32_count == 0 ? std::optional<std::uint32_t>(0) : std::optional<std::uint32_t>(r.win32[0]);
    EXPECT_EQ(classify_status_triple(r.status, sub, w), r.kind) << "row " << i << ": " << r.why;
    EXPECT_FALSE(r.why.empty());
  }
}

TEST(ClientCertFailures, ChainErrorsAreKnownCodes) {
  EXPECT_EQ(classify_chain_error(0x800B0109u), K::cert_untrusted);  // CERT_E_UNTRUSTEDROOT
  EXPECT_EQ(classify_chain_error(0x800B010Au), K::cert_untrusted);  // CERT_E_CHAINING
  EXPECT_EQ(classify_chain_error(0x800B0101u), K::cert_expired);    // CERT_E_EXPIRED
  EXPECT_EQ(classify_chain_error(0x80092013u), K::cert_revoked);    // CRYPT_E_REVOCATION_OFFLINE
  EXPECT_EQ(classify_chain_error(0x80092010u), K::cert_revoked);    // CRYPT_E_REVOKED
  EXPECT_EQ(classify_chain_error(0), std::nullopt);
  EXPECT_EQ(classify_chain_error(0x800B010Fu), std::nullopt);  // CERT_E_CN_NO_MATCH: a server-name check
  std::set<std::uint32_t> seen;
  for (const ChainErrorRule& r : chain_error_rules()) {
    EXPECT_TRUE(seen.insert(r.hresult).second) << std::hex << r.hresult;
    // Each code is one the Win32/HRESULT table explains, so reports can name it.
    EXPECT_NE(find_win32_code(r.hresult), nullptr) << std::hex << r.hresult;
  }
}

TEST(ClientCertFailures, TrustErrorBits) {
  EXPECT_EQ(classify_trust_errors(0x20), K::cert_untrusted);
  EXPECT_EQ(classify_trust_errors(0x10000), K::cert_untrusted);
  EXPECT_EQ(classify_trust_errors(0x1), K::cert_expired);
  EXPECT_EQ(classify_trust_errors(0x21), K::cert_untrusted);  // untrusted comes before expired
  EXPECT_EQ(classify_trust_errors(0x24), K::cert_revoked);
  // Revocation unknown is for the policy to judge (the corpus CAPI2 chains carry it and pass).
  EXPECT_EQ(classify_trust_errors(0x40), std::nullopt);
  EXPECT_EQ(classify_trust_errors(0x1000040), std::nullopt);
  EXPECT_EQ(classify_trust_errors(0), std::nullopt);
  EXPECT_EQ(trust_error_names(0x10020), "CERT_TRUST_IS_UNTRUSTED_ROOT, CERT_TRUST_IS_PARTIAL_CHAIN");
  EXPECT_EQ(trust_error_names(0x40000040), "CERT_TRUST_REVOCATION_STATUS_UNKNOWN, 0x40000000");
  std::set<std::uint32_t> bits;
  for (const TrustErrorRule& r : trust_error_rules()) {
    EXPECT_EQ(r.bit & (r.bit - 1), 0u) << r.name;  // one bit each
    EXPECT_TRUE(bits.insert(r.bit).second) << r.name;
  }
}

TEST(ClientCertFailures, FrebErrorCodes) {
  EXPECT_EQ(classify_freb_error(0x800703e3u), K::renegotiation_aborted);
  EXPECT_EQ(classify_freb_error(0x80070005u), std::nullopt);
}

}  // namespace
}  // namespace mtls::knowledge
