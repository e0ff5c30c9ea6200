// SPDX-License-Identifier: Apache-2.0
// mtls-doctor store STORE... [--role root|intermediate|ctl] [--client FILE] [--at TIME]
// Audits trust stores (checklist C7–C9): non-self-signed roots, expired anchors, duplicates,
// non-CA certificates, the CA names list size, and whether a client's issuer is there.
#include <CLI/CLI.hpp>

#include "cli/clock.h"
#include "cli/command.h"
#include "cli/identity_options.h"
#include "cli/pipeline.h"
#include "cli/time_option.h"
#include "tls/certificate_sources.h"

namespace mtls::cli {
namespace {

struct StoreOptions {
  std::vector<std::string> stores;
  std::string role = "root";
  std::string client;
  std::string at;
  IdentityOptions passwords;  ///< only the password sources are used (PKCS#12 stores)
};

Expected<collect::Collection> collect_store(const StoreOptions& o) {
  if (!o.passwords.refused_password.empty()) return unexpected(identity_options_error(o.passwords));
  tls::StoreInputs inputs;
  inputs.stores = o.stores;
  if (o.role == "root") inputs.role = StoreRole::root;
  else if (o.role == "intermediate") inputs.role = StoreRole::intermediate;
  else if (o.role == "ctl") inputs.role = StoreRole::ctl;
  else return unexpected("--role must be root, intermediate or ctl");
  inputs.client_file = o.client;
  inputs.at = now_for_report();
  if (!o.at.empty()) {
    auto at = parse_time(o.at);
    if (!at) return unexpected(at.error());
    inputs.at = *at;
  }
  auto certificates = tls::collect_store_evidence(inputs, password_provider(o.passwords));
  if (!certificates) return unexpected(certificates.error());
  collect::Collection out;
  out.evidence.certificates = std::move(*certificates);
  out.inputs = o.stores;
  if (!o.client.empty()) out.inputs.push_back(o.client);
  out.judged_at = inputs.at;
  return out;
}

}  // namespace

CommandSpec store_command() {
  return {"store", "Audit a trust store: roots, expiry, duplicates, CA list size (C7-C9)",
          [](CLI::App& app) -> CommandRun {
            auto o = std::make_shared<StoreOptions>();
            app.add_option("store", o->stores, "PEM bundle, DER, .p7b, PKCS#12, or a directory (OpenSSL hashed dirs too)")->required();
            app.add_option("--role", o->role, "what the store is for: root (default), intermediate or ctl")
                ->check(CLI::IsMember({"root", "intermediate", "ctl"}));
            app.add_option("--client", o->client, "a client certificate (and chain): is its issuer or root in the store?");
            app.add_option("--at", o->at, "judge expiry at TIME (YYYY-MM-DD, RFC 3339 or @EPOCH); default now");
            app.add_option("--password-file", o->passwords.password_file, "password of a PKCS#12 store, from FILE");
            app.add_option("--password-env", o->passwords.password_env, "password of a PKCS#12 store, from environment variable VAR");
            app.add_option("--password,--pass", o->passwords.refused_password)->group("");
            return [o](const GlobalOptions& global) {
              return run_pipeline(global, {.command = "store", .scope = {Step::C7, Step::C8, Step::C9}},
                                  [&] { return collect_store(*o); });
            };
          }};
}

}  // namespace mtls::cli
