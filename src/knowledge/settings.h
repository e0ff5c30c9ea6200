// SPDX-License-Identifier: Apache-2.0
// Schannel registry values, http.sys SSL binding fields and IIS settings that decide client-
// certificate authentication (checklist steps C1, C8-C11), with their values and defaults per Windows version.
#pragma once

#include <span>
#include <string_view>
#include <vector>

#include "core/finding.h"

namespace mtls::knowledge {

struct SettingValue {
  std::string_view value;    ///< "0", "1", "Enabled", "SslRequireCert"
  std::string_view meaning;
};

/// One command that sets or reads the setting: exactly what is typed, with <placeholders> for
/// the user's own values, and what it is for.
struct SettingCommand {
  Shell shell = Shell::cmd;
  std::string_view command;
  std::string_view note;
};

struct Setting {
  std::string_view name;       ///< "SendTrustedIssuerList", "clientcertnegotiation", "sslFlags"
  std::vector<std::string_view> aliases;  ///< other spellings: netsh display names, registry names
  std::string_view kind;       ///< "Schannel registry value", "http.sys SSL binding", "IIS setting"
  std::string_view location;   ///< registry path, netsh parameter, config section
  std::vector<SettingValue> values;
  std::string_view default_value;  ///< with the Windows versions it applies to
  std::string_view client_cert;    ///< why it matters for client-certificate authentication
  std::vector<SettingCommand> how_to_set;  ///< in order; an alternative says so in its note
};

std::span<const Setting> settings();
/// By name or alias, case-insensitive.
const Setting* find_setting(std::string_view name);

}  // namespace mtls::knowledge
