// SPDX-License-Identifier: Apache-2.0
// Every Win32 error and HRESULT entry, walked through `explain` in each spelling logs and tools
// print: decimal (sc-win32-status), 0x-hex upper and lower case, the signed decimal some tools
// print for HRESULTs, the symbolic name in any case, "win32 N", and HRESULT_FROM_WIN32 (0x8007xxxx).
#include "knowledge/win32_codes.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <cstdint>
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

std::vector<std::string> spellings(const Win32Code& c) {
  std::vector<std::string> out{fmt::format("{}", c.code), fmt::format("0x{:X}", c.code),
                               fmt::format("0x{:x}", c.code), fmt::format("0X{:08X}", c.code),
                               std::string(c.name), lower(c.name)};
  if (c.code >= 0x80000000u) {
    out.push_back(fmt::format("{}", static_cast<std::int32_t>(c.code)));  // -2146762487
  }
  if (c.code >= 0x10000u) {
    out.push_back(fmt::format("hresult 0x{:08X}", c.code));
  } else {
    out.push_back(fmt::format("win32 {}", c.code));
    out.push_back(fmt::format("sc-win32-status {}", c.code));
  }
  return out;
}

TEST(KnowledgeWin32Codes, EveryEntryExplainsInEverySpelling) {
  for (const Win32Code& c : win32_codes()) {
    SCOPED_TRACE(c.name);
    for (const std::string& query : spellings(c)) {
      auto result = explain(query);
      ASSERT_TRUE(result) << query << ": " << result.error().to_string();
      // A bare decimal below 95 is also an OpenSSL verify result: a second part, never first.
      ASSERT_GE(result->parts.size(), 1u) << query;
      for (std::size_t i = 1; i < result->parts.size(); ++i) {
        EXPECT_EQ(result->parts[i].kind, "OpenSSL verify code") << query;
      }
      const Explanation& e = result->parts.front();
      EXPECT_EQ(e.name, c.name) << query;
      EXPECT_EQ(e.kind, c.code >= 0x10000u ? "HRESULT" : "Win32 error") << query;
      EXPECT_EQ(e.meaning, c.message) << query;
      EXPECT_EQ(e.client_cert, c.client_cert) << query;
      EXPECT_NE(e.code.find(fmt::format("{}", c.code)), std::string::npos) << e.code;
    }
  }
}

TEST(KnowledgeWin32Codes, EveryWin32ErrorAlsoExplainsAsHresultFromWin32) {
  for (const Win32Code& c : win32_codes()) {
    if (c.code >= 0x10000u) continue;  // HRESULT_FROM_WIN32 wraps 16-bit Win32 codes only
    SCOPED_TRACE(c.name);
    const std::uint32_t wrapped = 0x80070000u | c.code;
    if (c.code == 0) continue;  // HRESULT_FROM_WIN32(0) is 0, not 0x80070000
    auto result = explain(fmt::format("0x{:08X}", wrapped));
    ASSERT_TRUE(result);
    const Explanation& e = result->parts.front();
    EXPECT_EQ(e.name, c.name);
    EXPECT_EQ(e.kind, "HRESULT");
    EXPECT_EQ(e.code, fmt::format("0x{:08X} ({})", wrapped, wrapped));
    EXPECT_NE(e.meaning.find(fmt::format("HRESULT_FROM_WIN32({})", c.name)), std::string::npos);
  }
}

TEST(KnowledgeWin32Codes, TableSanity) {
  std::set<std::uint32_t> codes;
  std::set<std::string> names;
  for (const Win32Code& c : win32_codes()) {
    SCOPED_TRACE(c.name);
    EXPECT_TRUE(codes.insert(c.code).second) << "duplicate code";
    EXPECT_TRUE(names.insert(std::string(c.name)).second) << "duplicate name";
    // A Win32 error (16 bits), a failure HRESULT (severity bit set), or an SSPI success code
    // (SEC_I_*, facility 9 = FACILITY_SECURITY).
    const bool win32 = c.code < 0x10000u;
    const bool failure = c.code >= 0x80000000u;
    const bool sec_i = (c.code & 0xFFFF0000u) == 0x00090000u && c.name.rfind("SEC_I_", 0) == 0;
    EXPECT_TRUE(win32 || failure || sec_i) << fmt::format("0x{:08X}", c.code);
    if (c.name.rfind("SEC_E_", 0) == 0) {
      EXPECT_EQ(c.code & 0xFFFF0000u, 0x80090000u);
    }
    if (c.name.rfind("CERT_E_", 0) == 0) {
      EXPECT_EQ(c.code & 0xFFFF0000u, 0x800B0000u);
    }
    if (c.name.rfind("CRYPT_E_", 0) == 0) {
      EXPECT_EQ(c.code & 0xFFFF0000u, 0x80090000u);
    }
    EXPECT_FALSE(c.message.empty());
    EXPECT_FALSE(c.client_cert.empty());
    EXPECT_FALSE(c.causes.empty());
    EXPECT_FALSE(c.next_step.empty());
  }
}

TEST(KnowledgeWin32Codes, EveryValueOfTheResearchTableIsKnown) {
  // Values met in real IIS logs of client-certificate failures, decimal as in sc-win32-status.
  const std::pair<std::uint32_t, std::string_view> research[] = {
      {0, "ERROR_SUCCESS"},
      {5, "ERROR_ACCESS_DENIED"},
      {64, "ERROR_NETNAME_DELETED"},
      {121, "ERROR_SEM_TIMEOUT"},
      {995, "ERROR_OPERATION_ABORTED"},
      {1236, "ERROR_CONNECTION_ABORTED"},
      {2147942450u, "ERROR_NOT_SUPPORTED"},  // 0x80070032, HRESULT_FROM_WIN32(50)
      {2148074254u, "SEC_E_NO_CREDENTIALS"},
      {2148074277u, "SEC_E_UNTRUSTED_ROOT"},
      {2148074279u, "SEC_E_CERT_UNKNOWN"},
      {2148074280u, "SEC_E_CERT_EXPIRED"},
      {2148081680u, "CRYPT_E_REVOKED"},
      {2148081682u, "CRYPT_E_NO_REVOCATION_CHECK"},
      {2148081683u, "CRYPT_E_REVOCATION_OFFLINE"},
      {2148204801u, "CERT_E_EXPIRED"},
      {2148204809u, "CERT_E_UNTRUSTEDROOT"},
      {2148204810u, "CERT_E_CHAINING"},
      {2148204812u, "CERT_E_REVOKED"},
      {2148204814u, "CERT_E_REVOCATION_FAILURE"},
      {2148204816u, "CERT_E_WRONG_USAGE"},
      {2148204818u, "CERT_E_UNTRUSTEDCA"},
  };
  for (auto [code, name] : research) {
    const Win32Code* c = find_win32_code(code);
    ASSERT_NE(c, nullptr) << code;
    EXPECT_EQ(c->name, name) << code;
  }
  // Every CERT_E_* of 0x800B0101..0x800B0114 (TRUST_E_* in between included).
  for (std::uint32_t code = 0x800B0101u; code <= 0x800B0114u; ++code) {
    EXPECT_NE(find_win32_code(code), nullptr) << fmt::format("0x{:08X}", code);
  }
}

TEST(KnowledgeWin32Codes, WorkedExamples) {
  EXPECT_EQ(find_win32_code(0x80090325u)->name, "SEC_E_UNTRUSTED_ROOT");
  EXPECT_EQ(find_win32_code(0x80090349u)->name, "SEC_E_CERT_WRONG_USAGE");
  EXPECT_EQ(find_win32_code(0x00090321u)->name, "SEC_I_RENEGOTIATE");
  EXPECT_EQ(find_win32_code(0x80096004u)->name, "TRUST_E_CERT_SIGNATURE");
  EXPECT_EQ(find_win32_code(0x800703E3u)->name, "ERROR_OPERATION_ABORTED");
  EXPECT_EQ(find_win32_code(0x80070040u)->name, "ERROR_NETNAME_DELETED");
  EXPECT_EQ(find_win32_code(0x80070000u)->name, "ERROR_SUCCESS");  // wraps 0; never logged
  EXPECT_EQ(find_win32_code(0x8007FFFFu), nullptr);
  EXPECT_EQ(find_win32_code(0x80091234u), nullptr);
}

}  // namespace
}  // namespace mtls::knowledge
