// SPDX-License-Identifier: Apache-2.0
// Every setting, walked through `explain` by its name and every alias (netsh display names such
// as "Negotiate Client Certificate", registry paths, IIS attribute values), in any case.
#include "knowledge/settings.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <set>
#include <string>

#include "knowledge/explain.h"

namespace mtls::knowledge {
namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

TEST(KnowledgeSettings, EveryEntryExplainsByNameAndEveryAlias) {
  for (const Setting& s : settings()) {
    SCOPED_TRACE(s.name);
    std::vector<std::string> queries{std::string(s.name), lower(s.name)};
    for (std::string_view alias : s.aliases) {
      queries.emplace_back(alias);
      queries.push_back(lower(alias));
    }
    for (const std::string& query : queries) {
      auto result = explain(query);
      ASSERT_TRUE(result) << query << ": " << result.error().to_string();
      ASSERT_EQ(result->parts.size(), 1u) << query;
      const Explanation& e = result->parts.front();
      EXPECT_EQ(e.kind, "setting") << query;
      EXPECT_EQ(e.code, s.name) << query;
      EXPECT_EQ(e.client_cert, s.client_cert) << query;
      ASSERT_EQ(e.commands.size(), s.how_to_set.size());
      for (std::size_t i = 0; i < e.commands.size(); ++i) {
        EXPECT_EQ(e.commands[i].command, s.how_to_set[i].command);
        EXPECT_EQ(e.commands[i].note, s.how_to_set[i].note);
      }
      for (const SettingValue& v : s.values) {
        EXPECT_NE(e.meaning.find(fmt::format("{} = {}", v.value, v.meaning)), std::string::npos)
            << v.value;
      }
      EXPECT_NE(e.meaning.find(s.default_value), std::string::npos);
    }
  }
}

TEST(KnowledgeSettings, NamesAndAliasesAreUniqueAndEntriesComplete) {
  std::set<std::string> seen;
  for (const Setting& s : settings()) {
    SCOPED_TRACE(s.name);
    EXPECT_TRUE(seen.insert(lower(s.name)).second) << "duplicate " << s.name;
    for (std::string_view alias : s.aliases) {
      EXPECT_TRUE(seen.insert(lower(alias)).second) << "duplicate alias " << alias;
    }
    EXPECT_FALSE(s.kind.empty());
    EXPECT_FALSE(s.location.empty());
    EXPECT_FALSE(s.values.empty());
    EXPECT_FALSE(s.default_value.empty());
    EXPECT_FALSE(s.client_cert.empty());
    EXPECT_FALSE(s.how_to_set.empty());
    for (const SettingCommand& c : s.how_to_set) {
      // Exactly what is typed: one line, no product prefix, the note kept beside it.
      EXPECT_EQ(c.command.find('\n'), std::string_view::npos) << c.command;
      EXPECT_EQ(c.command.find("  "), std::string_view::npos) << c.command;
      EXPECT_FALSE(c.command.starts_with("IIS:")) << c.command;
      // netsh's appid is a script block to PowerShell unless quoted.
      if (c.shell == Shell::powershell && c.command.find("appid=") != std::string_view::npos) {
        EXPECT_NE(c.command.find("appid='"), std::string_view::npos) << c.command;
      }
    }
  }
}

TEST(KnowledgeSettings, DesignSection2SettingsArePresent) {
  // The settings checklist steps C1 and C8-C11 read (docs/checklist.md).
  for (std::string_view name :
       {"SendTrustedIssuerList", "ClientAuthTrustMode", "EventLogging", "CertificateMappingMethods",
        "DisableRenegoOnServer", "AllowInsecureRenegoClients", "AllowInsecureRenegoServers",
        R"(Protocols\TLS 1.3\Server Enabled)", "clientcertnegotiation", "Negotiate Client Certificate",
        "sslctlstorename", "Ctl Store Name", "sslctlidentifier", "Ctl Identifier",
        "verifyclientcertrevocation", "verifyrevocationwithcachedclientcertonly", "usagecheck",
        "dsmapperusage", "DS Mapper Usage", "disablehttp2", "disabletls13", "Disable TLS1.3",
        "access sslFlags", "SslRequireCert", "binding sslFlags", "1A04"}) {
    EXPECT_NE(find_setting(name), nullptr) << name;
  }
  EXPECT_EQ(find_setting("Negotiate Client Certificate")->name, "clientcertnegotiation");
  EXPECT_EQ(find_setting("ctl store name")->name, "sslctlstorename");
  EXPECT_EQ(find_setting("NoSuchSetting"), nullptr);
}

TEST(KnowledgeSettings, BindingSslFlagsBitsAddUp) {
  // 97 = Sni (1) + DisableTLS13 (32) + DisableLegacyTLS (64), the WebAdministrationDsc example.
  const Setting* s = find_setting("binding sslFlags");
  ASSERT_NE(s, nullptr);
  auto meaning_of = [&](std::string_view value) -> std::string_view {
    for (const SettingValue& v : s->values) {
      if (v.value == value) return v.meaning;
    }
    return {};
  };
  EXPECT_EQ(meaning_of("1").substr(0, 3), "Sni");
  EXPECT_EQ(meaning_of("32").substr(0, 12), "DisableTLS13");
  EXPECT_EQ(meaning_of("64"), "DisableLegacyTLS");
  EXPECT_EQ(meaning_of("128").substr(0, 19), "NegotiateClientCert");
}

}  // namespace
}  // namespace mtls::knowledge
