// SPDX-License-Identifier: Apache-2.0
#include "parse/iis/reg_export.h"

#include <gtest/gtest.h>

#include "parse/iis/text_decoding.h"

namespace mtls::parse {
namespace {

TEST(RegExport, ReadsEveryValueType) {
  const char* text =
      "Windows Registry Editor Version 5.00\r\n"
      "\r\n"
      "[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL]\r\n"
      "\"SendTrustedIssuerList\"=dword:00000001\r\n"
      "\"Name\"=\"a \\\"quoted\\\" \\\\ value\"\r\n"
      "@=\"default\"\r\n"
      "\"Expand\"=hex(2):25,00,53,00,79,00,73,00,00,00\r\n"
      "\"Multi\"=hex(7):61,00,00,00,62,00,63,00,00,00,\\\r\n"
      "  00,00\r\n"
      "\"Big\"=hex(b):01,00,00,00,01,00,00,00\r\n"
      "\"Bin\"=hex:de,ad,BE,ef\r\n"
      "\"Gone\"=-\r\n"
      "; a comment\r\n"
      "[-HKEY_LOCAL_MACHINE\\SOFTWARE\\Old]\r\n";
  auto parsed = parse_reg_export(text, "s.reg");
  ASSERT_TRUE(parsed) << parsed.error().to_string();
  ASSERT_EQ(parsed->size(), 2u);
  const RegistryKey& k = (*parsed)[0];
  EXPECT_EQ(k.path, "HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL");
  EXPECT_EQ(k.origin.ref, "s.reg:3");
  ASSERT_EQ(k.values.size(), 8u);
  EXPECT_EQ(k.values[0].name, "SendTrustedIssuerList");
  EXPECT_EQ(k.values[0].type, 4u);
  EXPECT_EQ(k.values[0].number, 1u);
  EXPECT_EQ(k.values[0].origin.ref, "s.reg:4");
  EXPECT_EQ(k.values[1].text, "a \"quoted\" \\ value");
  EXPECT_EQ(k.values[2].name, "");
  EXPECT_EQ(k.values[2].text, "default");
  EXPECT_EQ(k.values[3].type, 2u);
  EXPECT_EQ(k.values[3].text, "%Sys");
  EXPECT_EQ(k.values[4].type, 7u);
  EXPECT_EQ(k.values[4].strings, (std::vector<std::string>{"a", "bc"}));
  EXPECT_EQ(k.values[5].type, 11u);
  EXPECT_EQ(k.values[5].number, 0x100000001ull);
  EXPECT_EQ(k.values[6].data, std::string("\xDE\xAD\xBE\xEF"));
  EXPECT_TRUE(k.values[7].deleted);
  EXPECT_EQ(k.values[7].origin.ref, "s.reg:12");
  EXPECT_TRUE((*parsed)[1].deleted);
  EXPECT_EQ((*parsed)[1].path, "HKEY_LOCAL_MACHINE\\SOFTWARE\\Old");
}

TEST(RegExport, Regedit4StringsAreAnsi) {
  auto parsed = parse_reg_export("REGEDIT4\n\n[HKEY_CURRENT_USER\\X]\n\"E\"=hex(2):25,53,00\n", "old.reg");
  ASSERT_TRUE(parsed) << parsed.error().to_string();
  EXPECT_EQ((*parsed)[0].values[0].text, "%S");
}

TEST(RegExport, Utf16LeExportAsRegeditWritesIt) {
  const std::string utf8 = "Windows Registry Editor Version 5.00\r\n\r\n[HKEY_CURRENT_USER\\Z]\r\n\"1A04\"=dword:00000000\r\n";
  std::string bytes = "\xFF\xFE";
  for (char c : utf8) {
    bytes += c;
    bytes += '\0';
  }
  auto text = decode_text(bytes, "zones.reg");
  ASSERT_TRUE(text);
  auto parsed = parse_reg_export(*text, "zones.reg");
  ASSERT_TRUE(parsed) << parsed.error().to_string();
  EXPECT_EQ((*parsed)[0].values[0].number, 0u);
}

TEST(RegExport, ErrorsNameFileAndLine) {
  EXPECT_EQ(parse_reg_export("hello\n", "a.reg").error().to_string(),
            "a.reg:1: not a registry export (expected \"Windows Registry Editor Version 5.00\" or \"REGEDIT4\")");
  EXPECT_EQ(parse_reg_export("REGEDIT4\n\"A\"=dword:1\n", "b.reg").error().to_string(),
            "b.reg:2: value before any [key] line");
  EXPECT_EQ(parse_reg_export("REGEDIT4\n[K]\n\"A\"=dword:123456789\n", "c.reg").error().to_string(),
            "c.reg:3: dword:123456789 is not 1 to 8 hex digits");
  EXPECT_EQ(parse_reg_export("REGEDIT4\n[K]\n\"A\"=hex:0g\n", "d.reg").error().to_string(),
            "d.reg:3: \"0g\" is not a hex byte");
  EXPECT_EQ(parse_reg_export("REGEDIT4\n[K]\n\"A=dword:1\n", "e.reg").error().to_string(),
            "e.reg:3: unterminated string");
  EXPECT_EQ(parse_reg_export("REGEDIT4\n[K\n", "f.reg").error().to_string(), "f.reg:2: key line without closing ']'");
  EXPECT_EQ(parse_reg_export("REGEDIT4\n[K]\nstray\n", "g.reg").error().to_string(),
            "g.reg:3: unexpected line \"stray\"");
}

}  // namespace
}  // namespace mtls::parse
