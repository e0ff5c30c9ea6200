// SPDX-License-Identifier: Apache-2.0
// Builders for the IIS checks' tests: evidence from inline configuration, netsh output and .reg
// text through the real readers, so tests read like what an admin exports.
#pragma once

#include <gtest/gtest.h>

#include <string>

#include "core/check.h"
#include "parse/iis/iis_config.h"
#include "parse/iis/netsh_sslcert.h"
#include "parse/iis/reg_export.h"
#include "parse/iis/registry_facts.h"

namespace mtls::checks::testing {

struct IisInput {
  std::string config;   ///< applicationHost.config text
  std::string netsh;    ///< netsh http show sslcert text
  std::string reg;      ///< .reg text
  std::string web_config;       ///< a web.config text, read at `web_config_path`
  std::string web_config_path;  ///< "Contoso/app"
};

inline Evidence iis_evidence(const IisInput& in) {
  IisEvidence e;
  if (!in.config.empty()) {
    auto c = parse::parse_iis_config(in.config, "applicationHost.config");
    EXPECT_TRUE(c) << c.error().to_string();
    e.config_read = true;
    if (c) {
      e.sites = c->sites;
      e.locations = c->locations;
      e.section_declarations = c->section_declarations;
    }
  }
  if (!in.web_config.empty()) {
    auto c = parse::parse_iis_config(in.web_config, "web.config", in.web_config_path);
    EXPECT_TRUE(c) << c.error().to_string();
    e.config_read = true;
    if (c) e.locations.insert(e.locations.end(), c->locations.begin(), c->locations.end());
  }
  if (!in.netsh.empty()) {
    auto b = parse::parse_netsh_sslcert(in.netsh, "sslcert.txt");
    EXPECT_TRUE(b) << b.error().to_string();
    if (b) e.bindings = *b;
    e.bindings_read = true;
  }
  if (!in.reg.empty()) {
    auto k = parse::parse_reg_export(in.reg, "schannel.reg");
    EXPECT_TRUE(k) << k.error().to_string();
    if (k) parse::collect_registry_facts(*k, e);
  }
  Evidence evidence;
  evidence.iis = std::move(e);
  return evidence;
}

/// A site "Contoso" with an SNI binding and an IP binding on 443; `access` goes on the site root.
inline std::string contoso_config(const std::string& access, const std::string& extra_locations = "") {
  return R"(<configuration><system.applicationHost><sites>
<site name="Contoso" id="2">
<bindings>
<binding protocol="https" bindingInformation="*:443:www.contoso.com" sslFlags="1" />
<binding protocol="https" bindingInformation="*:443:" sslFlags="0" />
</bindings>
</site>
</sites></system.applicationHost>
<location path="Contoso"><system.webServer><security><access sslFlags=")" +
         access + R"(" /></security></system.webServer></location>
)" + extra_locations +
         "</configuration>\n";
}

inline std::string netsh_binding(const std::string& key, const std::string& endpoint, const std::string& ctl,
                                 const std::string& negotiate) {
  return "    " + key + " : " + endpoint +
         "\n    Certificate Hash : 846762724f99a530cae257c8d18ceafb46723cd2\n"
         "    Application ID : {4dc3e181-e14b-4a21-b022-59fc669b0914}\n"
         "    Certificate Store Name : MY\n"
         "    Ctl Store Name : " +
         ctl + "\n    Negotiate Client Certificate : " + negotiate + "\n\n";
}

inline std::string schannel_reg(const std::string& values) {
  return "Windows Registry Editor Version 5.00\n\n"
         "[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL]\n" +
         values;
}

inline CheckResult run(const Check& check, const Evidence& e) { return check.run(e, CheckContext{}); }

}  // namespace mtls::checks::testing
