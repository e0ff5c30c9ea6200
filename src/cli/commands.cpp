// SPDX-License-Identifier: Apache-2.0
// The subcommand table (ninja's kTools): one line per command, with the formats it prints and the
// examples its help and the man page show.
#include <vector>

#include "cli/command.h"

namespace mtls::cli {
namespace {

CommandSpec described(CommandSpec spec, std::string_view formats,
                      std::vector<std::string_view> examples) {
  spec.formats = formats;
  spec.examples = std::move(examples);
  return spec;
}

constexpr std::string_view every_format = "text, json, markdown, html or sarif";

}  // namespace

std::span<const CommandSpec> commands() {
  static const std::vector<CommandSpec> table{
      described(diagnose_command(), every_format,
                {"mtls-doctor diagnose https://www.example.test/app/ --pfx client.pfx --bundle server.zip",
                 "mtls-doctor diagnose --bundle ./collected/ --format html --output report.html"}),
      described(explain_command(), "text, json, markdown or html",
                {"mtls-doctor explain 403.7", "mtls-doctor explain 0x800B0109 --format json",
                 "mtls-doctor explain alert 116"}),
      described(
          lab_command(), "text; json too with --list",
          {"mtls-doctor lab --list", "mtls-doctor lab --scenario late-renegotiation --port 8443"}),
      described(
          probe_command(), "text, json, markdown, html or sarif; text or json with --targets",
          {"mtls-doctor probe https://api.example.com/ --pfx client.pfx --password-file pw.txt",
           "mtls-doctor probe --targets urls.txt --cert client.pem --key client.key --format "
           "json"}),
      described(pcap_command(), every_format,
                {"mtls-doctor pcap handshake.pcapng --port 443",
                 "mtls-doctor pcap client-side.pcap server-side.pcap --keylog sslkeys.log"}),
      described(cert_command(), every_format,
                {"mtls-doctor cert client.pfx --password-env PFX_PASSWORD",
                 "mtls-doctor cert client.pem --trust ca-bundle.pem --at 2025-01-01"}),
      described(store_command(), every_format,
                {"mtls-doctor store root-ca.p7b --client client.pem",
                 "mtls-doctor store /etc/ssl/certs --role root"}),
      described(logs_command(), every_format,
                {"mtls-doctor logs W3SVC1/ HTTPERR/ --since '2024-03-01 10:00:00'",
                 "mtls-doctor logs u_ex240301.log.gz --format html -o triage.html",
                 "mtls-doctor logs --partial W3SVC1/ -o web01.jsonl",
                 "mtls-doctor logs --merge web01.jsonl web02.jsonl"}),
      described(iis_command(), every_format,
                {"mtls-doctor iis --config applicationHost.config --sslcert sslcert.txt",
                 "mtls-doctor iis --registry SCHANNEL.reg --output iis.sarif"}),
      described(collect_command(), "text (the PowerShell script)",
                {"mtls-doctor collect --print-script > collect.ps1"}),
  };
  return table;
}

std::string_view option_type_name(std::string_view option) {
  // What each text option takes, by name: FILE and DIR for paths, the value's own word otherwise.
  struct Entry {
    std::string_view option, type;
  };
  static constexpr Entry table[] = {
      {"--format", "FORMAT"},
      {"--output", "FILE"},
      {"--cert", "FILE"},
      {"--key", "FILE"},
      {"--chain", "FILE"},
      {"--pfx", "FILE"},
      {"--password-file", "FILE"},
      {"--password-env", "VAR"},
      {"--ca", "FILE"},
      {"--targets", "FILE"},
      {"--keylog", "FILE"},
      {"--client", "FILE"},
      {"--untrusted", "FILE"},
      {"--trust", "FILE|DIR"},
      {"--crl", "FILE"},
      {"--at", "TIME"},
      {"--since", "TIME"},
      {"--until", "TIME"},
      {"--as-user", "ACCOUNT"},
      {"--config", "FILE"},
      {"--web-config", "VPATH=FILE"},
      {"--sslcert", "FILE"},
      {"--registry", "FILE"},
      {"--connect", "HOST:PORT"},
      {"--sni", "NAME"},
      {"--tls", "VERSION"},
      {"--alpn", "LIST"},
      {"--method", "METHOD"},
      {"--header", "'NAME: VALUE'"},
      {"--scenario", "NAME"},
      {"--dir", "DIR"},
      {"--log-dir", "DIR"},
      {"--write-config", "DIR"},
      {"--role", "ROLE"},
      {"--password", "PASSWORD"},
      // positional arguments, by their names in the commands
      {"code", "CODE"},
      {"url", "URL"},
      {"target", "URL|FILE|DIR"},
      {"--bundle", "DIR|ZIP"},
      {"file", "FILE"},
      {"store", "FILE|DIR"},
      {"path", "FILE|DIR"},
      {"command", "COMMAND"},
  };
  for (const Entry& e : table) {
    if (e.option == option) return e.type;
  }
  return {};
}

}  // namespace mtls::cli
