// SPDX-License-Identifier: Apache-2.0
// mtls-doctor cert FILE [--key FILE] [--chain FILE] [--untrusted FILE]... [--trust STORE]...
//                       [--crl FILE]... [--at TIME] [--as-user NAME] [--ad-mapping] [--pfx FILE]
// Checklist C4–C7 (and C2 with --ad-mapping) for a client identity, without a server.
#include <CLI/CLI.hpp>

#include "cli/clock.h"
#include "cli/command.h"
#include "cli/identity_options.h"
#include "cli/pipeline.h"
#include "cli/time_option.h"
#include "tls/certificate_sources.h"

namespace mtls::cli {
namespace {

struct CertOptions {
  std::string file;
  IdentityOptions identity;
  std::vector<std::string> untrusted;
  std::vector<std::string> trust;
  std::vector<std::string> crls;
  std::string at;
  std::string as_user;
  bool ad_mapping = false;
};

Expected<collect::Collection> collect_cert(const CertOptions& o) {
  IdentityOptions identity = o.identity;
  if (!o.file.empty()) {
    if (!identity.spec.cert_file.empty() || !identity.spec.pfx_file.empty()) {
      return unexpected("give the certificate once: FILE, --cert FILE or --pfx FILE");
    }
    identity.spec.cert_file = o.file;
  }
  if (std::string error = identity_options_error(identity); !error.empty()) return unexpected(error);
  if (identity.spec.empty()) return unexpected("no client certificate given (mtls-doctor cert FILE, or --pfx FILE)");
  tls::CertificateInputs inputs;
  inputs.identity = identity.spec;
  inputs.untrusted = o.untrusted;
  inputs.trust = o.trust;
  inputs.crls = o.crls;
  inputs.as_user = o.as_user;
  inputs.ad_mapping = o.ad_mapping;
  inputs.at = now_for_report();
  if (!o.at.empty()) {
    auto at = parse_time(o.at);
    if (!at) return unexpected(at.error());
    inputs.at = *at;
  }
  auto certificates = tls::collect_certificate_evidence(inputs, password_provider(identity));
  if (!certificates) return unexpected(certificates.error());
  collect::Collection out;
  out.evidence.certificates = std::move(*certificates);
  out.inputs.push_back(identity.spec.pfx_file.empty() ? identity.spec.cert_file : identity.spec.pfx_file);
  for (const auto& t : o.trust) out.inputs.push_back(t);
  out.judged_at = inputs.at;
  return out;
}

}  // namespace

CommandSpec cert_command() {
  return {"cert", "Check a client certificate, its key, chain, trust and revocation (C4-C7)",
          [](CLI::App& app) -> CommandRun {
            auto o = std::make_shared<CertOptions>();
            app.add_option("file", o->file, "client certificate: PEM (may hold chain and key), DER, PKCS#7 or PKCS#12");
            add_identity_options(app, o->identity);
            app.add_option("--untrusted", o->untrusted, "more intermediate certificates to build the chain with (repeatable)");
            app.add_option("--trust", o->trust, "trust store: PEM bundle, DER, .p7b, PKCS#12 or a directory (repeatable)");
            app.add_option("--crl", o->crls, "certificate revocation list, PEM or DER (repeatable)");
            app.add_option("--at", o->at, "judge validity at TIME (YYYY-MM-DD, RFC 3339 or @EPOCH); default now");
            app.add_option("--as-user", o->as_user, "account that runs the client program: can it read the key?");
            app.add_flag("--ad-mapping", o->ad_mapping, "the certificate is mapped to an Active Directory account (needs UPN or e-mail in SAN)");
            return [o](const GlobalOptions& global) {
              std::vector<Step> scope = {Step::C4, Step::C5, Step::C6, Step::C7};
              if (o->ad_mapping) scope.insert(scope.begin(), Step::C2);
              return run_pipeline(global, {.command = "cert", .scope = scope}, [&] { return collect_cert(*o); });
            };
          }};
}

}  // namespace mtls::cli
