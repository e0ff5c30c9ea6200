// SPDX-License-Identifier: Apache-2.0
// mtls-doctor pcap FILE [SERVER_SIDE_FILE] [--port N] [--client CERTFILE]: the handshakes in a
// capture (C3, C8, C11, C12), and with two captures of the same traffic, what changed between them.
#include <CLI/CLI.hpp>

#include <memory>

#include "cli/command.h"
#include "cli/pipeline.h"
#include "collect/sources.h"

namespace mtls::cli {

CommandSpec pcap_command() {
  return {"pcap", "Read TLS handshakes from a pcap/pcapng capture (two captures: spot a middlebox)",
          [](CLI::App& app) -> CommandRun {
            auto args = std::make_shared<collect::CaptureInputs>();
            auto port = std::make_shared<int>(0);
            app.add_option("file", args->files,
                           "capture FILE (pcap or pcapng); a second file is a capture of the same traffic taken "
                           "on the server side")
                ->required()
                ->expected(1, 2);
            app.add_option("--port", *port, "only connections to this server port (default: every TCP "
                                                  "stream that starts with a TLS ClientHello)")
                ->check(CLI::Range(1, 65535));
            app.add_option("--client", args->client,
                           "the client certificate (PEM or DER, chain allowed) to match against the server's CA list");
            app.add_option("--keylog", args->keylog,
                           "NSS key log (SSLKEYLOGFILE format) with the session secrets: decrypts TLS 1.3 "
                           "handshakes and TLS 1.2 renegotiations to read the CertificateRequest and the client's "
                           "Certificate");
            return [args, port](const GlobalOptions& options) {
              if (*port > 0) args->port = static_cast<std::uint16_t>(*port);
              return run_pipeline(options,
                                  {.command = "pcap", .scope = {Step::C1, Step::C3, Step::C8, Step::C11, Step::C12}},
                                  [&] { return collect::collect_captures(*args); });
            };
          }};
}

}  // namespace mtls::cli
