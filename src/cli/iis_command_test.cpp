// SPDX-License-Identifier: Apache-2.0
// `mtls-doctor iis` through the real command line: hive inputs (decompressed from the shared
// corpus at test time, never committed), usage errors and unusable inputs (exit 2, one line).
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>

#include "cli/app.h"

#include "support/cli_run.h"

namespace mtls::cli {
namespace {

namespace fs = std::filesystem;

using IisRun = test::CliRun;

IisRun run_iis(std::vector<std::string> args) {
  args.insert(args.begin(), "iis");
  return test::run_cli(std::move(args));
}

fs::path hive(const std::string& name) {
  const fs::path out = fs::temp_directory_path() / ("mtls-iis-cli-" + std::to_string(::getpid()) + "-" + name);
  const fs::path xz = fs::path(MTLS_SHARED_DIR) / "corpus/binary/registry" / (name + ".xz");
  EXPECT_EQ(std::system(("xz -dc '" + xz.string() + "' > '" + out.string() + "'").c_str()), 0);
  return out;
}

TEST(IisCommand, SystemHiveAloneGivesSchannelDefaults) {
  const fs::path system = hive("regipy_SYSTEM_WIN_10_1709");
  IisRun r = run_iis({"--registry", system.string(), "--format", "json"});
  fs::remove(system);
  ASSERT_EQ(r.status, 0) << r.err;
  const auto report = nlohmann::json::parse(r.out);
  EXPECT_EQ(report["evidence"]["iis"]["schannel"]["read"], true);
  EXPECT_EQ(report["evidence"]["iis"]["bindings_read"], true);
  EXPECT_TRUE(report["evidence"]["iis"]["bindings"].empty());
  ASSERT_EQ(report["findings"].size(), 1u);
  EXPECT_EQ(report["findings"][0]["id"], "schannel.trusted-issuer-list");
}

TEST(IisCommand, UserHiveStoresAreDecoded) {
  const fs::path ntuser = hive("regipy_ntuser_software_partial");
  IisRun r = run_iis({"--registry", ntuser.string(), "--format", "json"});
  fs::remove(ntuser);
  ASSERT_EQ(r.status, 0) << r.err;
  const auto report = nlohmann::json::parse(r.out);
  const auto& certs = report["evidence"]["iis"]["store_certificates"];
  ASSERT_EQ(certs.size(), 10u);
  for (const auto& c : certs) {
    ASSERT_TRUE(c.contains("sha1")) << c.dump();
    EXPECT_EQ(c["sha1"], c["thumbprint"]);  // SHA-1 of the DER is the key name
  }
}

TEST(IisCommand, CorruptedHiveIsExit2WithOneLine) {
  const fs::path bad = hive("regipy_corrupted_system_hive");
  IisRun r = run_iis({"--registry", bad.string()});
  fs::remove(bad);
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("cannot read hive: libregf_file_get_root_key: unable to create root key."), std::string::npos) << r.err;
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1);
}

TEST(IisCommand, NoInputIsUsageError) {
  IisRun r = run_iis({});
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("iis needs at least one of --config, --web-config, --sslcert, --registry"), std::string::npos) << r.err;
  IisRun w = run_iis({"--web-config", "web.config"});
  EXPECT_EQ(w.status, 2);
  EXPECT_NE(w.err.find("--web-config \"web.config\": expected VPATH=FILE"), std::string::npos) << w.err;
}

}  // namespace
}  // namespace mtls::cli
