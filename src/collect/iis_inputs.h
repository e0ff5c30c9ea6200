// SPDX-License-Identifier: Apache-2.0
// Reading what an admin exported from a Windows server into IisEvidence: applicationHost.config
// and web.config, `netsh http show sslcert` output, .reg exports and registry hives. The parsers
// in src/parse/iis are pure; the file reading and the decoding of UTF-16 live here.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/evidence/iis.h"
#include "collect/files.h"
#include "core/expected.h"
#include "parse/iis/registry.h"

namespace mtls::collect {

/// applicationHost.config, or a web.config read at `vpath` ("Default Web Site/app"; empty = as
/// applicationHost.config writes paths).
Expected<Done> add_config(IisEvidence& e, const std::string& path, std::string_view display, std::string_view vpath = {});
/// `netsh http show sslcert` output; returns the number of bindings read.
Expected<std::size_t> add_sslcert(IisEvidence& e, const std::string& path, std::string_view display);
/// The keys of a hive saved with `reg save` (`kind` registry_hive) or of a .reg export (else).
Expected<std::vector<parse::RegistryKey>> read_registry_keys(const std::string& path, std::string_view display,
                                                             InputKind kind);
/// The facts of keys read (Schannel, http.sys bindings, stores, zones); the input is listed.
void add_registry_keys(IisEvidence& e, const std::vector<parse::RegistryKey>& keys, std::string_view display);
/// A .reg export or a hive, recognised by its content; returns the number of keys read.
Expected<std::size_t> add_registry(IisEvidence& e, const std::string& path, std::string_view display);
/// Certificates read from hives: DER to facts (through src/tls, the only code that sees OpenSSL).
void finish_store_certificates(IisEvidence& e);

/// What `mtls-doctor iis` names on its command line.
struct IisInputs {
  std::vector<std::string> configs;
  std::vector<std::string> web_configs;  ///< "VPATH=FILE"
  std::vector<std::string> sslcerts;
  std::vector<std::string> registries;
};

/// Every named input read, in order; the first unusable one is the error.
Expected<IisEvidence> read_iis_inputs(const IisInputs& in);

}  // namespace mtls::collect
