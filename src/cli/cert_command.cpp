// SPDX-License-Identifier: Apache-2.0
// mtls-doctor cert FILE [--key FILE] [--chain FILE] [--untrusted FILE]... [--trust STORE]...
//                       [--crl FILE]... [--at TIME] [--as-user NAME] [--ad-mapping] [--pfx FILE]
// Checklist C4–C7 (and C2 with --ad-mapping) for a client identity, without a server.
#include <CLI/CLI.hpp>

#include "checks/all_checks.h"
#include "cli/clock.h"
#include "cli/command.h"
#include "cli/identity_options.h"
#include "cli/output.h"
#include "cli/time_option.h"
#include "core/runner.h"
#include "core/version.h"
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

int run_cert(const GlobalOptions& global, const CertOptions& o) {
  auto format = output_format(global);
  if (!format) return fail(format.error());
  IdentityOptions identity = o.identity;
  if (!o.file.empty()) {
    if (!identity.spec.cert_file.empty() || !identity.spec.pfx_file.empty()) return fail("give the certificate once: FILE, --cert FILE or --pfx FILE");
    identity.spec.cert_file = o.file;
  }
  if (std::string error = identity_options_error(identity); !error.empty()) return fail(error);
  if (identity.spec.empty()) return fail("no client certificate given (mtls-doctor cert FILE, or --pfx FILE)");
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
    if (!at) return fail(at.error());
    inputs.at = *at;
  }
  auto certificates = tls::collect_certificate_evidence(inputs, password_provider(identity));
  if (!certificates) return fail(certificates.error());
  Evidence evidence;
  evidence.certificates = std::move(*certificates);
  RunOptions run;
  run.command = "cert";
  run.inputs.push_back(identity.spec.pfx_file.empty() ? identity.spec.cert_file : identity.spec.pfx_file);
  for (const auto& t : o.trust) run.inputs.push_back(t);
  run.version = std::string(version());
  run.context = CheckContext{inputs.at};
  run.scope = {Step::C4, Step::C5, Step::C6, Step::C7};
  if (o.ad_mapping) run.scope.insert(run.scope.begin(), Step::C2);
  Report report = run_checks(all_checks(), std::move(evidence), run);
  report.generated_at = now_for_report();
  return emit_report(global, report);
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
            return [o](const GlobalOptions& global) { return run_cert(global, *o); };
          }};
}

}  // namespace mtls::cli
