// SPDX-License-Identifier: Apache-2.0
// The IIS configuration an IIS-like scenario stands for, written as the files an admin exports
// from the server: applicationHost.config (the site, its https bindings, <access sslFlags> and
// the certificate mapping), `netsh http show sslcert` output saved by PowerShell's `>` (UTF-16LE
// with a BOM), and `reg export` of the Schannel key (UTF-16LE with a BOM, as regedit writes).
#pragma once

#include <string>

#include "core/expected.h"
#include "lab/scenarios.h"

namespace mtls::lab {

struct IisFiles {
  std::string application_host;  ///< DIR/applicationHost.config
  std::string sslcert;           ///< DIR/sslcert.txt
  std::string schannel;          ///< DIR/schannel.reg
};

/// The Application ID IIS registers its https bindings with (netsh shows it on every IIS binding).
inline constexpr const char* kIisAppId = "{4dc3e181-e14b-4a21-b022-59fc669b0914}";

/// The three texts (UTF-8) for `scenario` served on `port` with the server certificate whose
/// SHA-1 thumbprint is `certificate_hash`.
std::string application_host_config(const Scenario& scenario, int port);
std::string netsh_show_sslcert(const Scenario& scenario, int port,
                               const std::string& certificate_hash);
std::string schannel_reg_export(const Scenario& scenario);

/// CRLF line ends (what Windows tools write) from LF ones.
std::string crlf(std::string_view text);

/// UTF-16LE with a BOM and CRLF line ends, from ASCII/UTF-8 text with LF line ends.
std::string utf16le_with_bom(std::string_view text);

/// Write the three files into `dir` (created if missing). A scenario that is not IIS-like has no
/// IIS configuration: an error saying so.
Expected<IisFiles> write_iis_files(const Scenario& scenario, int port,
                                   const std::string& certificate_hash, const std::string& dir);

}  // namespace mtls::lab
