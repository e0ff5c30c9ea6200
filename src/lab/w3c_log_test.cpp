// SPDX-License-Identifier: Apache-2.0
#include "lab/w3c_log.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace mtls::lab {
namespace {

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

TEST(LabW3cLog, WritesTheIisHeaderOnceAndOneLinePerRequestInTheDailyFile) {
  const auto dir = std::filesystem::temp_directory_path() / "mtls-doctor-lab-w3c-test";
  std::filesystem::remove_all(dir);
  auto log = W3cLog::open(dir.string());
  ASSERT_TRUE(log) << log.error().to_string();
  tls::LabRequest r{.method = "GET",
                    .uri_stem = "/",
                    .uri_query = "",
                    .user_agent = "Mozilla/5.0 (X11)",
                    .client_ip = "127.0.0.1",
                    .server_ip = "127.0.0.1",
                    .server_port = 8443,
                    .status = 500,
                    .substatus = 0,
                    .win32_status = 64,
                    .time_taken_ms = 12};
  const auto at = std::chrono::sys_days{std::chrono::year{2026} / 3 / 1} + std::chrono::hours{10};
  ASSERT_TRUE(log->write(r, at));
  r.status = 403;
  r.substatus = 7;
  r.win32_status = 0;
  r.uri_query = "a=b";
  ASSERT_TRUE(log->write(r, at + std::chrono::seconds{1}));
  const std::string path = (dir / "W3SVC1" / "u_ex260301.log").string();
  EXPECT_EQ(log->file(), path);
  EXPECT_EQ(
      slurp(path),
      "#Software: Microsoft Internet Information Services 10.0\r\n#Version: 1.0\r\n"
      "#Date: 2026-03-01 10:00:00\r\n"
      "#Fields: date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip "
      "cs(User-Agent) "
      "cs(Referer) sc-status sc-substatus sc-win32-status time-taken\r\n"
      "2026-03-01 10:00:00 127.0.0.1 GET / - 8443 - 127.0.0.1 Mozilla/5.0+(X11) - 500 0 64 12\r\n"
      "2026-03-01 10:00:01 127.0.0.1 GET / a=b 8443 - 127.0.0.1 Mozilla/5.0+(X11) - 403 7 0 "
      "12\r\n");
  // The next day goes to the next file, with its own header.
  ASSERT_TRUE(log->write(r, at + std::chrono::hours{24}));
  EXPECT_TRUE(std::filesystem::exists(dir / "W3SVC1" / "u_ex260302.log"));
  std::filesystem::remove_all(dir);
}

TEST(LabW3cLog, FieldsCannotBreakTheLine) {
  EXPECT_EQ(w3c_field(""), "-");
  EXPECT_EQ(w3c_field("a b\r\nc\td"), "a+b++c+d");
}

}  // namespace
}  // namespace mtls::lab
