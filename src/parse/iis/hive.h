// SPDX-License-Identifier: Apache-2.0
// Registry hive files as `reg save` writes them (regf), read with libregf (private to this
// folder). Only the subtrees that matter are read: from SYSTEM the current control set's SCHANNEL
// and HTTP\Parameters\Ssl*BindingInfo keys; from SOFTWARE (or an NTUSER hive) SystemCertificates
// and the Internet Settings zones. Keys come back with the paths regedit would print, so
// collect_registry_facts reads hives and .reg exports alike.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/expected.h"
#include "parse/iis/registry.h"

namespace mtls::parse {

/// True when `bytes` start like a regf hive.
bool looks_like_hive(std::string_view bytes);

/// Reads the hive at `path`; `display_name` is how evidence and errors name it.
Expected<std::vector<RegistryKey>> read_hive_file(const std::string& path, std::string_view display_name);

}  // namespace mtls::parse
