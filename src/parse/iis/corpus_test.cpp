// SPDX-License-Identifier: Apache-2.0
// Every IIS, netsh and registry sample of the shared corpus (real files written by others, see
// corpus/text/SOURCES.md and corpus/binary/registry/SOURCES.md) goes through its reader.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "parse/iis/hive.h"
#include "parse/iis/iis_config.h"
#include "parse/iis/netsh_sslcert.h"
#include "parse/iis/reg_export.h"
#include "parse/iis/registry_facts.h"
#include "parse/iis/text_decoding.h"

namespace mtls::parse {
namespace {

namespace fs = std::filesystem;
const fs::path kText = fs::path(MTLS_SHARED_DIR) / "corpus" / "text";
const fs::path kHives = fs::path(MTLS_SHARED_DIR) / "corpus" / "binary" / "registry";

std::string read(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::vector<fs::path> files(const fs::path& dir) {
  std::vector<fs::path> out;
  for (const auto& e : fs::directory_iterator(dir)) out.push_back(e.path());
  std::sort(out.begin(), out.end());
  return out;
}

/// The XML blocks of a reStructuredText document (".. code-block:: xml" then indented lines).
std::vector<std::string> rst_xml_blocks(const std::string& text) {
  std::vector<std::string> blocks;
  std::string current;
  bool in_block = false;
  for (const TextLine& line : split_lines(text)) {
    if (trim(line.text) == ".. code-block:: xml") {
      if (!current.empty()) blocks.push_back(current);
      current.clear();
      in_block = true;
      continue;
    }
    if (in_block && !line.text.empty() && line.text[0] != ' ' && !trim(line.text).empty()) {
      blocks.push_back(current);
      current.clear();
      in_block = false;
    }
    if (in_block) current += std::string(line.text) + "\n";
  }
  if (in_block && !current.empty()) blocks.push_back(current);
  return blocks;
}

TEST(IisCorpus, EveryApplicationHostConfigSample) {
  int parsed = 0;
  for (const fs::path& p : files(kText / "applicationhost-config")) {
    auto text = decode_text(read(p), p.filename().string());
    ASSERT_TRUE(text) << text.error().to_string();
    const std::string name = p.filename().string();
    if (p.extension() == ".rst") {
      // Documentation with configuration in code blocks: each block must parse.
      const auto blocks = rst_xml_blocks(*text);
      ASSERT_EQ(blocks.size(), 2u) << name;
      auto first = parse_iis_config(blocks[0], name);
      ASSERT_TRUE(first) << first.error().to_string();
      auto second = parse_iis_config(blocks[1], name);
      ASSERT_TRUE(second) << second.error().to_string();
      ASSERT_EQ(second->locations.size(), 2u);
      EXPECT_EQ(second->locations[0].path, "Default Web Site/DC3/login/certificateauth");
      EXPECT_TRUE(second->locations[0].access->require_cert);
      ++parsed;
      continue;
    }
    auto config = parse_iis_config(*text, name);
    if (name == "iisdocs-access-sample1-malformed.xml") {
      ASSERT_FALSE(config);
      EXPECT_EQ(config.error().to_string(), "iisdocs-access-sample1-malformed.xml:5: not well-formed XML (Start-end tags mismatch)");
      ++parsed;
      continue;
    }
    ASSERT_TRUE(config) << config.error().to_string();
    ++parsed;
    if (name.starts_with("dorik84")) {
      ASSERT_EQ(config->sites.size(), 2u);
      EXPECT_EQ(config->sites[1].name, "mysite.tbd");
      EXPECT_EQ(config->sites[1].bindings[1].binding_information, "*:443:mysite.tbd");
      EXPECT_EQ(config->sites[1].bindings[1].ssl_flags, 0u);
      EXPECT_EQ(config->sites[1].bindings[1].origin.ref, name + ":51");
    }
    if (name.starts_with("iisdocs-manytoone")) {
      ASSERT_EQ(config->locations.size(), 1u);
      const IisLocation& l = config->locations[0];
      EXPECT_EQ(l.path, "Default Web Site");
      EXPECT_EQ(l.anonymous_authentication, false);
      ASSERT_TRUE(l.iis_mapping);
      EXPECT_EQ(l.iis_mapping->many_to_one_enabled, true);
      ASSERT_EQ(l.iis_mapping->mappings.size(), 1u);
      EXPECT_EQ(l.iis_mapping->mappings[0].name, "Contoso Employees");
      EXPECT_TRUE(l.iis_mapping->mappings[0].has_password);
      ASSERT_EQ(l.iis_mapping->mappings[0].rules.size(), 1u);
      EXPECT_EQ(l.iis_mapping->mappings[0].rules[0].match_criteria, "Contoso");
      EXPECT_TRUE(l.access->negotiate_cert);
      EXPECT_FALSE(l.access->require_cert);
    }
    if (name.starts_with("hanskindberg")) {
      ASSERT_EQ(config->locations.size(), 5u);
      EXPECT_TRUE(config->locations[1].access->require_cert);
      EXPECT_EQ(config->locations[4].iis_mapping->enabled, false);
    }
  }
  EXPECT_EQ(parsed, 5);
}

TEST(IisCorpus, EveryNetshSample) {
  std::map<std::string, std::size_t> counts;
  for (const fs::path& p : files(kText / "netsh-sslcert")) {
    auto text = decode_text(read(p), p.filename().string());
    ASSERT_TRUE(text) << text.error().to_string();
    auto bindings = parse_netsh_sslcert(*text, p.filename().string());
    ASSERT_TRUE(bindings) << bindings.error().to_string();
    counts[p.filename().string()] = bindings->size();
    for (const HttpSysBinding& b : *bindings) EXPECT_TRUE(b.other_fields.empty()) << b.origin.ref;
  }
  EXPECT_EQ(counts["dotnet-web-authnz-iis-ipport-dsmapper-enabled.txt"], 1u);
  EXPECT_EQ(counts["jpazureid-adfs-cba-hostnameport-49443-ctlstore.md"], 2u);
  EXPECT_EQ(counts["jpazureid-adfs-localhost443-hostnameport-placeholder-hash.txt"], 1u);
  EXPECT_EQ(counts["nbstrat-dotfiles-iisexpress-cac-ipport.md"], 3u);
  EXPECT_EQ(counts["smart-reporting-win2008-style-clientcertnegotiation.txt"], 1u);

  auto adfs = parse_netsh_sslcert(*decode_text(read(kText / "netsh-sslcert/jpazureid-adfs-cba-hostnameport-49443-ctlstore.md"), "a"), "a");
  EXPECT_EQ((*adfs)[0].ctl_store_name, "");
  EXPECT_EQ((*adfs)[1].ctl_store_name, "adfsclient");
  EXPECT_EQ((*adfs)[1].negotiate_client_certificate, true);
  auto old = parse_netsh_sslcert(read(kText / "netsh-sslcert/smart-reporting-win2008-style-clientcertnegotiation.txt"), "o");
  EXPECT_EQ((*old)[0].negotiate_client_certificate, true);  // the field pasted at column 0
  EXPECT_FALSE((*old)[0].reject_connections.has_value());
}

TEST(IisCorpus, EveryRegistryExport) {
  for (const fs::path& p : files(kText / "registry-exports")) {
    auto text = decode_text(read(p), p.filename().string());
    ASSERT_TRUE(text) << text.error().to_string();
    auto keys = parse_reg_export(*text, p.filename().string());
    ASSERT_TRUE(keys) << keys.error().to_string();
    EXPECT_FALSE(keys->empty());
    IisEvidence e;
    collect_registry_facts(*keys, e);
    EXPECT_TRUE(e.schannel.read) << p;
  }
  auto text = read(kText / "registry-exports/racetracks-windows_crypto-tls12.reg");
  IisEvidence e;
  collect_registry_facts(*parse_reg_export(text, "t.reg"), e);
  auto tls13 = std::find_if(e.schannel.protocols.begin(), e.schannel.protocols.end(),
                            [](const SchannelProtocol& p) { return p.protocol == "TLS 1.3" && p.side == "Server"; });
  ASSERT_NE(tls13, e.schannel.protocols.end());
  EXPECT_EQ(tls13->enabled, 0u);
}

/// Decompresses a corpus hive into a temporary file (never into the repository).
class Hive {
 public:
  explicit Hive(const std::string& name) {
    path_ = fs::temp_directory_path() / ("mtls-hive-" + std::to_string(::getpid()) + "-" + name);
    const std::string cmd = "xz -dc '" + (kHives / (name + ".xz")).string() + "' > '" + path_.string() + "'";
    ok_ = std::system(cmd.c_str()) == 0;
  }
  ~Hive() { fs::remove(path_); }
  const fs::path& path() const { return path_; }
  bool ok() const { return ok_; }

 private:
  fs::path path_;
  bool ok_ = false;
};

TEST(IisCorpus, SystemHivesGiveSchannelDefaultsAndNoBindings) {
  for (const char* name : {"regipy_SYSTEM", "regipy_SYSTEM_2", "regipy_SYSTEM_WIN_10_1709", "regipy_SYSTEM_B"}) {
    Hive hive(name);
    ASSERT_TRUE(hive.ok()) << name;
    auto keys = read_hive_file(hive.path().string(), name);
    ASSERT_TRUE(keys) << keys.error().to_string();
    IisEvidence e;
    collect_registry_facts(*keys, e);
    EXPECT_TRUE(e.schannel.read) << name;
    EXPECT_FALSE(e.schannel.send_trusted_issuer_list.has_value()) << name;
    EXPECT_FALSE(e.schannel.client_auth_trust_mode.has_value()) << name;
    EXPECT_EQ(e.schannel.event_logging, 1u) << name;
    EXPECT_TRUE(e.bindings_read) << name;
    EXPECT_TRUE(e.bindings.empty()) << name;
  }
}

TEST(IisCorpus, CorruptedHiveIsAnError) {
  Hive hive("regipy_corrupted_system_hive");
  ASSERT_TRUE(hive.ok());
  auto keys = read_hive_file(hive.path().string(), "corrupted");
  ASSERT_FALSE(keys);
  EXPECT_EQ(keys.error().to_string(), "corrupted: cannot read hive: libregf_file_get_root_key: unable to create root key.");
}

TEST(IisCorpus, LogFileIsNotAHive) {
  Hive hive("regipy_SYSTEM_B.LOG1");
  ASSERT_TRUE(hive.ok());
  auto keys = read_hive_file(hive.path().string(), "SYSTEM.LOG1");
  ASSERT_FALSE(keys);
  EXPECT_EQ(keys.error().to_string(), "SYSTEM.LOG1: hive has no root key (a .LOG1/.LOG2 transaction log is not a hive)");
}

TEST(IisCorpus, UserHivesGiveCertificateStoresWithDer) {
  Hive partial("regipy_ntuser_software_partial");
  ASSERT_TRUE(partial.ok());
  auto keys = read_hive_file(partial.path().string(), "software_partial");
  ASSERT_TRUE(keys) << keys.error().to_string();
  IisEvidence e;
  collect_registry_facts(*keys, e);
  EXPECT_TRUE(e.stores_read);
  EXPECT_EQ(e.store_certificates.size(), 10u);
  for (const StoreCertificate& c : e.store_certificates) {
    EXPECT_TRUE(c.decode_error.empty()) << c.thumbprint << ": " << c.decode_error;
    EXPECT_FALSE(c.der.empty());
    EXPECT_EQ(static_cast<unsigned char>(c.der[0]), 0x30u);  // a DER SEQUENCE
  }
  Hive ntuser("regipy_NTUSER_BAGMRU.DAT");
  ASSERT_TRUE(ntuser.ok());
  auto user_keys = read_hive_file(ntuser.path().string(), "NTUSER.DAT");
  ASSERT_TRUE(user_keys) << user_keys.error().to_string();
  IisEvidence u;
  collect_registry_facts(*user_keys, u);
  std::size_t ca = 0;
  for (const StoreCertificate& c : u.store_certificates) ca += c.store == "CurrentUser\\CA";
  EXPECT_EQ(ca, 16u);
}

}  // namespace
}  // namespace mtls::parse
