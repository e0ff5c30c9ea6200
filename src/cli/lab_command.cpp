// SPDX-License-Identifier: Apache-2.0
// mtls-doctor lab [--scenario NAME] [--port N] [--dir DIR] [--connections N] [--list]: a loopback
// HTTPS server that reproduces one known client-certificate failure, with a fresh PKI and the
// client identity to probe it with.
#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <unistd.h>

#include <atomic>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <filesystem>

#include "cli/clock.h"
#include "cli/command.h"
#include "cli/output.h"
#include "core/version.h"
#include "lab/scenarios.h"

namespace mtls::cli {
namespace {

std::atomic<bool> stop_requested{false};

extern "C" void request_stop(int) { stop_requested.store(true); }

struct LabOptions {
  std::string scenario = "late-renegotiation";
  int port = 0;
  std::string dir;
  int connections = 0;
  bool list = false;
};

/// docs/lab-list.schema.json
std::string scenarios_json() {
  std::string out =
      fmt::format(R"({{"tool":"mtls-doctor","version":{},"command":"lab","scenarios":[)",
                  json_string(version()));
  bool first = true;
  for (const lab::Scenario& s : lab::scenarios()) {
    std::vector<std::string> findings;
    for (std::string_view id : s.expected_findings) findings.push_back(json_string(id));
    out += fmt::format(R"({}{{"name":{},"imitates":{},"expected_findings":[{}]}})",
                       first ? "" : ",", json_string(s.name), json_string(s.imitates),
                       fmt::join(findings, ","));
    first = false;
  }
  return out + "]}\n";
}

int list_scenarios(const GlobalOptions& options) {
  if (options.format == "json") return emit(options, scenarios_json());
  if (options.format != "text") return fail("lab --list prints text or json");
  std::string out;
  for (const lab::Scenario& s : lab::scenarios()) {
    out += fmt::format("{}\n  {}\n  a probe reports: {}\n", s.name, s.imitates,
                       s.expected_findings.empty() ? "no error finding" : fmt::format("{}", fmt::join(s.expected_findings, ", ")));
  }
  return emit(options, out);
}

int run_lab(const LabOptions& lab_options, const GlobalOptions& options) {
  if (lab_options.list) return list_scenarios(options);
  if (options.format != "text") return fail("lab prints text only (its findings come from probing it)");
  const lab::Scenario* scenario = lab::find_scenario(lab_options.scenario);
  if (!scenario) {
    std::vector<std::string_view> names;
    for (const lab::Scenario& s : lab::scenarios()) names.push_back(s.name);
    return fail(fmt::format("unknown scenario '{}' (one of: {})", lab_options.scenario, fmt::join(names, ", ")));
  }
  if (lab_options.port < 0 || lab_options.port > 65535) return fail(fmt::format("--port {} is not a TCP port", lab_options.port));

  std::string dir = lab_options.dir;
  const bool own_dir = dir.empty();
  if (own_dir) {
    std::string pattern = (std::filesystem::temp_directory_path() / "mtls-doctor-lab-XXXXXX").string();
    if (!::mkdtemp(pattern.data())) return fail("cannot create a temporary folder for the lab PKI");
    dir = pattern;
  }
  auto pki = tls::write_lab_pki(dir, now_for_report());
  if (!pki) return fail(pki.error().to_string());

  tls::LabServerConfig config = lab::server_config(*scenario, *pki);
  config.port = lab_options.port;
  config.max_connections = lab_options.connections;
  std::signal(SIGINT, request_stop);
  std::signal(SIGTERM, request_stop);

  auto served = tls::run_lab_server(
      config,
      [&](int port) {
        fmt::print("mtls-doctor lab: scenario {}\n  {}\n", scenario->name, scenario->imitates);
        fmt::print("  client identity: --cert {} --key {}\n  server CA: --ca {}\n", pki->client_cert, pki->client_key,
                   pki->server_ca);
        fmt::print("  probe it: mtls-doctor probe https://127.0.0.1:{}/ --cert {} --key {} --ca {}\n", port,
                   pki->client_cert, pki->client_key, pki->server_ca);
        fmt::print("listening on https://127.0.0.1:{}/ (Ctrl-C stops)\n", port);
        std::fflush(stdout);
      },
      stop_requested);
  if (own_dir) {
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
  }
  if (!served) return fail(served.error().to_string());
  return 0;
}

}  // namespace

CommandSpec lab_command() {
  return {"lab", "Run a loopback HTTPS server that reproduces a known client-certificate failure",
          [](CLI::App& app) -> CommandRun {
            auto options = std::make_shared<LabOptions>();
            app.add_option("--scenario", options->scenario, "which failure to reproduce (see --list)")->capture_default_str();
            app.add_option("--port", options->port, "TCP port on 127.0.0.1 (default: a free one)");
            app.add_option("--dir", options->dir, "write the lab PKI here (default: a temporary folder, removed at exit)");
            app.add_option("--connections", options->connections, "stop after N connections (default: until Ctrl-C)");
            app.add_flag("--list", options->list, "list the scenarios");
            return [options](const GlobalOptions& global) { return run_lab(*options, global); };
          }};
}

}  // namespace mtls::cli
