// SPDX-License-Identifier: Apache-2.0
// C5: no weak signature (MD2/MD5/SHA-1) on a non-root certificate of the chain, and no weak key
// (RSA/DSA under 2048 bits, EC under 224 bits; NIST SP 800-131A Rev. 2, OpenSSL security level 2).
// A root's self-signature is not checked: nothing relies on it (RFC 8446 §4.4.2.2).
#include <algorithm>
#include <cctype>

#include "checks/cert_support.h"
#include "checks/checks.h"
#include "knowledge/finding_catalog.h"
#include "knowledge/remedies.h"

namespace mtls::checks {
namespace {

bool weak_signature(const std::string& algorithm) {
  std::string a = algorithm;
  std::transform(a.begin(), a.end(), a.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return a.find("md5") != std::string::npos || a.find("md2") != std::string::npos || a.find("md4") != std::string::npos ||
         a.find("sha1") != std::string::npos || a == "dsawithsha1" || a.find("sha-1") != std::string::npos;
}

bool weak_key(const CertificateFacts& c) {
  if (c.public_key.rfind("RSA", 0) == 0 || c.public_key.rfind("DSA", 0) == 0) return c.public_key_bits > 0 && c.public_key_bits < 2048;
  if (c.public_key.rfind("EC", 0) == 0) return c.public_key_bits > 0 && c.public_key_bits < 224;
  return false;
}

CheckResult run(const Evidence& evidence, const CheckContext&) {
  return judge_each_certificate(evidence, [](const CertificateFacts& c, std::vector<Finding>& out) {
    if (!c.self_signed && weak_signature(c.signature_algorithm)) {
      out.push_back(certificate_finding("cert.weak-signature", c,
                                        fmt::format("{} is signed with {}.", c.subject, c.signature_algorithm),
                                        fmt::format("signature {}", c.signature_algorithm)));
    }
    if (weak_key(c)) {
      Finding f = certificate_finding("cert.weak-key", c, fmt::format("{} has a {} key.", c.subject, c.public_key),
                                      fmt::format("public key {}", c.public_key));
      std::string subj;
      for (const auto& [type, value] : c.subject_name.attributes) subj += "/" + type + "=" + value;
      f.remedy.commands.push_back(knowledge::remedies::bash(
          fmt::format("openssl req -new -newkey rsa:3072 -nodes -keyout new.key -out new.csr -subj {}", knowledge::remedies::sh_quote(subj)), "",
          "a request for a new certificate with the same subject"));
      out.push_back(std::move(f));
    }
  });
}

}  // namespace

Check cert_strength_check() {
  return {"cert_strength", Step::C5, {"cert.weak-signature", "cert.weak-key"}, {EvidencePart::certificates}, run};
}

}  // namespace mtls::checks
