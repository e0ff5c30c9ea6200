// SPDX-License-Identifier: Apache-2.0
// `mtls-doctor explain` worked examples: the spellings the foundation issue lists, W3C triples,
// HRESULT_FROM_WIN32, IIS status families, finding ids, and unknown codes with suggestions.
#include "knowledge/explain.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "knowledge/finding_catalog.h"
#include "knowledge/explain_test_support.h"

namespace mtls::knowledge {
namespace {

using explain_testing::ok;

TEST(KnowledgeExplain, IisSubstatus) {
  const ExplainResult r = ok("403.7");
  ASSERT_EQ(r.parts.size(), 1u);
  EXPECT_EQ(r.parts[0].code, "403.7");
  EXPECT_EQ(r.parts[0].name, "Client certificate required");
  EXPECT_NE(r.parts[0].meaning.find("MD_ERROR_SUB403_CERT_REQUIRED"), std::string::npos);
  EXPECT_FALSE(r.parts[0].causes.empty());
  EXPECT_NE(r.parts[0].next_steps[0].find("clientcertnegotiation=enable"), std::string::npos);
}

TEST(KnowledgeExplain, PrefixWordsAreIgnored) {
  EXPECT_EQ(ok("HTTP 403.7").parts[0].code, "403.7");
  EXPECT_EQ(ok("iis 403 7 64").parts.size(), 2u);
  EXPECT_EQ(ok("status: 403.16").parts[0].code, "403.16");
  EXPECT_EQ(ok("error 0x80090325").parts[0].name, "SEC_E_UNTRUSTED_ROOT");
  EXPECT_FALSE(explain("win32"));
  EXPECT_FALSE(explain("win32 "));
}

TEST(KnowledgeExplain, W3cTripleGivesStatusAndWin32Parts) {
  for (std::string_view q : {"403 7 64", "403.7.64", "403,7,64", "403.7 64"}) {
    const ExplainResult r = ok(q);
    ASSERT_EQ(r.parts.size(), 2u) << q;
    EXPECT_EQ(r.parts[0].code, "403.7") << q;
    EXPECT_EQ(r.parts[1].name, "ERROR_NETNAME_DELETED") << q;
    EXPECT_EQ(r.parts[1].code, "64 (0x40)") << q;
  }
  const ExplainResult late = ok("500 0 64");
  ASSERT_EQ(late.parts.size(), 2u);
  EXPECT_EQ(late.parts[0].code, "500.0");
  EXPECT_NE(late.parts[0].client_cert.find("renegotiation"), std::string::npos);
  EXPECT_EQ(late.parts[1].name, "ERROR_NETNAME_DELETED");

  const ExplainResult untrusted = ok("403 16 2148204809");
  ASSERT_EQ(untrusted.parts.size(), 2u);
  EXPECT_EQ(untrusted.parts[0].code, "403.16");
  EXPECT_EQ(untrusted.parts[1].name, "CERT_E_UNTRUSTEDROOT");

  const ExplainResult tls13 = ok("500 0 2147942450");  // 0x80070032 on Server 2025
  ASSERT_EQ(tls13.parts.size(), 2u);
  EXPECT_EQ(tls13.parts[1].name, "ERROR_NOT_SUPPORTED");
  EXPECT_EQ(tls13.parts[1].kind, "HRESULT");
}

TEST(KnowledgeExplain, TripleWithUnknownWin32SaysHowToDecodeIt) {
  const ExplainResult r = ok("403 7 12345");
  ASSERT_EQ(r.parts.size(), 2u);
  EXPECT_EQ(r.parts[0].code, "403.7");
  EXPECT_EQ(r.parts[1].name, "not in mtls-doctor's tables");
  EXPECT_NE(r.parts[1].meaning.find("certutil -error 12345"), std::string::npos);
}

TEST(KnowledgeExplain, Win32InDecimalAndHex) {
  for (std::string_view q : {"0x40", "0X40", "win32 64", "sc-win32-status 64"}) {
    const ExplainResult r = ok(q);
    ASSERT_EQ(r.parts.size(), 1u) << q;
    EXPECT_EQ(r.parts[0].name, "ERROR_NETNAME_DELETED") << q;
    EXPECT_EQ(r.parts[0].kind, "Win32 error") << q;
    EXPECT_EQ(r.parts[0].see_also, std::vector<std::string>{}) << q;  // no alert 64
  }
  // A small number that is an alert hints at it.
  const ExplainResult zero = ok("win32 0");
  EXPECT_EQ(zero.parts[0].name, "ERROR_SUCCESS");
  EXPECT_EQ(zero.parts[0].see_also, std::vector<std::string>{"alert 0"});
}

// A bare decimal is what sc-win32-status holds and what OpenSSL prints for a verify result:
// every reading is its own part, Windows first; hex or a "win32" prefix settles it.
TEST(KnowledgeExplain, BareNumberShowsEveryMeaning) {
  const ExplainResult both = ok("64");
  ASSERT_EQ(both.parts.size(), 2u);
  EXPECT_EQ(both.parts[0].kind, "Win32 error");
  EXPECT_EQ(both.parts[0].name, "ERROR_NETNAME_DELETED");
  EXPECT_EQ(both.parts[1].kind, "OpenSSL verify code");
  EXPECT_EQ(both.parts[1].name, "X509_V_ERR_IP_ADDRESS_MISMATCH");
  const ExplainResult twenty = ok("20");  // no Win32 20 in the tables: say how to decode it
  ASSERT_EQ(twenty.parts.size(), 1u);
  EXPECT_EQ(twenty.parts[0].name, "X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY");
  EXPECT_NE(twenty.parts[0].meaning.find("certutil -error 20"), std::string::npos);
  EXPECT_EQ(ok("0").parts.size(), 2u);  // ERROR_SUCCESS and X509_V_OK
  EXPECT_EQ(ok("0").parts[0].see_also, std::vector<std::string>{"alert 0"});
  EXPECT_EQ(ok("2148204809").parts.size(), 1u);  // beyond every verify code
}

TEST(KnowledgeExplain, HresultInEverySpelling) {
  for (std::string_view q : {"2148204809", "0x800B0109", "0x800b0109", "-2146762487",
                             "CERT_E_UNTRUSTEDROOT", "cert_e_untrustedroot", "hresult 0x800B0109"}) {
    const ExplainResult r = ok(q);
    ASSERT_EQ(r.parts.size(), 1u) << q;
    EXPECT_EQ(r.parts[0].name, "CERT_E_UNTRUSTEDROOT") << q;
    EXPECT_EQ(r.parts[0].code, "0x800B0109 (2148204809)") << q;
    EXPECT_EQ(r.parts[0].kind, "HRESULT") << q;
  }
}

TEST(KnowledgeExplain, HresultFromWin32) {
  const ExplainResult r = ok("0x800703E3");
  ASSERT_EQ(r.parts.size(), 1u);
  EXPECT_EQ(r.parts[0].name, "ERROR_OPERATION_ABORTED");
  EXPECT_EQ(r.parts[0].code, "0x800703E3 (2147943395)");
  EXPECT_EQ(r.parts[0].meaning.rfind("HRESULT_FROM_WIN32(ERROR_OPERATION_ABORTED)", 0), 0u);
  EXPECT_EQ(ok("2147943395").parts[0].name, "ERROR_OPERATION_ABORTED");
}

// 500.19 with 0x80070021: a web.config sets a section locked in applicationHost.config.
TEST(KnowledgeExplain, LockedSectionHresultAndTheStatus) {
  const ExplainResult r = ok("0x80070021");
  ASSERT_EQ(r.parts.size(), 1u);
  EXPECT_EQ(r.parts[0].name, "ERROR_LOCK_VIOLATION");
  EXPECT_EQ(r.parts[0].code, "0x80070021 (2147942433)");
  EXPECT_EQ(r.parts[0].meaning.rfind("HRESULT_FROM_WIN32(ERROR_LOCK_VIOLATION)", 0), 0u);
  EXPECT_NE(r.parts[0].client_cert.find("This configuration section cannot be used at this path"), std::string::npos);
  EXPECT_NE(r.parts[0].next_steps[0].find("appcmd unlock config"), std::string::npos);
  EXPECT_EQ(ok("win32 33").parts[0].name, "ERROR_LOCK_VIOLATION");
  const ExplainResult status = ok("500.19");
  bool names_lock = false;
  for (const std::string& c : status.parts[0].causes) names_lock |= c.find("0x80070021") != std::string::npos;
  EXPECT_TRUE(names_lock);
  EXPECT_EQ(ok("iis.section-locked").parts[0].name,
            "A web.config sets a security section that is locked at its level (HTTP 500.19)");
}

TEST(KnowledgeExplain, TlsAlert) {
  for (std::string_view q : {"alert 116", "certificate_required", "TLS alert 116", "alert 0x74"}) {
    const ExplainResult r = ok(q);
    ASSERT_EQ(r.parts.size(), 1u) << q;
    EXPECT_EQ(r.parts[0].code, "alert 116") << q;
    EXPECT_EQ(r.parts[0].name, "certificate_required") << q;
    EXPECT_NE(r.parts[0].client_cert.find("first read"), std::string::npos);
  }
}

TEST(KnowledgeExplain, BareIisStatusListsItsSubstatuses) {
  const ExplainResult r = ok("403");
  ASSERT_EQ(r.parts.size(), 1u);
  EXPECT_EQ(r.parts[0].code, "403");
  EXPECT_NE(r.parts[0].meaning.find("403.7 Client certificate required"), std::string::npos);
  EXPECT_NE(r.parts[0].meaning.find("403.16 Client certificate is untrusted or invalid"),
            std::string::npos);
  const auto& see = r.parts[0].see_also;
  EXPECT_NE(std::find(see.begin(), see.end(), "403.7"), see.end());
  EXPECT_NE(std::find(see.begin(), see.end(), "403.13"), see.end());
  EXPECT_EQ(std::find(see.begin(), see.end(), "403.14"), see.end());
  EXPECT_EQ(ok("401").parts[0].code, "401");
  EXPECT_FALSE(explain("404"));  // no 404.x in the tables
}

TEST(KnowledgeExplain, SettingNamesWithSpaces) {
  const ExplainResult r = ok("Negotiate Client Certificate");
  ASSERT_EQ(r.parts.size(), 1u);
  EXPECT_EQ(r.parts[0].kind, "setting");
  EXPECT_EQ(r.parts[0].code, "clientcertnegotiation");
  EXPECT_EQ(ok("  ctl store name ").parts[0].code, "sslctlstorename");
  EXPECT_EQ(ok("TLS 1.3").parts[0].code, R"(Protocols\TLS 1.3\Server Enabled)");
}

TEST(KnowledgeExplain, EveryFindingIdExplains) {
  ASSERT_FALSE(finding_catalog().empty());
  for (const CatalogEntry& c : finding_catalog()) {
    const ExplainResult r = ok(c.id);
    ASSERT_EQ(r.parts.size(), 1u) << c.id;
    EXPECT_EQ(r.parts[0].kind, "finding");
    EXPECT_EQ(r.parts[0].code, c.id);
    EXPECT_EQ(r.parts[0].name, c.title);
  }
}

TEST(KnowledgeExplain, EveryCatalogSeeAlsoCodeExplains) {
  // The catalog points readers at codes ("403.7", "alert 116", "0x800B0109", setting names,
  // other ids); each must be something explain answers. Document references are not codes.
  for (const CatalogEntry& c : finding_catalog()) {
    for (std::string_view ref : c.see_also) {
      if (ref.rfind("KB", 0) == 0 || ref.rfind("RFC", 0) == 0 || ref.rfind("http", 0) == 0 ||
          ref.rfind("docs/", 0) == 0) {
        continue;
      }
      auto r = explain(ref);
      EXPECT_TRUE(r) << c.id << " see_also '" << ref << "': " << (r ? "" : r.error().to_string());
    }
  }
}

TEST(KnowledgeExplain, UnknownCodeListsClosestKnownOnes) {
  auto r = explain("403.77");
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("unknown code '403.77'"), std::string::npos);
  EXPECT_NE(r.error().message.find("closest known: 403.7"), std::string::npos) << r.error().message;

  auto name = explain("CERT_E_UNTRUSTEDROT");
  ASSERT_FALSE(name);
  EXPECT_NE(name.error().message.find("closest known: CERT_E_UNTRUSTEDROOT"), std::string::npos)
      << name.error().message;

  const auto near = closest_codes("SEC_E_UNTRUSTED_ROT", 3);
  ASSERT_EQ(near.size(), 3u);
  EXPECT_EQ(near[0], "SEC_E_UNTRUSTED_ROOT");
  const auto words = closest_codes("certificate_requird", 1);
  ASSERT_EQ(words.size(), 1u);
  EXPECT_EQ(words[0], "certificate_required");
  // A query with letters prefers names over bare numbers.
  for (const std::string& s : closest_codes("bogus", 3)) {
    EXPECT_TRUE(std::any_of(s.begin(), s.end(), [](unsigned char ch) { return std::isalpha(ch); })) << s;
  }
}

TEST(KnowledgeExplain, RejectsEmptyAndOverlongInput) {
  EXPECT_FALSE(explain(""));
  EXPECT_FALSE(explain("   "));
  auto r = explain(std::string(5000, 'x'));
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("too long"), std::string::npos);
  EXPECT_FALSE(explain(std::string(1, '\0')));
  EXPECT_FALSE(explain("0x"));
  EXPECT_FALSE(explain("0x100000000"));
  EXPECT_FALSE(explain("-2147483649"));
  EXPECT_FALSE(explain("99999999999999999999"));
}

}  // namespace
}  // namespace mtls::knowledge
