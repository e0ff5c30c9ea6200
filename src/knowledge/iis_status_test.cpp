// SPDX-License-Identifier: Apache-2.0
// Every IIS status entry, walked through `explain` in each spelling a user pastes: "403.7",
// the W3C triple "403 7 0", and the dotted triple "403.7.0".
#include "knowledge/iis_status.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <set>
#include <utility>

#include "knowledge/explain.h"

namespace mtls::knowledge {
namespace {

TEST(KnowledgeIisStatus, EveryEntryExplainsInEverySpelling) {
  ASSERT_GE(iis_statuses().size(), 40u);
  for (const IisStatus& s : iis_statuses()) {
    const std::string code = fmt::format("{}.{}", s.status, s.substatus);
    SCOPED_TRACE(code);
    for (const std::string& query : {code, fmt::format("{} {} 0", s.status, s.substatus),
                                     fmt::format("{}.{}.0", s.status, s.substatus),
                                     fmt::format("  {}  ", code)}) {
      auto result = explain(query);
      ASSERT_TRUE(result) << query << ": " << result.error().to_string();
      ASSERT_FALSE(result->parts.empty());
      const Explanation& e = result->parts.front();
      EXPECT_EQ(e.kind, "IIS status");
      EXPECT_EQ(e.code, code);
      EXPECT_EQ(e.name, s.name);
      EXPECT_EQ(e.client_cert, s.client_cert);
      ASSERT_EQ(e.next_steps.size(), 1u);
      EXPECT_EQ(e.next_steps[0], s.next_step);
    }
    // The triple's third word is sc-win32-status 0: ERROR_SUCCESS comes back as a second part.
    auto triple = explain(fmt::format("{} {} 0", s.status, s.substatus));
    ASSERT_TRUE(triple);
    ASSERT_EQ(triple->parts.size(), 2u);
    EXPECT_EQ(triple->parts[1].name, "ERROR_SUCCESS");
  }
}

TEST(KnowledgeIisStatus, EveryEntryIsComplete) {
  for (const IisStatus& s : iis_statuses()) {
    SCOPED_TRACE(fmt::format("{}.{}", s.status, s.substatus));
    EXPECT_FALSE(s.name.empty());
    EXPECT_FALSE(s.client_cert.empty());
    EXPECT_FALSE(s.causes.empty());
    for (std::string_view c : s.causes) EXPECT_FALSE(c.empty());
    EXPECT_FALSE(s.next_step.empty());
    if (!s.constant.empty()) {
      EXPECT_EQ(s.constant.rfind(fmt::format("MD_ERROR_SUB{}_", s.status), 0), 0u) << s.constant;
    }
  }
}

TEST(KnowledgeIisStatus, NoDuplicateCodes) {
  std::set<std::pair<int, int>> seen;
  for (const IisStatus& s : iis_statuses()) {
    EXPECT_TRUE(seen.insert({s.status, s.substatus}).second) << s.status << "." << s.substatus;
  }
}

TEST(KnowledgeIisStatus, Every401And403SubstatusOfIisIsKnown) {
  // KB943891 / iiscnfg.h: 401.1-401.5 and 401.7; 403.1-403.24; 403.501-403.504.
  for (int sub : {1, 2, 3, 4, 5, 7}) EXPECT_NE(find_iis_status(401, sub), nullptr) << "401." << sub;
  for (int sub = 1; sub <= 24; ++sub) EXPECT_NE(find_iis_status(403, sub), nullptr) << "403." << sub;
  for (int sub = 501; sub <= 504; ++sub) EXPECT_NE(find_iis_status(403, sub), nullptr) << "403." << sub;
  for (int sub : {0, 19, 21}) EXPECT_NE(find_iis_status(500, sub), nullptr) << "500." << sub;
  EXPECT_EQ(find_iis_status(403, 0), nullptr);
  EXPECT_EQ(find_iis_status(404, 7), nullptr);
}

TEST(KnowledgeIisStatus, ClientCertificateFailuresAreMarked) {
  for (auto [status, sub] : {std::pair{403, 7}, {403, 12}, {403, 13}, {403, 16}, {403, 17}, {500, 0}}) {
    const IisStatus* s = find_iis_status(status, sub);
    ASSERT_NE(s, nullptr);
    EXPECT_TRUE(s->client_cert_related) << status << "." << sub;
  }
  for (auto [status, sub] : {std::pair{403, 14}, {403, 1}, {500, 22}}) {
    const IisStatus* s = find_iis_status(status, sub);
    ASSERT_NE(s, nullptr);
    EXPECT_FALSE(s->client_cert_related) << status << "." << sub;
  }
  // docs/explain.md lists exactly these as client-certificate related.
  std::set<std::pair<int, int>> related;
  for (const IisStatus& s : iis_statuses()) {
    if (s.client_cert_related) related.insert({s.status, s.substatus});
  }
  const std::set<std::pair<int, int>> documented{{403, 4},  {403, 7},  {403, 12}, {403, 13},
                                                 {403, 16}, {403, 17}, {500, 0},  {502, 3}};
  EXPECT_EQ(related, documented);
  EXPECT_EQ(find_iis_status(403, 7)->constant, "MD_ERROR_SUB403_CERT_REQUIRED");
  EXPECT_EQ(find_iis_status(403, 16)->constant, "MD_ERROR_SUB403_CERT_BAD");
}

}  // namespace
}  // namespace mtls::knowledge
