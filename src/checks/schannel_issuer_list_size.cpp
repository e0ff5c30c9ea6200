// SPDX-License-Identifier: Apache-2.0
// C8: with SendTrustedIssuerList 1, Schannel puts the subject of every certificate of the store it
// trusts (the binding's CTL store, else Trusted Root) into the CertificateRequest. Past about
// 16 KB it truncates the list and logs event 36885 (KB933430; KB2880390 for Windows 8 / Server
// 2012), and a TLS 1.2 list cannot exceed 2^16-1 bytes at all (RFC 5246 §7.4.4): clients whose
// issuer falls off the end send no certificate (403.7). Measured from the SOFTWARE hive's stores.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cctype>
#include <map>

#include "checks/checks.h"
#include "knowledge/finding_catalog.h"
#include "knowledge/remedies.h"

namespace mtls::checks {
namespace {

constexpr std::size_t schannel_list_limit = 16384;  // KB933430 / KB2880390

std::string upper(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  return out;
}

struct ListSize {
  std::size_t names = 0;
  std::size_t bytes = 0;  ///< each DistinguishedName is a 2-byte length and the DER (RFC 5246 §7.4.4)
  std::vector<std::string> bindings;
};

CheckResult run(const Evidence& evidence, const CheckContext&) {
  const IisEvidence& e = *evidence.iis;
  if (!e.schannel.read) return CheckResult::skip("no Schannel registry values (--registry SYSTEM hive or .reg export of SCHANNEL)");
  if (!e.stores_read) return CheckResult::skip("no machine certificate stores (--registry SOFTWARE hive)");
  if (e.schannel.send_trusted_issuer_list.value_or(0) != 1) return CheckResult::passed();  // an empty list is sent

  // Which store each binding sends: its CTL store, else Trusted Root (machine trust).
  std::map<std::string, ListSize> sent;
  for (const HttpSysBinding& b : e.bindings) {
    const std::string store = b.ctl_store_name.empty() ? "ROOT" : upper(b.ctl_store_name);
    sent[store].bindings.push_back(fmt::format("{} {}", to_string(b.kind), b.endpoint));
  }
  if (sent.empty()) sent["ROOT"];
  for (const StoreCertificate& c : e.store_certificates) {
    auto it = sent.find(upper(c.store));
    if (it == sent.end() || !c.facts) continue;
    it->second.names += 1;
    it->second.bytes += 2 + c.facts->subject_name.der_hex.size() / 2;
  }

  std::vector<Finding> findings;
  for (const auto& [store, size] : sent) {
    if (size.bytes <= schannel_list_limit) continue;
    Finding f = knowledge::make_finding("schannel.issuer-list-truncated");
    const std::string who = size.bindings.empty() ? std::string("the server")
                                                  : fmt::format("{}", fmt::join(size.bindings, ", "));
    f.detail = fmt::format(
        "SendTrustedIssuerList is 1, so {} sends the subjects of the {} store: {} names, {} bytes of "
        "certificate_authorities. Schannel truncates the list above {} bytes (event 36885; KB933430, KB2880390){}, "
        "and clients whose issuer is cut off send no certificate (403.7).",
        who, store, size.names, size.bytes, schannel_list_limit,
        size.bytes > 65535 ? "; it is also past the 65535-byte limit of the TLS 1.2 CertificateRequest" : "");
    for (const CertificateStoreSummary& s : e.stores) {
      if (upper(s.store) == store) f.evidence.push_back(s.origin);
    }
    if (e.schannel.send_trusted_issuer_list_origin.ref.size()) f.evidence.push_back(e.schannel.send_trusted_issuer_list_origin);
    f.remedy.commands = {knowledge::remedies::reg_add_dword(knowledge::remedies::kSchannelKey, "SendTrustedIssuerList", 0, "send no CA list")};
    std::vector<RemedyCommand> ctl;
    for (const HttpSysBinding& b : e.bindings) {
      if (b.ctl_store_name.empty()) ctl.push_back(knowledge::remedies::netsh_update_sslcert(b, {.sslctlstorename = "ClientAuthIssuer"}));
    }
    if (ctl.empty() && !e.bindings_read) {
      ctl.push_back(knowledge::remedies::netsh_update_sslcert(knowledge::remedies::UnreadBinding{.key = "ipport=<ip:port>", .certhash = {}},
                                            {.sslctlstorename = "ClientAuthIssuer"}));
    }
    for (RemedyCommand& c : ctl) {
      c.note = "or send a short list: only the client CAs, in ClientAuthIssuer; " + c.note;
      f.remedy.commands.push_back(std::move(c));
    }
    findings.push_back(std::move(f));
  }
  return findings.empty() ? CheckResult::passed() : CheckResult::found(std::move(findings));
}

}  // namespace

Check schannel_issuer_list_size_check() {
  return {"schannel_issuer_list_size", Step::C8, {"schannel.issuer-list-truncated"}, {EvidencePart::iis}, run};
}

}  // namespace mtls::checks
