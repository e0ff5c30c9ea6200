// SPDX-License-Identifier: Apache-2.0
// The Markdown report's section on certificates: the facts of render/text_certificates.cpp
// (chain, key, verdict, revocation, audited stores) as tables.
#include <fmt/chrono.h>
#include <fmt/format.h>
#include <fmt/ranges.h>

#include "render/markdown_evidence.h"
#include "render/render.h"

namespace mtls::md {
namespace {


}  // namespace

void certificates(std::string& out, const std::vector<CertificateFacts>& chain, std::string_view heading) {
  if (chain.empty()) return;
  out += fmt::format("\n### {}\n\n", heading);
  std::vector<std::vector<std::string>> rows;
  for (std::size_t depth = 0; depth < chain.size(); ++depth) {
    const CertificateFacts& c = chain[depth];
    std::string usage;
    if (c.has_eku) usage += "EKU " + (c.eku.empty() ? std::string("(empty)") : fmt::format("{}", fmt::join(c.eku, ", ")));
    if (c.has_key_usage) usage += fmt::format("{}Key Usage {}", usage.empty() ? "" : "; ", fmt::join(c.key_usage, ", "));
    rows.push_back({fmt::format("{}", depth), std::string(to_string(c.role)), cell(c.subject), cell(c.issuer),
                    fmt::format("{:%F} to {:%F}", c.not_before, c.not_after),
                    cell(fmt::format("{}, {}", c.public_key, c.signature_algorithm)), cell(usage),
                    cell(fmt::format("{}", fmt::join(c.subject_alt_names, ", "))), code(c.sha1)});
  }
  out += table({"depth", "role", "subject", "issuer", "valid", "key, signature", "usage", "SAN", "sha1"}, rows);
}

void certificate_part(std::string& out, const CertificateEvidence& e) {
  certificates(out, e.certificates, e.stores.empty() ? "Client certificate chain" : "Client certificate");
  std::vector<std::string> lines;
  if (e.chain) {
    const ChainFacts& c = *e.chain;
    if (c.verdict == ChainFacts::Verdict::incomplete) {
      std::string missing = fmt::format("missing issuer: {}", text(c.missing_issuer.text));
      for (const std::string& url : c.missing_issuer_aia) missing += fmt::format(" (AIA caIssuers {})", code(url));
      lines.push_back(missing);
    }
    lines.push_back(fmt::format("chain: **{}** (trust: {})", to_string(c.verdict), text(fmt::format("{}", fmt::join(c.trust_stores, ", ")))));
    for (const ChainError& err : c.errors) lines.push_back(fmt::format("depth {}: {} ({})", err.depth, text(err.name), text(err.subject)));
  }
  if (e.identity) {
    const IdentityFacts& i = *e.identity;
    std::string line = i.key_present ? fmt::format("key: {} from {}, {}", text(i.key_type), code(i.key_file),
                                                   i.key_matches && *i.key_matches ? "matches the certificate" : "does **not** match the certificate")
                                     : std::string("key: none found");
    if (i.pkcs12_legacy) line += "; the PKCS\\#12 needed OpenSSL's legacy provider (RC2/3DES)";
    lines.push_back(line);
    if (i.key_readable) {
      lines.push_back(fmt::format("readable by {}: {}{}", code(i.as_user), *i.key_readable ? "yes" : "no",
                                  *i.key_readable ? std::string() : " — " + text(i.unreadable_reason)));
    }
  }
  if (e.revocation) {
    const RevocationFacts& r = *e.revocation;
    lines.push_back(fmt::format("revocation: {}", !r.covered ? std::string("no CRL from the issuer")
                                                  : r.revoked ? fmt::format("**revoked** in {} on {}", code(r.crl_file), text(r.revocation_date))
                                                              : std::string("not revoked")));
    for (const std::string& n : r.notes) lines.push_back(text(n));
  }
  if (!lines.empty()) {
    out += "\n";
    for (const std::string& l : lines) out += "- " + l + "\n";
  }
  for (const StoreFacts& store : e.stores) {
    out += fmt::format("\n### Store {} (role {})\n\n", code(store.source), to_string(store.role));
    out += fmt::format("{}, {}; CA names list: {}, {}\n\n", count_of(store.certificates.size(), "certificate", "certificates"),
                       count_of(store.duplicates.size(), "duplicate", "duplicates"),
                       count_of(store.ca_names_count, "name", "names"), count_of(store.ca_names_bytes, "byte", "bytes"));
    std::vector<std::vector<std::string>> rows;
    for (const CertificateFacts& c : store.certificates) {
      if (rows.size() == 50) {
        rows.push_back({"…", fmt::format("and {} more (JSON output lists them all)", store.certificates.size() - 50)});
        break;
      }
      rows.push_back({c.self_signed ? "self-signed" : "issued", cell(c.subject)});
    }
    for (const std::string& skipped : store.skipped) rows.push_back({"skipped", cell(skipped)});
    out += table({"kind", "subject"}, rows);
  }
}

}  // namespace mtls::md
