// SPDX-License-Identifier: Apache-2.0
// mtls-doctor pcap FILE [SERVER_SIDE_FILE] [--port N] [--client CERTFILE]: the handshakes in a
// capture (C3, C8, C11, C12), and with two captures of the same traffic, what changed between them.
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "capture/keylog.h"
#include "capture/pcap_analysis.h"
#include "checks/all_checks.h"
#include "cli/command.h"
#include "cli/output.h"
#include "cli/clock.h"
#include "core/runner.h"
#include "core/version.h"
#include "tls/distinguished_name.h"

namespace mtls::cli {
namespace {

struct PcapArgs {
  std::vector<std::string> files;
  int port = 0;
  std::string client;
  std::string keylog;
};

int run_pcap(const PcapArgs& args, const GlobalOptions& options) {
  auto format = output_format(options);
  if (!format) return fail(format.error());
  Evidence evidence;
  PcapEvidence pcap;
  capture::AnalysisOptions analysis;
  if (args.port > 0) analysis.port = static_cast<std::uint16_t>(args.port);
  // --keylog only, never SSLKEYLOGFILE from the environment: a key log unlocks the traffic, so the
  // user hands it over deliberately (and a variable left set for a browser would silently apply).
  std::optional<capture::KeyLog> keylog;
  if (!args.keylog.empty()) {
    auto log = capture::read_keylog_file(args.keylog);
    if (!log) return fail(log.error());
    keylog = std::move(*log);
    analysis.keylog = &*keylog;
    pcap.keylog = args.keylog;
    if (keylog->bad_lines) {
      pcap.notes.push_back(fmt::format("{}: {} line(s) could not be read and were skipped; the first: {}", args.keylog,
                                       keylog->bad_lines, keylog->first_bad));
    }
    if (keylog->truncated) {
      pcap.notes.push_back(fmt::format("{}: only the first {} entries were read", args.keylog,
                                       capture::max_keylog_entries));
    }
  }
  const bool two = args.files.size() == 2;
  for (std::size_t i = 0; i < args.files.size(); ++i) {
    analysis.side = two ? (i == 0 ? "client" : "server") : "";
    const std::size_t notes_before = pcap.notes.size();
    auto done = capture::analyze_capture_file(args.files[i], analysis, pcap);
    if (!done) return fail(done.error());
    for (std::size_t n = notes_before; n < pcap.notes.size(); ++n) {
      evidence.problems.push_back({args.files[i], pcap.notes[n]});
    }
  }
  if (two) capture::match_captures(pcap);
  evidence.pcap = std::move(pcap);
  if (!args.client.empty()) {
    auto chain = tls::load_certificate_file(args.client, CertificateRole::client);
    if (!chain) return fail(chain.error());
    evidence.certificates = CertificateEvidence{std::move(*chain)};
  }
  std::vector<std::string> inputs = args.files;
  if (!args.client.empty()) inputs.push_back(args.client);
  if (!args.keylog.empty()) inputs.push_back(args.keylog);
  RunOptions run{"pcap", inputs, std::string(version()), CheckContext{now_for_report()},
                 {Step::C1, Step::C3, Step::C8, Step::C11, Step::C12}};
  const Report report = run_checks(all_checks(), std::move(evidence), run);
  return emit_report(options, report);
}

}  // namespace

CommandSpec pcap_command() {
  return {"pcap", "Read TLS handshakes from a pcap/pcapng capture (two captures: spot a middlebox)",
          [](CLI::App& app) -> CommandRun {
            auto args = std::make_shared<PcapArgs>();
            app.add_option("file", args->files,
                           "capture FILE (pcap or pcapng); a second file is a capture of the same traffic taken "
                           "on the server side")
                ->required()
                ->expected(1, 2);
            app.add_option("--port", args->port, "only connections to this server port (default: every TCP "
                                                  "stream that starts with a TLS ClientHello)")
                ->check(CLI::Range(1, 65535));
            app.add_option("--client", args->client,
                           "the client certificate (PEM or DER, chain allowed) to match against the server's CA list");
            app.add_option("--keylog", args->keylog,
                           "NSS key log (SSLKEYLOGFILE format) with the session secrets: decrypts TLS 1.3 "
                           "handshakes and TLS 1.2 renegotiations to read the CertificateRequest and the client's "
                           "Certificate");
            return [args](const GlobalOptions& options) { return run_pcap(*args, options); };
          }};
}

}  // namespace mtls::cli
