// SPDX-License-Identifier: Apache-2.0
// mtls-doctor lab [--scenario NAME] [--port N] [--dir DIR] [--log-dir DIR] [--write-config DIR]
//                 [--connections N] [--list]: a loopback HTTPS server that reproduces one known
// client-certificate failure, with its PKI, the client identity to probe it with, and (for the
// IIS-like scenarios) the W3C log and the configuration files an IIS server would have.
#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <unistd.h>

#include <atomic>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <optional>

#include "cli/clock.h"
#include "cli/command.h"
#include "cli/output.h"
#include "lab/iis_files.h"
#include "core/version.h"
#include "lab/scenarios.h"
#include "lab/w3c_log.h"

namespace mtls::cli {
namespace {

std::atomic<bool> stop_requested{false};

extern "C" void request_stop(int) { stop_requested.store(true); }

struct LabOptions {
  std::string scenario = "late-renegotiation";
  int port = 0;
  std::string dir;
  std::string log_dir;
  std::string config_dir;
  int connections = 0;
  bool list = false;
};

std::string_view files_text(const lab::Scenario& s) {
  return s.iis ? "IIS-like: --log-dir and --write-config write its W3C log and IIS configuration"
               : "not IIS: no W3C log or IIS configuration";
}

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
    out += fmt::format(
        "{}\n  {}\n  a probe{} reports: {}\n  {}\n", s.name, s.imitates,
        s.identity == lab::ProbeIdentity::expired_client ? " with the expired identity" : "",
        s.expected_findings.empty() ? "no error finding"
                                    : fmt::format("{}", fmt::join(s.expected_findings, ", ")),
        files_text(s));
  }
  return emit(options, out);
}

/// The probe command for a scenario: by name (through --connect) when a binding answers SNI.
std::string probe_command(const lab::Scenario& scenario, const tls::LabPkiFiles& pki, int port) {
  const bool expired = scenario.identity == lab::ProbeIdentity::expired_client;
  const std::string target =
      scenario.sni_binding
          ? fmt::format("https://{}:{}/ --connect 127.0.0.1:{}", lab::kSniHost, port, port)
          : fmt::format("https://127.0.0.1:{}/", port);
  return fmt::format("mtls-doctor probe {} --cert {} --key {} --ca {}", target,
                     expired ? pki.expired_client_cert : pki.client_cert,
                     expired ? pki.expired_client_key : pki.client_key, pki.server_ca);
}

int run_lab(const LabOptions& lab_options, const GlobalOptions& options) {
  if (lab_options.list) return list_scenarios(options);
  if (options.format != "text")
    return fail("lab prints text only (its findings come from probing it)");
  const lab::Scenario* scenario = lab::find_scenario(lab_options.scenario);
  if (!scenario) {
    std::vector<std::string_view> names;
    for (const lab::Scenario& s : lab::scenarios()) names.push_back(s.name);
    return fail(fmt::format("unknown scenario '{}' (one of: {})", lab_options.scenario,
                            fmt::join(names, ", ")));
  }
  if (lab_options.port < 0 || lab_options.port > 65535)
    return fail(fmt::format("--port {} is not a TCP port", lab_options.port));
  if (!scenario->iis && (!lab_options.log_dir.empty() || !lab_options.config_dir.empty())) {
    return fail(fmt::format(
        "scenario '{}' imitates no IIS server: --log-dir and --write-config are for the IIS-like "
        "scenarios (see --list)",
        scenario->name));
  }
  std::optional<lab::W3cLog> log;
  if (!lab_options.log_dir.empty()) {
    auto opened = lab::W3cLog::open(lab_options.log_dir);
    if (!opened) return fail(opened.error());
    log = std::move(*opened);
  }

  std::string dir = lab_options.dir;
  const bool own_dir = dir.empty();
  if (own_dir) {
    std::string pattern =
        (std::filesystem::temp_directory_path() / "mtls-doctor-lab-XXXXXX").string();
    if (!::mkdtemp(pattern.data())) return fail("cannot create a temporary folder for the lab PKI");
    dir = pattern;
  }
  auto pki = tls::write_lab_pki(dir, now_for_report());
  if (!pki) return fail(pki.error());

  tls::LabServerConfig config = lab::server_config(*scenario, *pki);
  config.port = lab_options.port;
  config.max_connections = lab_options.connections;
  bool log_failed = false;
  if (log) {
    config.on_request = [&](const tls::LabRequest& request) {
      auto written = log->write(request, std::chrono::system_clock::now());
      if (!written && !log_failed) {
        log_failed = true;
        fmt::print(stderr, "mtls-doctor lab: {}\n", written.error().to_string());
      }
    };
  }
  // A client that leaves mid-answer must not end the lab: OpenSSL's socket BIO uses write(2).
  std::signal(SIGPIPE, SIG_IGN);
  std::signal(SIGINT, request_stop);
  std::signal(SIGTERM, request_stop);

  std::optional<Error> config_error;
  auto served = tls::run_lab_server(
      config,
      [&](int port) {
        fmt::print("mtls-doctor lab: scenario {}\n  {}\n", scenario->name, scenario->imitates);
        if (!own_dir) {
          fmt::print("  PKI in {}: {}\n", dir,
                     pki->made.empty()
                         ? "kept as it was"
                         : fmt::format("{} file(s) made, the rest kept", pki->made.size()));
        }
        fmt::print(
            "  client identity: --cert {} --key {}\n  expired client identity: --cert {} --key {}\n"
            "  server CA: --ca {}\n",
            pki->client_cert, pki->client_key, pki->expired_client_cert, pki->expired_client_key,
            pki->server_ca);
        if (log) fmt::print("  W3C log: {}/u_exYYMMDD.log\n", log->folder());
        if (!lab_options.config_dir.empty()) {
          auto files =
              lab::write_iis_files(*scenario, port, pki->server_sha1, lab_options.config_dir);
          if (!files) {
            config_error = files.error();
            stop_requested.store(true);
            return;
          }
          fmt::print("  IIS configuration: {} {} {}\n", files->application_host, files->sslcert,
                     files->schannel);
        }
        fmt::print("  probe it: {}\n", probe_command(*scenario, *pki, port));
        fmt::print("listening on https://127.0.0.1:{}/ (Ctrl-C stops)\n", port);
        std::fflush(stdout);
      },
      stop_requested);
  if (own_dir) {
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
  }
  if (config_error) return fail(*config_error);
  if (!served) return fail(served.error());
  return 0;
}

}  // namespace

CommandSpec lab_command() {
  return {
      "lab", "Run a loopback HTTPS server that reproduces a known client-certificate failure",
      [](CLI::App& app) -> CommandRun {
        auto options = std::make_shared<LabOptions>();
        app.add_option("--scenario", options->scenario, "which failure to reproduce (see --list)")
            ->capture_default_str();
        app.add_option("--port", options->port, "TCP port on 127.0.0.1 (default: a free one)");
        app.add_option(
            "--dir", options->dir,
            "keep the lab PKI here: an existing one is kept, only missing or expired files are "
            "made (default: a temporary folder, removed at exit)");
        app.add_option("--log-dir", options->log_dir,
                       "write IIS W3C log lines for every request to DIR/W3SVC1/u_exYYMMDD.log");
        app.add_option(
            "--write-config", options->config_dir,
            "write the scenario's IIS configuration to DIR: applicationHost.config, sslcert.txt "
            "(netsh http show sslcert), schannel.reg");
        app.add_option("--connections", options->connections,
                       "stop after N connections (default: until Ctrl-C)");
        app.add_flag("--list", options->list, "list the scenarios");
        return [options](const GlobalOptions& global) { return run_lab(*options, global); };
      }};
}

}  // namespace mtls::cli
