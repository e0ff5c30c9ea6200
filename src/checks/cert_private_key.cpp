// SPDX-License-Identifier: Apache-2.0
// C4: the client certificate has a private key, the key belongs to it, and the account that
// runs the client can read it.
#include "checks/cert_support.h"
#include "checks/checks.h"
#include "knowledge/finding_catalog.h"
#include "knowledge/remedies.h"

namespace mtls::checks {
namespace {

CheckResult run(const Evidence& evidence, const CheckContext&) {
  const CertificateEvidence& e = *evidence.certificates;
  const CertificateFacts* client = client_certificate(e);
  if (!e.identity || !client) return CheckResult::skip("no client identity was loaded (mtls-doctor cert FILE --key KEY)");
  const IdentityFacts& id = *e.identity;
  std::vector<Finding> out;
  if (!id.key_present) {
    Finding f = knowledge::make_finding("cert.private-key-missing");
    f.detail = fmt::format("No private key was found for {} in {}{}. {}", client->subject, id.certificate_file,
                           id.key_file.empty() || id.key_file == id.certificate_file ? "" : " or " + id.key_file, f.detail);
    f.evidence.push_back(certificate_ref(*client));
    f.remedy.commands.push_back(knowledge::remedies::bash(
        fmt::format("openssl pkcs12 -export -in {} -inkey KEY.pem -out client.pfx", knowledge::remedies::sh_quote(id.certificate_file)), "",
        "KEY.pem: the private key issued with the certificate"));
    f.remedy.commands.push_back(knowledge::remedies::cmd(fmt::format("certutil -repairstore my {}", client->sha1), "Windows",
                                       "relinks a key that is on the machine to the certificate (-user for the user's store)"));
    out.push_back(std::move(f));
    return CheckResult::found(std::move(out));
  }
  if (id.key_matches && !*id.key_matches) {
    Finding f = knowledge::make_finding("cert.private-key-mismatch");
    f.detail = fmt::format("The {} key in {} is not the key of {} ({}). {}", id.key_type, id.key_file, client->subject,
                           client->public_key, f.detail);
    f.evidence.push_back(certificate_ref(*client));
    f.evidence.push_back(at_input("key", id.key_file, id.key_type));
    // Compare the public halves: the two digests must be equal.
    f.remedy.commands.push_back(
        knowledge::remedies::bash(fmt::format("openssl x509 -in {} -noout -pubkey | openssl sha256", knowledge::remedies::sh_quote(id.certificate_file)), "",
                "the digest of the certificate's public key"));
    f.remedy.commands.push_back(knowledge::remedies::bash(fmt::format("openssl pkey -in {} -pubout | openssl sha256", knowledge::remedies::sh_quote(id.key_file)),
                                        "", "must equal the one above"));
    out.push_back(std::move(f));
  }
  if (id.key_readable && !*id.key_readable) {
    Finding f = knowledge::make_finding("cert.private-key-unreadable");
    f.detail = fmt::format("{}. {}", id.unreadable_reason, f.detail);
    f.evidence.push_back(at_input("key", id.key_file, id.unreadable_reason));
    for (std::size_t i = 0; i < id.grant_commands.size(); ++i) {
      f.remedy.commands.push_back(knowledge::remedies::bash(id.grant_commands[i], "", i == 0 ? "" : "or"));
    }
    out.push_back(std::move(f));
  }
  return out.empty() ? CheckResult::passed() : CheckResult::found(std::move(out));
}

}  // namespace

Check cert_private_key_check() {
  return {"cert_private_key", Step::C4,
          {"cert.private-key-missing", "cert.private-key-mismatch", "cert.private-key-unreadable"},
          {EvidencePart::certificates}, run};
}

}  // namespace mtls::checks
