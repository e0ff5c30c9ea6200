// SPDX-License-Identifier: Apache-2.0
#include "checks/ca_list_match.h"

#include <gtest/gtest.h>

namespace mtls::checks {
namespace {

DistinguishedName dn(std::string text, std::string der, std::string canonical, std::vector<std::pair<std::string, std::string>> attrs) {
  return DistinguishedName{std::move(text), std::move(der), std::move(canonical), std::move(attrs)};
}

const DistinguishedName issuing = dn("CN=Issuing CA,O=Contoso", "3010AA", "canon-issuing", {{"O", "Contoso"}, {"CN", "Issuing CA"}});
const DistinguishedName issuing_other_case = dn("CN=issuing ca,O=CONTOSO", "3010BB", "canon-issuing", {{"O", "CONTOSO"}, {"CN", "issuing ca"}});
const DistinguishedName issuing_fabrikam = dn("CN=Issuing CA,O=Fabrikam", "3010CC", "canon-fabrikam", {{"O", "Fabrikam"}, {"CN", "Issuing CA"}});
const DistinguishedName root = dn("CN=Root,O=Contoso", "3010DD", "canon-root", {{"O", "Contoso"}, {"CN", "Root"}});
const DistinguishedName unrelated = dn("CN=Elsewhere", "3010EE", "canon-elsewhere", {{"CN", "Elsewhere"}});

std::vector<CertificateFacts> chain() {
  CertificateFacts leaf;
  leaf.subject = "CN=alice";
  leaf.subject_name = dn("CN=alice", "3010FF", "canon-alice", {{"CN", "alice"}});
  leaf.issuer_name = issuing;
  leaf.issuer = issuing.text;
  leaf.authority_key_id = "KEY1";
  CertificateFacts intermediate;
  intermediate.role = CertificateRole::intermediate;
  intermediate.subject = issuing.text;
  intermediate.subject_name = issuing;
  intermediate.issuer_name = root;
  intermediate.subject_key_id = "KEY1";
  intermediate.authority_key_id = "ROOTKEY";
  return {leaf, intermediate};
}

TEST(CaListMatch, ExactIssuerMatch) {
  const auto v = match_ca_list(chain(), std::vector<DistinguishedName>{unrelated, issuing});
  ASSERT_TRUE(v.matched);
  EXPECT_EQ(v.matches[0].chain_index, 0u);
  EXPECT_EQ(v.matches[0].name_index, 1u);
  EXPECT_TRUE(v.matches[0].exact);
}

TEST(CaListMatch, RootOfTheChainMatchesThroughTheIntermediate) {
  const auto v = match_ca_list(chain(), std::vector<DistinguishedName>{root});
  ASSERT_TRUE(v.matched);
  EXPECT_EQ(v.matches[0].chain_index, 1u);
}

TEST(CaListMatch, CanonicalMatchIsAMatchButNotExact) {
  const auto v = match_ca_list(chain(), std::vector<DistinguishedName>{issuing_other_case});
  ASSERT_TRUE(v.matched);
  EXPECT_FALSE(v.matches[0].exact);
}

TEST(CaListMatch, SameCnOtherOrganisationIsANearMiss) {
  const auto v = match_ca_list(chain(), std::vector<DistinguishedName>{issuing_fabrikam, unrelated});
  EXPECT_FALSE(v.matched);
  ASSERT_EQ(v.near_misses.size(), 1u);
  EXPECT_NE(v.near_misses[0].find("same CN"), std::string::npos) << v.near_misses[0];
  EXPECT_NE(v.near_misses[0].find("O=Fabrikam"), std::string::npos) << v.near_misses[0];
  EXPECT_NE(v.near_misses[0].find("O=Contoso"), std::string::npos) << v.near_misses[0];
}

TEST(CaListMatch, RenewedCaUnderANewKeyIsANearMissWhenKeysAreKnown) {
  CertificateFacts renewed;
  renewed.subject_name = issuing;
  renewed.subject_key_id = "KEY2";
  const auto v = match_ca_list(std::vector<CertificateFacts>{chain()[0]}, std::vector<DistinguishedName>{issuing},
                               std::vector<CertificateFacts>{renewed});
  EXPECT_FALSE(v.matched);
  ASSERT_EQ(v.near_misses.size(), 1u);
  EXPECT_NE(v.near_misses[0].find("renewed"), std::string::npos) << v.near_misses[0];
  // Names alone (as a CertificateRequest carries them) cannot tell: that is a match.
  EXPECT_TRUE(match_ca_list(std::vector<CertificateFacts>{chain()[0]}, std::vector<DistinguishedName>{issuing}).matched);
}

TEST(CaListMatch, EmptyInputs) {
  EXPECT_FALSE(match_ca_list({}, std::vector<DistinguishedName>{issuing}).matched);
  EXPECT_FALSE(match_ca_list(chain(), {}).matched);
  EXPECT_EQ(common_name(issuing), "Issuing CA");
  EXPECT_EQ(common_name(DistinguishedName{}), "");
}

}  // namespace
}  // namespace mtls::checks
