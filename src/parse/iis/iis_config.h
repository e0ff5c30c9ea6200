// SPDX-License-Identifier: Apache-2.0
// applicationHost.config and web.config (and fragments of them, as documentation and admins paste
// them): sites, applications, virtual directories, bindings with decoded sslFlags, and the
// security sections of every <location path> (access sslFlags, anonymousAuthentication,
// iisClientCertificateMappingAuthentication, clientCertificateMappingAuthentication) plus the WCF
// facts C14 needs. pugixml stays inside this folder.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/evidence/iis.h"
#include "core/expected.h"

namespace mtls::parse {

struct IisConfig {
  std::vector<IisSite> sites;
  std::vector<IisLocation> locations;
  std::vector<IisSectionDeclaration> section_declarations;  ///< <configSections> security sections
};

/// Parses UTF-8 text (see decode_text). `web_config_path` is the virtual path a web.config
/// lives at ("Default Web Site/app"): its <location path> values are relative to it and its
/// root sections apply there. Without it, paths are read as applicationHost.config writes them.
/// Errors name "source_name:line".
Expected<IisConfig> parse_iis_config(std::string_view text, std::string_view source_name,
                                     std::optional<std::string> web_config_path = std::nullopt);

/// "Ssl, SslNegotiateCert" -> flags. Unknown words are an error (returned as message only).
Expected<IisAccessSslFlags> parse_access_ssl_flags(std::string_view text);

/// Names of the set bits of a binding sslFlags value ("Sni", "CentralCertStore", ...).
std::vector<std::string> binding_ssl_flag_names(unsigned flags);

}  // namespace mtls::parse
