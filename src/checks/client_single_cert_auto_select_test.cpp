// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>

#include "checks/checks.h"
#include "checks/iis_test_fixtures.h"
#include "knowledge/remedies.h"

namespace mtls::checks {
namespace {

using namespace testing;

TEST(ClientSingleCertAutoSelect, ZoneWithoutPrompt) {
  Evidence e = iis_evidence({"", "",
                             "Windows Registry Editor Version 5.00\n"
                             "[HKEY_CURRENT_USER\\Software\\Microsoft\\Windows\\CurrentVersion\\Internet Settings\\Zones\\1]\n"
                             "\"1A04\"=dword:00000000\n"
                             "[HKEY_CURRENT_USER\\Software\\Microsoft\\Windows\\CurrentVersion\\Internet Settings\\Zones\\3]\n"
                             "\"1A04\"=dword:00000003\n"});
  CheckResult r = run(client_single_cert_auto_select_check(), e);
  ASSERT_EQ(r.findings.size(), 1u);
  EXPECT_EQ(r.findings[0].evidence[0].ref, "schannel.reg:3");
  EXPECT_EQ(knowledge::remedies::command_lines(r.findings[0].remedy),
            (std::vector<std::string>{"reg add \"HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Internet "
                                      "Settings\\Zones\\1\" /v 1A04 /t REG_DWORD /d 3 /f"}));
}

TEST(ClientSingleCertAutoSelect, NotCheckedWithoutZones) {
  EXPECT_TRUE(run(client_single_cert_auto_select_check(), iis_evidence({"", "", schannel_reg("")})).not_checked);
}

}  // namespace
}  // namespace mtls::checks
