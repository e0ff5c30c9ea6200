// SPDX-License-Identifier: Apache-2.0
// mtls-doctor probe URL [client identity] [--ca FILE] [--sni NAME|--no-sni] [--connect HOST:PORT]
//                       [--tls 1.2|1.3] [--alpn LIST] [--timeout S] [--method M] [--header H]...
// mtls-doctor probe --targets FILE [-j N] [client identity]
#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <unistd.h>

#include <atomic>
#include <memory>
#include <mutex>
#include <thread>

#include "checks/all_checks.h"
#include "cli/clock.h"
#include "cli/command.h"
#include "cli/identity_options.h"
#include "cli/probe_options.h"
#include "cli/output.h"
#include "cli/probe_targets.h"
#include "core/input_file.h"
#include "core/runner.h"
#include "core/version.h"
#include "tls/certificate_sources.h"
#include "tls/probe.h"

namespace mtls::cli {
namespace {

constexpr int kMaxJobs = 64;

/// Probe one target and judge it. The identity's facts go into evidence.certificates so the
/// cert.* checks judge the presented certificate too.
Expected<Report> probe_report(const tls::ProbeOptions& options) {
  auto result = tls::run_probe(options);
  if (!result) return unexpected(result.error());
  Evidence evidence;
  evidence.probe = std::move(result->probe);
  if (!result->identity.empty()) evidence.certificates = CertificateEvidence{std::move(result->identity)};
  // The presented identity, judged as `mtls-doctor cert` judges it (key present and matching,
  // usage, validity), so the cert.* checks run on what was sent. The password provider is cached:
  // no second prompt.
  if (!options.identity.empty()) {
    tls::CertificateInputs identity_inputs;
    identity_inputs.identity = options.identity;
    identity_inputs.at = now_for_report();
    if (auto facts = tls::collect_certificate_evidence(identity_inputs, options.password)) {
      evidence.certificates = std::move(*facts);
    }
  }
  std::vector<std::string> inputs{options.url};
  if (!options.identity.cert_file.empty()) inputs.push_back(options.identity.cert_file);
  if (!options.identity.pfx_file.empty()) inputs.push_back(options.identity.pfx_file);
  return run_checks(all_checks(), std::move(evidence),
                    RunOptions{"probe", std::move(inputs), std::string(version()), CheckContext{now_for_report()}, {}});
}

Expected<std::vector<std::string>> read_targets(const std::string& path) {
  // Read whole (parse_targets is pure), bounded: 10 000 targets of 4 KiB fit well within 64 MiB.
  auto text = read_input_file(path, 64u << 20);
  if (!text) return unexpected(text.error());
  return parse_targets(*text, path);
}

std::string cell(std::string text, std::size_t width) {
  if (text.size() > width) text = text.substr(0, width - 1) + "~";
  return fmt::format("{:<{}}", text, width);
}

int run_targets(const ProbeArgs& args, const GlobalOptions& global, const tls::PasswordProvider& password) {
  auto format = output_format(global);
  if (!format) return fail(format.error());
  if (*format != Format::text && *format != Format::json) return fail("probe --targets prints text or json");
  auto urls = read_targets(args.targets_file);
  if (!urls) return fail(urls.error());
  const std::size_t n = urls->size();
  std::vector<std::optional<Expected<Report>>> reports(n);
  std::atomic<std::size_t> next{0};
  std::atomic<std::size_t> done{0};
  std::mutex progress_mutex;
  // A progress bar only for a person watching: never into a pipe or a log file.
  const bool show_progress = ::isatty(STDERR_FILENO) == 1 && global.verbosity >= 0;
  auto worker = [&] {
    while (true) {
      const std::size_t i = next.fetch_add(1);
      if (i >= n) return;
      try {
        reports[i] = probe_report(probe_options(args, (*urls)[i], password));
      } catch (const std::exception& e) {
        reports[i] = Expected<Report>(unexpected(e.what()));
      }
      const std::size_t finished = done.fetch_add(1) + 1;
      if (show_progress) {
        std::lock_guard lock(progress_mutex);
        const std::size_t bar = finished * 30 / n;
        fmt::print(stderr, "\r[{:#<{}}{:<{}}] {}/{}", "", bar, "", 30 - bar, finished, n);
        if (finished == n) fmt::print(stderr, "\n");
      }
    }
  };
  const int jobs = std::clamp(args.jobs, 1, kMaxJobs);
  std::vector<std::thread> threads;
  for (int t = 0; t < std::min<int>(jobs, static_cast<int>(n)); ++t) threads.emplace_back(worker);
  for (std::thread& t : threads) t.join();

  bool any_error = false;
  bool any_unusable = false;
  std::string out;
  if (*format == Format::json) {
    out = fmt::format("{{\"tool\":\"mtls-doctor\",\"version\":\"{}\",\"schema\":1,\"command\":\"probe\",\"targets\":[", version());
    for (std::size_t i = 0; i < n; ++i) {
      if (i) out += ",";
      const auto& r = *reports[i];
      if (r) {
        std::string json = render_json(*r);
        while (!json.empty() && (json.back() == '\n' || json.back() == ' ')) json.pop_back();
        out += json;
        any_error = any_error || exit_status_for(*r) == ExitStatus::findings;
      } else {
        // Same shape as a report's inputs, with the reason the target could not be probed.
        std::string message;
        for (char c : r.error().to_string()) {
          if (c == '"' || c == '\\') message += '\\';
          if (static_cast<unsigned char>(c) >= 0x20) message += c;
        }
        std::string target;
        for (char c : (*urls)[i]) {
          if (c == '"' || c == '\\') target += '\\';
          if (static_cast<unsigned char>(c) >= 0x20) target += c;
        }
        out += fmt::format("{{\"command\":\"probe\",\"inputs\":[\"{}\"],\"error\":\"{}\"}}", target, message);
        any_unusable = true;
      }
    }
    out += "]}\n";
  } else {
    const std::size_t w = 40;
    out += fmt::format("{} {} {} {}\n", cell("target", w), cell("verdict", 8), cell("errors", 6), "top finding");
    for (std::size_t i = 0; i < n; ++i) {
      const auto& r = *reports[i];
      if (!r) {
        out += fmt::format("{} {} {} {}\n", cell((*urls)[i], w), cell("unusable", 8), cell("-", 6), r.error().to_string());
        any_unusable = true;
        continue;
      }
      const bool errors = exit_status_for(*r) == ExitStatus::findings;
      any_error = any_error || errors;
      const std::string top = r->findings.empty() ? "none" : fmt::format("{}: {}", r->findings.front().id, r->findings.front().title);
      out += fmt::format("{} {} {} {}\n", cell((*urls)[i], w), cell(errors ? "fail" : "ok", 8),
                         cell(std::to_string(r->summary.errors), 6), top);
    }
  }
  const int status = emit(global, out);
  if (status != 0) return status;
  return any_unusable ? 2 : any_error ? 1 : 0;
}

}  // namespace

CommandSpec probe_command() {
  return {"probe", "Probe a server live: when and how it asks for a client certificate, and why it refuses one",
          [](CLI::App& app) -> CommandRun {
            auto args = std::make_shared<ProbeArgs>();
            app.add_option("url", args->url, "https://host[:port]/path");
            app.add_option("--targets", args->targets_file, "probe every URL in FILE (one per line, # comments)");
            app.add_option("-j,--jobs", args->jobs, "concurrent probes with --targets (1-64)")->capture_default_str();
            add_probe_options(app, *args);
            return [args](const GlobalOptions& global) {
              if (const std::string bad = probe_options_error(*args); !bad.empty()) return fail(bad);
              if (args->url.empty() == args->targets_file.empty()) return fail("give one URL or --targets FILE");
              const tls::PasswordProvider password = cached(password_provider(args->identity));
              if (!args->targets_file.empty()) return run_targets(*args, global, password);
              auto report = probe_report(probe_options(*args, args->url, password));
              if (!report) return fail(report.error());
              return emit_report(global, *report);
            };
          }};
}

}  // namespace mtls::cli
