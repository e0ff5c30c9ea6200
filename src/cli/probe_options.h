// SPDX-License-Identifier: Apache-2.0
// The options of the URL part, shared by `probe` and `diagnose`: one definition, so the two
// commands never drift apart.
#pragma once

#include <string>
#include <vector>

#include "cli/identity_options.h"
#include "tls/probe.h"

namespace CLI {
class App;
}

namespace mtls::cli {

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

/// --connect, --sni, --no-sni, --tls, --alpn, --timeout, --method, --header, --ca and the
/// client identity options (not the URL itself, nor --targets).
void add_probe_options(CLI::App& app, ProbeArgs& args);

/// Empty when the options are usable; else the one-line reason.
std::string probe_options_error(const ProbeArgs& args);

/// Ask for the password once, however many connections load the identity.
tls::PasswordProvider cached(tls::PasswordProvider inner);

tls::ProbeOptions probe_options(const ProbeArgs& args, std::string url, const tls::PasswordProvider& password);

}  // namespace mtls::cli
