// SPDX-License-Identifier: Apache-2.0
// NIST PKITS (from Debian's python3-cryptography-vectors) through our chain builder in strict
// mode, compared with the expected X509_V_ERR codes of OpenSSL's test/pkits-test.pl (same flags:
// -x509_strict -policy_check -extended_crl -use_deltas -crl_check_all, S/MIME signing purpose).
// Each test's path and CRLs come from its signed S/MIME message, as the OpenSSL script does.
#include <gtest/gtest.h>
#include <openssl/pem.h>
#include <openssl/pkcs7.h>
#include <openssl/x509v3.h>

#include <filesystem>
#include <map>
#include <sstream>

#include "tls/chain.h"

namespace mtls::tls {
namespace {

struct PkitsCase {
  const char* section;
  const char* title;
  const char* options;
  int expected;
};

const PkitsCase pkits_table[] = {
#include "pkits_table.inc"
};

// Where our verdict differs from OpenSSL's table, and why.
const std::map<std::string, std::string>& pkits_exceptions() {
  static const std::map<std::string, std::string> table{
#include "pkits_exceptions.inc"
  };
  return table;
}

const char* pkits_dir() {
  static const char* candidates[] = {"/usr/lib/python3/dist-packages/cryptography_vectors/x509/PKITS_data",
                                     "/usr/share/python3-cryptography-vectors/x509/PKITS_data"};
  for (const char* c : candidates) {
    if (std::filesystem::exists(std::string(c) + "/smime")) return c;
  }
  return nullptr;
}

using Pkcs7Ptr = std::unique_ptr<PKCS7, Deleter<PKCS7_free>>;

int verify_case(const PkitsCase& c, X509* anchor, std::string* why) {
  std::string file = std::string("Signed") + c.title + ".eml";
  std::erase_if(file, [](char ch) { return ch == ' ' || ch == '-'; });
  const std::string path = std::string(pkits_dir()) + "/smime/" + file;
  BioPtr bio(BIO_new_file(path.c_str(), "r"));
  if (!bio) {
    *why = "missing " + file;
    return -1;
  }
  Pkcs7Ptr p7(SMIME_read_PKCS7(bio.get(), nullptr));
  if (!p7 || !PKCS7_type_is_signed(p7.get())) {
    *why = "unreadable " + file;
    return -1;
  }
  STACK_OF(X509)* signers = PKCS7_get0_signers(p7.get(), nullptr, 0);
  if (!signers || sk_X509_num(signers) < 1) {
    *why = "no signer in " + file;
    return -1;
  }
  ChainRequest request;
  request.strict = true;
  request.leaf = sk_X509_value(signers, 0);
  request.trusted = {anchor};
  STACK_OF(X509)* certs = p7->d.sign->cert;
  for (int i = 0; certs && i < sk_X509_num(certs); ++i) {
    if (sk_X509_value(certs, i) != request.leaf) request.untrusted.push_back(sk_X509_value(certs, i));
  }
  STACK_OF(X509_CRL)* crls = p7->d.sign->crl;
  for (int i = 0; crls && i < sk_X509_CRL_num(crls); ++i) request.crls.push_back(sk_X509_CRL_value(crls, i));
  request.at = SysSeconds{std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now())};
  request.purpose = X509_PURPOSE_SMIME_SIGN;
  request.extra_flags = X509_V_FLAG_X509_STRICT | X509_V_FLAG_POLICY_CHECK | X509_V_FLAG_EXTENDED_CRL_SUPPORT | X509_V_FLAG_USE_DELTAS |
                        X509_V_FLAG_CRL_CHECK | X509_V_FLAG_CRL_CHECK_ALL;
  std::istringstream options(c.options[0] ? c.options : "anyPolicy");
  for (std::string word; options >> word;) {
    if (word == "explicit") request.extra_flags |= X509_V_FLAG_EXPLICIT_POLICY;
    else if (word == "inhibit_map") request.extra_flags |= X509_V_FLAG_INHIBIT_MAP;
    else if (word == "inhibit_any") request.extra_flags |= X509_V_FLAG_INHIBIT_ANY;
    else if (word == "anyPolicy") request.policies.push_back("2.5.29.32.0");
    else if (word.rfind("nist", 0) == 0) request.policies.push_back("2.16.840.1.101.3.2.1.48." + word.substr(4));
  }
  ChainResult result = build_chain(request);
  sk_X509_free(signers);
  if (result.ok) return 0;
  if (!result.facts.errors.empty()) *why = result.facts.errors[0].name;
  return result.facts.errors.empty() ? -1 : result.facts.errors[0].code;
}

TEST(PkitsSuite, AgreesWithOpenSslsTableOrIsADocumentedException) {
  if (!pkits_dir()) GTEST_SKIP() << "python3-cryptography-vectors (PKITS) is not installed";
  const std::string anchor_path = std::string(pkits_dir()) + "/certs/TrustAnchorRootCertificate.crt";
  BioPtr bio(BIO_new_file(anchor_path.c_str(), "rb"));
  ASSERT_TRUE(bio);
  X509Ptr anchor(d2i_X509_bio(bio.get(), nullptr));
  ASSERT_TRUE(anchor);
  int agree = 0, exceptions = 0;
  std::vector<std::string> unexpected;
  for (const PkitsCase& c : pkits_table) {
    std::string why;
    const int got = verify_case(c, anchor.get(), &why);
    const bool documented = pkits_exceptions().count(c.section) > 0;
    if (got == c.expected) {
      ++agree;
      if (documented) unexpected.push_back(std::string(c.section) + ": agrees now, remove it from the exceptions");
    } else if (documented) {
      ++exceptions;
    } else {
      unexpected.push_back(std::string(c.section) + " " + c.title + ": expected " + std::to_string(c.expected) + ", got " +
                           std::to_string(got) + " (" + why + ")");
    }
  }
  std::string list;
  for (const auto& u : unexpected) list += "\n  " + u;
  EXPECT_TRUE(unexpected.empty()) << unexpected.size() << " unexpected:" << list;
  std::printf("PKITS: %d agree, %d documented exceptions, %zu unexpected (of %zu)\n", agree, exceptions, unexpected.size(),
              std::size(pkits_table));
}

}  // namespace
}  // namespace mtls::tls
