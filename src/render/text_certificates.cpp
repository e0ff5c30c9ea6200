// SPDX-License-Identifier: Apache-2.0
// The text report's section on certificates: the chain as a tree, the identity's key, the chain
// verdict, revocation, and audited stores.
#include <fmt/chrono.h>
#include <fmt/format.h>
#include <fmt/ranges.h>

#include "render/render.h"
#include "render/text_evidence.h"

namespace mtls::text {
namespace {


std::string branch(std::size_t depth) {
  if (depth == 0) return "  ";
  return "  " + std::string(3 * (depth - 1), ' ') + "└─ ";
}

void one_certificate(std::string& out, const Styler& s, const CertificateFacts& c, const std::string& indent,
                     const std::string& more) {
  out += fmt::format("{}{} {}\n", indent, s(Style::dim, fmt::format("[{}]", to_string(c.role))), c.subject);
  out += s(Style::dim, fmt::format("{}issuer {}\n", more, c.issuer));
  // The facts wrap, hanging under their label; a subject or issuer name stays on one line.
  const std::string hang = more + "  ";
  const auto fact = [&](const std::string& text) { out += s(Style::dim, s.wrap(text, more, hang)) + "\n"; };
  fact(fmt::format("valid {:%F} to {:%F}, {}, {}, sha1 {}", c.not_before, c.not_after, c.public_key, c.signature_algorithm, c.sha1));
  if (c.has_eku) fact(fmt::format("EKU {}", c.eku.empty() ? "(empty)" : fmt::format("{}", fmt::join(c.eku, ", "))));
  if (c.has_key_usage) fact(fmt::format("Key Usage {}", fmt::join(c.key_usage, ", ")));
  if (!c.subject_alt_names.empty()) fact(fmt::format("SAN {}", fmt::join(c.subject_alt_names, ", ")));
}

}  // namespace

void certificates(std::string& out, const text::Styler& s, const std::vector<CertificateFacts>& chain,
                  std::string_view heading) {
  if (chain.empty()) return;
  out += fmt::format("\n{}\n", s(Style::bold, heading));
  for (std::size_t depth = 0; depth < chain.size(); ++depth) {
    const std::size_t d = std::min<std::size_t>(depth, 8);
    one_certificate(out, s, chain[depth], branch(d), std::string(2 + 3 * d + 4, ' '));
  }
}

void certificate_part(std::string& out, const Styler& s, const CertificateEvidence& e) {
  certificates(out, s, e.certificates, e.stores.empty() ? "Client certificate chain" : "Client certificate");
  if (e.chain) {
    const ChainFacts& c = *e.chain;
    if (c.verdict == ChainFacts::Verdict::incomplete) {
      out += fmt::format("{}{} {}\n", branch(std::min<std::size_t>(e.certificates.size(), 8)), s(Style::bold, "[missing]"), c.missing_issuer.text);
      for (const std::string& url : c.missing_issuer_aia) out += s(Style::dim, fmt::format("      AIA caIssuers {}\n", url));
    }
    out += fmt::format("  chain: {} (trust: {})\n", to_string(c.verdict), fmt::join(c.trust_stores, ", "));
    for (const ChainError& err : c.errors) out += s(Style::dim, fmt::format("    depth {}: {} ({})\n", err.depth, err.name, err.subject));
  }
  if (e.identity) {
    const IdentityFacts& i = *e.identity;
    std::string line = i.key_present ? fmt::format("  key: {} from {}, {}", i.key_type, i.key_file,
                                                   i.key_matches && *i.key_matches ? "matches the certificate" : "does NOT match the certificate")
                                     : "  key: none found";
    if (i.pkcs12_legacy) line += "; the PKCS#12 needed OpenSSL's legacy provider (RC2/3DES)";
    out += line + "\n";
    if (i.key_readable) {
      out += fmt::format("  readable by {}: {}\n", i.as_user, *i.key_readable ? "yes" : "no");
      if (!*i.key_readable) out += s(Style::dim, s.wrap(i.unreadable_reason, "    ") + "\n");
    }
  }
  if (e.revocation) {
    const RevocationFacts& r = *e.revocation;
    out += fmt::format("  revocation: {}\n", !r.covered ? "no CRL from the issuer" : r.revoked ? fmt::format("REVOKED in {} on {}", r.crl_file, r.revocation_date) : std::string("not revoked"));
    for (const std::string& n : r.notes) out += s(Style::dim, fmt::format("    {}\n", n));
  }
  for (const StoreFacts& store : e.stores) {
    out += fmt::format("\n{} {} (role {})\n", s(Style::bold, "Store"), store.source, to_string(store.role));
    out += fmt::format("  {}, {}; CA names list: {}, {}\n", count_of(store.certificates.size(), "certificate", "certificates"),
                       count_of(store.duplicates.size(), "duplicate", "duplicates"),
                       count_of(store.ca_names_count, "name", "names"), count_of(store.ca_names_bytes, "byte", "bytes"));
    std::size_t shown = 0;
    for (const CertificateFacts& c : store.certificates) {
      if (++shown > s.shown(50)) {
        out += s(Style::dim, fmt::format("  ... and {} more (-v or JSON lists them all)\n", store.certificates.size() - 50));
        break;
      }
      out += fmt::format("  {} {}\n", s(Style::dim, c.self_signed ? "[self-signed]" : "[issued]     "), c.subject);
    }
    for (const std::string& skipped : store.skipped) out += s(Style::dim, fmt::format("  skipped {}\n", skipped));
  }
}

}  // namespace mtls::text
