// SPDX-License-Identifier: Apache-2.0
// mtls-doctor iis [--config FILE]... [--web-config VPATH=FILE]... [--sslcert FILE]...
//                 [--registry FILE.reg|HIVE]...
// Reads what the admin exported from the Windows server, offline on any OS, and walks C1, C2, C3,
// C8–C11 and C14.
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>

#include "checks/all_checks.h"
#include "cli/clock.h"
#include "cli/command.h"
#include "cli/output.h"
#include "core/runner.h"
#include "core/version.h"
#include "parse/iis/hive.h"
#include "parse/iis/iis_config.h"
#include "parse/iis/netsh_sslcert.h"
#include "parse/iis/reg_export.h"
#include "parse/iis/registry_facts.h"
#include "parse/iis/text_decoding.h"
#include "tls/distinguished_name.h"

namespace mtls::cli {
namespace {

constexpr std::uintmax_t kMaxTextFile = 64ull * 1024 * 1024;

struct IisInputs {
  std::vector<std::string> configs;
  std::vector<std::string> web_configs;  ///< "VPATH=FILE"
  std::vector<std::string> sslcerts;
  std::vector<std::string> registries;
};

Expected<std::string> read_file(const std::string& path, std::uintmax_t limit) {
  std::error_code ec;
  const auto size = std::filesystem::file_size(path, ec);
  if (ec) return unexpected(fmt::format("cannot read: {}", ec.message()), path);
  if (size > limit) return unexpected(fmt::format("file larger than {} MiB", limit / (1024 * 1024)), path);
  std::ifstream in(path, std::ios::binary);
  if (!in) return unexpected("cannot open", path);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

Expected<std::string> read_text(const std::string& path) {
  auto bytes = read_file(path, kMaxTextFile);
  if (!bytes) return bytes;
  return parse::decode_text(*bytes, path);
}

void add_config(IisEvidence& e, parse::IisConfig config) {
  e.config_read = true;
  for (IisSite& s : config.sites) e.sites.push_back(std::move(s));
  for (IisLocation& l : config.locations) e.locations.push_back(std::move(l));
  for (IisSectionDeclaration& d : config.section_declarations) e.section_declarations.push_back(std::move(d));
}

Expected<IisEvidence> collect(const IisInputs& in) {
  IisEvidence e;
  for (const std::string& path : in.configs) {
    auto text = read_text(path);
    if (!text) return unexpected(text.error());
    auto config = parse::parse_iis_config(*text, path);
    if (!config) return unexpected(config.error());
    add_config(e, std::move(*config));
    e.inputs.push_back(path);
  }
  for (const std::string& spec : in.web_configs) {
    const std::size_t eq = spec.find('=');
    if (eq == std::string::npos || eq == 0) {
      return unexpected(fmt::format("--web-config \"{}\": expected VPATH=FILE, e.g. \"Default Web Site/app=web.config\"", spec));
    }
    const std::string vpath = spec.substr(0, eq);
    const std::string path = spec.substr(eq + 1);
    auto text = read_text(path);
    if (!text) return unexpected(text.error());
    auto config = parse::parse_iis_config(*text, path, vpath);
    if (!config) return unexpected(config.error());
    add_config(e, std::move(*config));
    e.inputs.push_back(path);
  }
  for (const std::string& path : in.sslcerts) {
    auto text = read_text(path);
    if (!text) return unexpected(text.error());
    auto bindings = parse::parse_netsh_sslcert(*text, path);
    if (!bindings) return unexpected(bindings.error());
    for (HttpSysBinding& b : *bindings) {
      // One endpoint has one binding: a later listing of it (pasted before/after output) wins.
      std::erase_if(e.bindings, [&](const HttpSysBinding& old) { return old.kind == b.kind && old.endpoint == b.endpoint; });
      e.bindings.push_back(std::move(b));
    }
    e.bindings_read = true;
    e.inputs.push_back(path);
  }
  for (const std::string& path : in.registries) {
    // Hives are recognised by their signature and read by libregf from the file itself.
    std::string signature(4, '\0');
    {
      std::ifstream probe(path, std::ios::binary);
      if (!probe) return unexpected("cannot open", path);
      probe.read(signature.data(), 4);
      signature.resize(static_cast<std::size_t>(probe.gcount()));
    }
    std::vector<parse::RegistryKey> keys;
    if (parse::looks_like_hive(signature)) {
      auto hive = parse::read_hive_file(path, path);
      if (!hive) return unexpected(hive.error());
      keys = std::move(*hive);
    } else {
      auto text = read_text(path);
      if (!text) return unexpected(text.error());
      auto reg = parse::parse_reg_export(*text, path);
      if (!reg) return unexpected(reg.error());
      keys = std::move(*reg);
    }
    collect_registry_facts(keys, e);
    e.inputs.push_back(path);
  }
  // Store certificates: DER to facts through src/tls (the only code that sees OpenSSL).
  for (StoreCertificate& c : e.store_certificates) {
    if (c.der.empty()) continue;
    auto facts = tls::certificate_facts_from_der(c.der, CertificateRole::root, c.origin);
    if (facts) {
      c.facts = std::move(*facts);
    } else {
      c.decode_error = facts.error().message;
    }
  }
  return e;
}

}  // namespace

CommandSpec iis_command() {
  return {"iis", "Read IIS, http.sys and Schannel configuration exported from a Windows server",
          [](CLI::App& app) -> CommandRun {
            auto in = std::make_shared<IisInputs>();
            app.add_option("--config", in->configs, "applicationHost.config (or a web.config read at the server level)");
            app.add_option("--web-config", in->web_configs,
                           "VPATH=FILE: a web.config and the virtual path it lives at (\"Default Web Site/app=web.config\")");
            app.add_option("--sslcert", in->sslcerts, "output of `netsh http show sslcert` (UTF-8 or UTF-16LE)");
            app.add_option("--registry", in->registries,
                           "a .reg export or a hive saved with `reg save` (SYSTEM, SOFTWARE, NTUSER.DAT)");
            return [in](const GlobalOptions& options) {
              if (in->configs.empty() && in->web_configs.empty() && in->sslcerts.empty() && in->registries.empty()) {
                return fail("iis needs at least one of --config, --web-config, --sslcert, --registry");
              }
              auto format = output_format(options);
              if (!format) return fail(format.error().to_string());
              auto iis = collect(*in);
              if (!iis) return fail(iis.error().to_string());
              Evidence evidence;
              const std::vector<std::string> inputs = iis->inputs;
              evidence.iis = std::move(*iis);
              RunOptions run{.command = "iis",
                             .inputs = inputs,
                             .version = std::string(version()),
                             .context = CheckContext{now_for_report()},
                             .scope = {Step::C1, Step::C2, Step::C3, Step::C8, Step::C9, Step::C10, Step::C11, Step::C14}};
              return emit_report(options, run_checks(all_checks(), std::move(evidence), run));
            };
          }};
}

}  // namespace mtls::cli
