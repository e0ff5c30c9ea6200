// SPDX-License-Identifier: Apache-2.0
// C6/C7: the chain from the client certificate reaches a root the given trust stores hold, and
// RFC 5280 path validation accepts it. Says which issuer is missing, where its AIA caIssuers
// URL points (RFC 5280 §4.2.2.1), and which store should hold it.
#include <fmt/ranges.h>

#include "checks/cert_support.h"
#include "checks/checks.h"
#include "knowledge/finding_catalog.h"
#include "knowledge/remedies.h"

namespace mtls::checks {
namespace {

std::string stores_text(const ChainFacts& chain) { return fmt::format("{}", fmt::join(chain.trust_stores, ", ")); }

CheckResult run(const Evidence& evidence, const CheckContext&) {
  const CertificateEvidence& e = *evidence.certificates;
  if (!e.chain) return CheckResult::skip("no trust store was given (--trust STORE)");
  const ChainFacts& chain = *e.chain;
  const CertificateFacts* client = client_certificate(e);
  std::vector<Finding> out;
  switch (chain.verdict) {
    case ChainFacts::Verdict::trusted: return CheckResult::passed();
    case ChainFacts::Verdict::incomplete: {
      Finding f = knowledge::make_finding("cert.chain-incomplete");
      const std::string issuer = chain.missing_issuer.text;
      std::string detail = fmt::format("The chain stops at {}: its issuer {}{} is neither in the client's chain files nor in the trust store ({}).",
                                       chain.missing_issuer_of, issuer,
                                       chain.missing_issuer_key_id.empty() ? "" : fmt::format(" (key id {})", chain.missing_issuer_key_id),
                                       stores_text(chain));
      if (!chain.missing_issuer_aia.empty()) {
        detail += fmt::format(" The certificate says its issuer can be fetched from {}.", fmt::join(chain.missing_issuer_aia, ", "));
      } else {
        detail += " The certificate names no AIA caIssuers URL, so the issuer must come from the CA that issued it.";
      }
      if (!chain.same_name_other_key.empty()) {
        detail += fmt::format(" The trust store holds a certificate with that name but another key ({}): the CA was probably renewed under a new key; the client certificate needs the issuer that signed it.",
                              fmt::join(chain.same_name_other_key, "; "));
      }
      detail += " If that issuer is an intermediate, the client should send it (--chain) and the server's intermediate store (Windows: Intermediate Certification Authorities) should hold it; if it is a root, the server's trusted root store must hold it.";
      f.detail = detail + " " + f.detail;
      if (client) f.evidence.push_back(certificate_ref(*client));
      f.evidence.push_back(at_input("trust", stores_text(chain), fmt::format("issuer not found: {}", issuer)));
      for (const std::string& url : chain.missing_issuer_aia) {
        f.remedy.commands.push_back(
            knowledge::remedies::bash(fmt::format("curl -fsSL -o issuer.crt {}", knowledge::remedies::sh_quote(url)), "", "the issuer named by the certificate (AIA)"));
      }
      f.remedy.commands.push_back(knowledge::remedies::certutil_addstore("CA", "issuer.crt", "on the server: its intermediate store"));
      out.push_back(std::move(f));
      break;
    }
    case ChainFacts::Verdict::untrusted_root: {
      Finding f = knowledge::make_finding("cert.untrusted-root");
      std::string root_file;
      for (const CertificateFacts& c : e.certificates) {
        if (c.subject == chain.untrusted_root) root_file = origin_file(c);
      }
      f.detail = fmt::format("The chain ends at the self-signed {}, which the trust store ({}) does not hold. {}", chain.untrusted_root,
                             stores_text(chain), f.detail);
      if (client) f.evidence.push_back(certificate_ref(*client));
      f.evidence.push_back(at_input("trust", stores_text(chain), fmt::format("root not trusted: {}", chain.untrusted_root)));
      if (!root_file.empty()) {
        f.remedy.commands.push_back(knowledge::remedies::certutil_addstore("Root", root_file, "only if you trust this root"));
        if (chain.trust_stores.size() == 1) {
          f.remedy.commands.push_back(knowledge::remedies::bash(
              fmt::format("openssl x509 -in {} >> {}", knowledge::remedies::sh_quote(root_file), knowledge::remedies::sh_quote(chain.trust_stores.front())), "",
              "or add it to the PEM trust store the server reads"));
        }
      }
      out.push_back(std::move(f));
      break;
    }
    case ChainFacts::Verdict::invalid: {
      Finding f = knowledge::make_finding("cert.chain-invalid");
      std::vector<std::string> reasons;
      for (const ChainError& err : chain.errors) reasons.push_back(fmt::format("depth {} ({}): {}", err.depth, err.subject, err.name));
      f.detail = fmt::format("OpenSSL path validation: {}. {}", fmt::join(reasons, "; "), f.detail);
      if (client) f.evidence.push_back(certificate_ref(*client));
      for (const ChainError& err : chain.errors) f.evidence.push_back(at_input("trust", err.subject, err.name));
      out.push_back(std::move(f));
      break;
    }
  }
  return CheckResult::found(std::move(out));
}

}  // namespace

Check cert_chain_check() {
  return {"cert_chain", Step::C6, {"cert.chain-incomplete", "cert.untrusted-root", "cert.chain-invalid"}, {EvidencePart::certificates}, run};
}

}  // namespace mtls::checks
