// SPDX-License-Identifier: Apache-2.0
#include "cli/probe_options.h"

#include <CLI/CLI.hpp>

#include <memory>
#include <mutex>
#include <optional>

namespace mtls::cli {

void add_probe_options(CLI::App& app, ProbeArgs& args) {
  app.add_option("--connect", args.connect, "dial HOST:PORT instead, keeping SNI and Host from the URL");
  app.add_option("--sni", args.sni, "server name to send (default: the URL's host)");
  app.add_flag("--no-sni", args.no_sni, "send no server name");
  app.add_option("--tls", args.tls, "use only TLS 1.2 or 1.3")->check(CLI::IsMember({"1.2", "1.3"}));
  app.add_option("--alpn", args.alpn, "protocols the browser-like attempt offers")->capture_default_str();
  app.add_option("--timeout", args.timeout_seconds, "seconds for the whole probe of one target: every attempt's connect, handshake and HTTP")
      ->capture_default_str();
  app.add_option("--method", args.method, "HTTP method")->capture_default_str();
  app.add_option("--header", args.headers, "extra request header 'Name: value' (repeatable)");
  app.add_option("--ca", args.ca_file, "CA file to verify the server's chain (default: the system store)");
  add_identity_options(app, args.identity);
}

std::string probe_options_error(const ProbeArgs& args) {
  if (std::string bad = identity_options_error(args.identity); !bad.empty()) return bad;
  if (args.timeout_seconds <= 0 || args.timeout_seconds > 600) return "--timeout must be between 0 and 600 seconds";
  return {};
}

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

}  // namespace mtls::cli
