// SPDX-License-Identifier: Apache-2.0
#include "collect/iis_inputs.h"

#include <fmt/format.h>

#include "core/input_file.h"
#include "core/sniff.h"
#include "parse/iis/hive.h"
#include "parse/iis/iis_config.h"
#include "parse/iis/netsh_sslcert.h"
#include "parse/iis/reg_export.h"
#include "parse/iis/registry_facts.h"
#include "parse/iis/text_decoding.h"
#include "tls/distinguished_name.h"

namespace mtls::collect {

Expected<Done> add_config(IisEvidence& e, const std::string& path, std::string_view display, std::string_view vpath) {
  auto text = read_text(path, display);
  if (!text) return unexpected(text.error());
  auto config = vpath.empty() ? parse::parse_iis_config(*text, display)
                              : parse::parse_iis_config(*text, display, std::string(vpath));
  if (!config) return unexpected(config.error());
  e.config_read = true;
  for (IisSite& s : config->sites) e.sites.push_back(std::move(s));
  for (IisLocation& l : config->locations) e.locations.push_back(std::move(l));
  for (IisSectionDeclaration& d : config->section_declarations) e.section_declarations.push_back(std::move(d));
  e.inputs.emplace_back(display);
  return Done{};
}

Expected<std::size_t> add_sslcert(IisEvidence& e, const std::string& path, std::string_view display) {
  auto text = read_text(path, display);
  if (!text) return unexpected(text.error());
  auto bindings = parse::parse_netsh_sslcert(*text, display);
  if (!bindings) return unexpected(bindings.error());
  const std::size_t n = bindings->size();
  for (HttpSysBinding& b : *bindings) {
    // One endpoint has one binding: a later listing of it (pasted before/after output) wins.
    std::erase_if(e.bindings, [&](const HttpSysBinding& old) { return old.kind == b.kind && old.endpoint == b.endpoint; });
    e.bindings.push_back(std::move(b));
  }
  e.bindings_read = true;
  e.inputs.emplace_back(display);
  return n;
}

Expected<std::vector<parse::RegistryKey>> read_registry_keys(const std::string& path, std::string_view display,
                                                             InputKind kind) {
  if (kind == InputKind::registry_hive) return parse::read_hive_file(path, display);  // libregf reads the file
  auto text = read_text(path, display);
  if (!text) return unexpected(text.error());
  return parse::parse_reg_export(*text, display);
}

void add_registry_keys(IisEvidence& e, const std::vector<parse::RegistryKey>& keys, std::string_view display) {
  collect_registry_facts(keys, e);
  e.inputs.emplace_back(display);
}

Expected<std::size_t> add_registry(IisEvidence& e, const std::string& path, std::string_view display) {
  auto head = read_input_head(path, kSniffBytes, display);
  if (!head) return unexpected(head.error());
  auto keys = read_registry_keys(path, display, sniff(*head));
  if (!keys) return unexpected(keys.error());
  add_registry_keys(e, *keys, display);
  return keys->size();
}

void finish_store_certificates(IisEvidence& e) {
  for (StoreCertificate& c : e.store_certificates) {
    if (c.der.empty() || c.facts || !c.decode_error.empty()) continue;
    auto facts = tls::certificate_facts_from_der(c.der, CertificateRole::root, c.origin);
    if (facts) {
      c.facts = std::move(*facts);
    } else {
      c.decode_error = facts.error().message;
    }
  }
}

Expected<IisEvidence> read_iis_inputs(const IisInputs& in) {
  IisEvidence e;
  for (const std::string& path : in.configs) {
    if (auto done = add_config(e, path, path); !done) return unexpected(done.error());
  }
  for (const std::string& spec : in.web_configs) {
    const std::size_t eq = spec.find('=');
    if (eq == std::string::npos || eq == 0) {
      return unexpected(fmt::format("--web-config \"{}\": expected VPATH=FILE, e.g. \"Default Web Site/app=web.config\"", spec));
    }
    const std::string path = spec.substr(eq + 1);
    if (auto done = add_config(e, path, path, spec.substr(0, eq)); !done) return unexpected(done.error());
  }
  for (const std::string& path : in.sslcerts) {
    if (auto n = add_sslcert(e, path, path); !n) return unexpected(n.error());
  }
  for (const std::string& path : in.registries) {
    if (auto n = add_registry(e, path, path); !n) return unexpected(n.error());
  }
  finish_store_certificates(e);
  return e;
}

}  // namespace mtls::collect
