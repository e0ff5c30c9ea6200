// SPDX-License-Identifier: Apache-2.0
// The HTML report's section on certificates: each certificate of the chain as a card, the
// identity's key, the chain verdict, revocation and the audited stores (as render/text_certificates.cpp).
#include <fmt/chrono.h>
#include <fmt/format.h>
#include <fmt/ranges.h>

#include "render/html_evidence.h"

namespace mtls::html {
namespace {


void fact(std::string& out, std::string_view name, const std::string& value_html) {
  out += fmt::format("<dt>{}</dt><dd>{}</dd>", name, value_html);
}

std::string joined(const std::vector<std::string>& values) { return e(fmt::format("{}", fmt::join(values, ", "))); }

/// Cards past this many are counted, not drawn (a store of a few hundred roots).
constexpr std::size_t kMaxStoreRows = 100;

}  // namespace

void chain_list(std::string& out, const std::vector<CertificateFacts>& chain, std::string_view heading) {
  if (chain.empty()) return;
  out += fmt::format("<h4>{}</h4>\n<div class=\"cards\">\n", heading);
  for (const CertificateFacts& c : chain) {
    out += fmt::format("<div class=\"card\"><strong>[{}]</strong> {}\n<dl class=\"facts\">", to_string(c.role), e(c.subject));
    fact(out, "issuer", e(c.issuer));
    fact(out, "valid", fmt::format("{:%F} to {:%F}", c.not_before, c.not_after));
    if (!c.public_key.empty()) fact(out, "key", e(c.public_key));
    if (!c.signature_algorithm.empty()) fact(out, "signature", e(c.signature_algorithm));
    if (c.has_eku) fact(out, "EKU", c.eku.empty() ? "(empty)" : joined(c.eku));
    if (c.has_key_usage) fact(out, "key usage", joined(c.key_usage));
    if (!c.subject_alt_names.empty()) fact(out, "SAN", joined(c.subject_alt_names));
    if (!c.serial.empty()) fact(out, "serial", code(c.serial));
    if (!c.sha1.empty()) fact(out, "SHA-1", code(c.sha1));
    if (c.self_signed) fact(out, "self-signed", "yes");
    if (!c.aia_ca_issuers.empty()) fact(out, "AIA caIssuers", joined(c.aia_ca_issuers));
    out += "</dl></div>\n";
  }
  out += "</div>\n";
}

void certificates(std::string& out, const CertificateEvidence& c) {
  out += "<section id=\"certificates\">\n<h3>Certificates</h3>\n";
  chain_list(out, c.certificates, c.stores.empty() ? "Client certificate chain" : "Client certificate");
  if (c.chain) {
    const ChainFacts& ch = *c.chain;
    out += fmt::format("<p>chain: <strong class=\"{}\">{}</strong> (trust: {})</p>\n",
                       ch.verdict == ChainFacts::Verdict::trusted ? "passed" : "failed", e(to_string(ch.verdict)),
                       joined(ch.trust_stores));
    if (ch.verdict == ChainFacts::Verdict::incomplete) {
      out += fmt::format("<p>missing issuer of {}: <code>{}</code></p>\n", e(ch.missing_issuer_of), e(ch.missing_issuer.text));
      for (const std::string& url : ch.missing_issuer_aia) out += fmt::format("<p class=\"meta\">AIA caIssuers {}</p>\n", code(url));
    }
    if (!ch.errors.empty()) {
      std::vector<std::vector<std::string>> rows;
      for (const ChainError& err : ch.errors) rows.push_back({fmt::format("{}", err.depth), e(err.name), e(err.subject)});
      out += table({"depth", "error", "certificate"}, rows);
    }
  }
  if (c.identity) {
    const IdentityFacts& i = *c.identity;
    std::string line = i.key_present ? fmt::format("key: {} from {}, {}", e(i.key_type), code(i.key_file),
                                                   i.key_matches && *i.key_matches ? "matches the certificate"
                                                                                   : "<strong class=\"failed\">does NOT match the certificate</strong>")
                                     : std::string("key: none found");
    if (i.pkcs12_legacy) line += "; the PKCS#12 needed OpenSSL's legacy provider (RC2/3DES)";
    out += "<p>" + line + "</p>\n";
    if (i.key_readable) {
      out += fmt::format("<p>readable by {}: {}</p>\n", e(i.as_user), *i.key_readable ? "yes" : "<strong class=\"failed\">no</strong>");
      if (!*i.key_readable) out += fmt::format("<p class=\"meta\">{}</p>\n", e(i.unreadable_reason));
    }
  }
  if (c.revocation) {
    const RevocationFacts& r = *c.revocation;
    out += fmt::format("<p>revocation: {}</p>\n",
                       !r.covered  ? std::string("no CRL from the issuer")
                       : r.revoked ? fmt::format("<strong class=\"failed\">REVOKED</strong> in {} on {}", code(r.crl_file), e(r.revocation_date))
                                   : std::string("not revoked"));
    for (const std::string& n : r.notes) out += fmt::format("<p class=\"meta\">{}</p>\n", e(n));
  }
  for (const StoreFacts& store : c.stores) {
    out += fmt::format("<h4>Store {} (role {})</h4>\n<p>{}, {}; CA names list: {}, {}</p>\n", code(store.source),
                       e(to_string(store.role)), count_of(store.certificates.size(), "certificate", "certificates"),
                       count_of(store.duplicates.size(), "duplicate", "duplicates"),
                       count_of(store.ca_names_count, "name", "names"), count_of(store.ca_names_bytes, "byte", "bytes"));
    std::vector<std::vector<std::string>> rows;
    for (std::size_t n = 0; n < store.certificates.size() && n < kMaxStoreRows; ++n) {
      const CertificateFacts& cert = store.certificates[n];
      rows.push_back({cert.self_signed ? "self-signed" : "issued", e(cert.subject), fmt::format("{:%F}", cert.not_after), code(cert.sha1)});
    }
    out += table({"", "subject", "not after", "SHA-1"}, rows);
    if (store.certificates.size() > kMaxStoreRows) {
      out += fmt::format("<p class=\"meta\">... and {} more (the JSON report lists them all)</p>\n",
                         store.certificates.size() - kMaxStoreRows);
    }
    for (const std::string& skipped : store.skipped) out += fmt::format("<p class=\"meta\">skipped {}</p>\n", code(skipped));
  }
  out += "</section>\n";
}

}  // namespace mtls::html
