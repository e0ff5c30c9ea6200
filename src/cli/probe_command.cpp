// SPDX-License-Identifier: Apache-2.0
// mtls-doctor probe URL [client identity] [--ca FILE] [--sni NAME|--no-sni] [--connect HOST:PORT]
//                       [--tls 1.2|1.3] [--alpn LIST] [--timeout S] [--method M] [--header H]...
// mtls-doctor probe --targets FILE [-j N] [client identity]
#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <unistd.h>

#include <atomic>
#include <fstream>
#include <memory>
#include <mutex>
#include <thread>

#include "checks/all_checks.h"
#include "cli/clock.h"
#include "cli/command.h"
#include "cli/identity_options.h"
#include "cli/output.h"
#include "core/runner.h"
#include "core/version.h"
#include "tls/certificate_sources.h"
#include "tls/probe.h"

namespace mtls::cli {
namespace {

constexpr std::size_t kMaxTargets = 10000;
constexpr int kMaxJobs = 64;

struct ProbeArgs {
  std::string url;
  std::string targets_file;
  int jobs = 8;
  std::string connect;
  std::string sni;
  bool no_sni = false;
  std::string tls;
  std::string alpn = "h2,http/1.1";
  double timeout_seconds = 10;
  std::string method = "GET";
  std::vector<std::string> headers;
  std::string ca_file;
  IdentityOptions identity;
};

/// Ask for the password once, however many targets load the identity.
tls::PasswordProvider cached(tls::PasswordProvider inner) {
  struct Cache {
    std::mutex mutex;
    std::optional<Secret> secret;
    std::optional<Error> error;
  };
  auto cache = std::make_shared<Cache>();
  return [inner = std::move(inner), cache]() -> Expected<Secret> {
    std::lock_guard lock(cache->mutex);
    if (!cache->secret && !cache->error) {
      auto got = inner();
      if (got) {
        cache->secret = std::move(*got);
      } else {
        cache->error = got.error();
      }
    }
    if (cache->error) return unexpected(*cache->error);
    return Secret(std::string(cache->secret->reveal()));
  };
}

tls::ProbeOptions probe_options(const ProbeArgs& a, std::string url, const tls::PasswordProvider& password) {
  tls::ProbeOptions o;
  o.url = std::move(url);
  o.connect = a.connect;
  o.sni = a.sni;
  o.no_sni = a.no_sni;
  o.tls_version = a.tls;
  o.alpn = a.alpn;
  o.timeout = std::chrono::milliseconds(static_cast<long long>(a.timeout_seconds * 1000));
  o.method = a.method;
  o.headers = a.headers;
  o.ca_file = a.ca_file;
  o.identity = a.identity.spec;
  o.password = password;
  return o;
}

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
  std::ifstream in(path);
  if (!in) return unexpected(fmt::format("cannot read targets file '{}'", path));
  std::vector<std::string> urls;
  std::string line;
  std::size_t number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (line.size() > 4096) return unexpected("line longer than 4096 characters", fmt::format("{}:{}", path, number));
    if (const auto hash = line.find('#'); hash != std::string::npos) line.erase(hash);
    const auto first = line.find_first_not_of(" \t\r");
    if (first == std::string::npos) continue;
    line = line.substr(first, line.find_last_not_of(" \t\r") - first + 1);
    tls::ProbeOptions check;
    check.url = line;
    if (auto ok = tls::validate_probe_options(check); !ok) {
      return unexpected(ok.error().message, fmt::format("{}:{}", path, number));
    }
    if (urls.size() == kMaxTargets) return unexpected(fmt::format("more than {} targets", kMaxTargets), path);
    urls.push_back(line);
  }
  if (urls.empty()) return unexpected("no targets (one https:// URL per line)", path);
  return urls;
}

std::string cell(std::string text, std::size_t width) {
  if (text.size() > width) text = text.substr(0, width - 1) + "~";
  return fmt::format("{:<{}}", text, width);
}

int run_targets(const ProbeArgs& args, const GlobalOptions& global, const tls::PasswordProvider& password) {
  auto format = output_format(global);
  if (!format) return fail(format.error().to_string());
  if (*format != Format::text && *format != Format::json) return fail("probe --targets prints text or json");
  auto urls = read_targets(args.targets_file);
  if (!urls) return fail(urls.error().to_string());
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
            app.add_option("--connect", args->connect, "dial HOST:PORT instead, keeping SNI and Host from the URL");
            app.add_option("--sni", args->sni, "server name to send (default: the URL's host)");
            app.add_flag("--no-sni", args->no_sni, "send no server name");
            app.add_option("--tls", args->tls, "use only TLS 1.2 or 1.3")->check(CLI::IsMember({"1.2", "1.3"}));
            app.add_option("--alpn", args->alpn, "protocols the browser-like attempt offers")->capture_default_str();
            app.add_option("--timeout", args->timeout_seconds, "seconds for the whole probe of one target: every attempt's connect, handshake and HTTP")->capture_default_str();
            app.add_option("--method", args->method, "HTTP method")->capture_default_str();
            app.add_option("--header", args->headers, "extra request header 'Name: value' (repeatable)");
            app.add_option("--ca", args->ca_file, "CA file to verify the server's chain (default: the system store)");
            add_identity_options(app, args->identity);
            return [args](const GlobalOptions& global) {
              if (const std::string bad = identity_options_error(args->identity); !bad.empty()) return fail(bad);
              if (args->url.empty() == args->targets_file.empty()) return fail("give one URL or --targets FILE");
              if (args->timeout_seconds <= 0 || args->timeout_seconds > 600) return fail("--timeout must be between 0 and 600 seconds");
              const tls::PasswordProvider password = cached(password_provider(args->identity));
              if (!args->targets_file.empty()) return run_targets(*args, global, password);
              auto report = probe_report(probe_options(*args, args->url, password));
              if (!report) return fail(report.error().to_string());
              return emit_report(global, *report);
            };
          }};
}

}  // namespace mtls::cli
