// SPDX-License-Identifier: Apache-2.0
#include "tls/chain.h"

#include <fmt/chrono.h>
#include <fmt/format.h>
#include <openssl/err.h>
#include <openssl/x509v3.h>

#include <ctime>

#include "tls/cert_facts.h"

namespace mtls::tls {
namespace {

struct StackFree {
  void operator()(STACK_OF(X509)* s) const { sk_X509_free(s); }
};
using X509Stack = std::unique_ptr<STACK_OF(X509), StackFree>;
struct CrlStackFree {
  void operator()(STACK_OF(X509_CRL)* s) const { sk_X509_CRL_free(s); }
};
using CrlStack = std::unique_ptr<STACK_OF(X509_CRL), CrlStackFree>;

// Diagnostic mode: record every error and carry on, so one run names all defects.
int collect_errors(int ok, X509_STORE_CTX* ctx) {
  if (ok) return 1;
  auto* errors = static_cast<std::vector<ChainError>*>(X509_STORE_CTX_get_app_data(ctx));
  const int code = X509_STORE_CTX_get_error(ctx);
  ChainError e;
  e.depth = X509_STORE_CTX_get_error_depth(ctx);
  e.code = code;
  e.name = X509_verify_cert_error_string(code);
  if (X509* cert = X509_STORE_CTX_get_current_cert(ctx)) e.subject = distinguished_name(X509_get_subject_name(cert)).text;
  if (errors && errors->size() < 64) errors->push_back(std::move(e));
  return 1;
}

bool is_missing_issuer(int code) {
  return code == X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY || code == X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT ||
         code == X509_V_ERR_UNABLE_TO_VERIFY_LEAF_SIGNATURE;
}
bool is_untrusted_root(int code) {
  return code == X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT || code == X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN;
}
// Validity and revocation are reported by their own checks (cert.expired, cert.revoked).
bool is_separately_checked(int code) {
  switch (code) {
    case X509_V_ERR_CERT_NOT_YET_VALID:
    case X509_V_ERR_CERT_HAS_EXPIRED:
    case X509_V_ERR_ERROR_IN_CERT_NOT_BEFORE_FIELD:
    case X509_V_ERR_ERROR_IN_CERT_NOT_AFTER_FIELD:
    case X509_V_ERR_CERT_REVOKED:
    case X509_V_ERR_UNABLE_TO_GET_CRL:
    case X509_V_ERR_CRL_NOT_YET_VALID:
    case X509_V_ERR_CRL_HAS_EXPIRED:
    case X509_V_ERR_CRL_SIGNATURE_FAILURE:
    case X509_V_ERR_UNABLE_TO_DECRYPT_CRL_SIGNATURE:
    case X509_V_ERR_ERROR_IN_CRL_LAST_UPDATE_FIELD:
    case X509_V_ERR_ERROR_IN_CRL_NEXT_UPDATE_FIELD:
      return true;
    default:
      return false;
  }
}

std::string rfc3339(const ASN1_TIME* t) {
  std::tm tm{};
  if (!t || ASN1_TIME_to_tm(t, &tm) != 1) return {};
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
                     tm.tm_min, tm.tm_sec);
}

}  // namespace

ChainResult build_chain(const ChainRequest& request) {
  ChainResult result;
  X509StorePtr store(X509_STORE_new());
  for (X509* t : request.trusted) X509_STORE_add_cert(store.get(), t);
  result.facts.trust_anchor_count = request.trusted.size();
  X509Stack untrusted(sk_X509_new_null());
  for (X509* u : request.untrusted) sk_X509_push(untrusted.get(), u);

  X509StoreCtxPtr ctx(X509_STORE_CTX_new());
  X509_STORE_CTX_init(ctx.get(), store.get(), request.leaf, untrusted.get());
  // CRLs go to the context, not the store: the store looks CRLs up by the certificate's issuer
  // name, which misses indirect CRLs (RFC 5280 §5.2.5 cRLIssuer); the context list is searched
  // in full, as `openssl cms -verify` does.
  CrlStack crls(sk_X509_CRL_new_null());
  for (X509_CRL* crl : request.crls) sk_X509_CRL_push(crls.get(), crl);
  X509_STORE_CTX_set0_crls(ctx.get(), crls.get());
  X509_VERIFY_PARAM* param = X509_STORE_CTX_get0_param(ctx.get());
  X509_VERIFY_PARAM_set_time(param, static_cast<time_t>(request.at.time_since_epoch().count()));
  if (request.max_depth >= 0) X509_VERIFY_PARAM_set_depth(param, request.max_depth);
  std::vector<ChainError> errors;
  if (request.strict) {
    unsigned long flags = request.extra_flags;
    if (!request.crls.empty()) flags |= X509_V_FLAG_CRL_CHECK | X509_V_FLAG_CRL_CHECK_ALL;
    X509_VERIFY_PARAM_set_flags(param, flags);
    if (request.purpose) X509_STORE_CTX_set_purpose(ctx.get(), request.purpose);
    for (const std::string& oid : request.policies) {
      ASN1_OBJECT* obj = OBJ_txt2obj(oid.c_str(), 1);
      if (obj) X509_VERIFY_PARAM_add0_policy(param, obj);
    }
    if (!request.host.empty()) X509_VERIFY_PARAM_set1_host(param, request.host.c_str(), request.host.size());
    if (!request.ip.empty()) X509_VERIFY_PARAM_set1_ip_asc(param, request.ip.c_str());
  } else {
    X509_STORE_CTX_set_app_data(ctx.get(), &errors);
    X509_STORE_CTX_set_verify_cb(ctx.get(), collect_errors);
  }
  result.ok = X509_verify_cert(ctx.get()) == 1;
  if (request.strict && !result.ok) {
    const int code = X509_STORE_CTX_get_error(ctx.get());
    ChainError e{X509_STORE_CTX_get_error_depth(ctx.get()), code, X509_verify_cert_error_string(code), {}};
    if (X509* cert = X509_STORE_CTX_get_current_cert(ctx.get())) e.subject = distinguished_name(X509_get_subject_name(cert)).text;
    errors.push_back(std::move(e));
  }
  ERR_clear_error();
  if (STACK_OF(X509)* chain = X509_STORE_CTX_get0_chain(ctx.get())) {
    for (int i = 0; i < sk_X509_num(chain); ++i) {
      X509* c = sk_X509_value(chain, i);
      X509_up_ref(c);
      result.path.emplace_back(c);
    }
  }
  if (result.path.empty()) {
    X509_up_ref(request.leaf);
    result.path.emplace_back(request.leaf);
  }
  result.facts.errors = errors;

  ChainFacts& f = result.facts;
  bool missing = false, untrusted_root = false, other = false;
  for (const ChainError& e : errors) {
    if (is_missing_issuer(e.code)) missing = true;
    else if (is_untrusted_root(e.code)) untrusted_root = true;
    else if (!is_separately_checked(e.code)) other = true;
  }
  if (missing) {
    f.verdict = ChainFacts::Verdict::incomplete;
    X509* top = result.path.back().get();
    const CertificateFacts top_facts = certificate_facts(top, CertificateRole::intermediate, {});
    f.missing_issuer_of = top_facts.subject;
    f.missing_issuer = top_facts.issuer_name;
    f.missing_issuer_key_id = top_facts.authority_key_id;
    f.missing_issuer_aia = top_facts.aia_ca_issuers;
    for (X509* t : request.trusted) {
      if (X509_NAME_cmp(X509_get_subject_name(t), X509_get_issuer_name(top)) != 0) continue;
      const CertificateFacts tf = certificate_facts(t, CertificateRole::root, {});
      f.same_name_other_key.push_back(fmt::format("SHA-1 {}, key id {}", tf.sha1, tf.subject_key_id.empty() ? "none" : tf.subject_key_id));
    }
  } else if (untrusted_root) {
    f.verdict = ChainFacts::Verdict::untrusted_root;
    f.untrusted_root = distinguished_name(X509_get_subject_name(result.path.back().get())).text;
  } else if (other || (request.strict && !result.ok)) {
    f.verdict = ChainFacts::Verdict::invalid;
  } else {
    f.verdict = ChainFacts::Verdict::trusted;
  }
  return result;
}

RevocationFacts check_revocation(X509* cert, X509* issuer, const std::vector<NamedCrl>& crls, SysSeconds at) {
  RevocationFacts r;
  time_t when = static_cast<time_t>(at.time_since_epoch().count());
  for (const NamedCrl& named : crls) {
    if (std::find(r.crl_files.begin(), r.crl_files.end(), named.file) == r.crl_files.end()) r.crl_files.push_back(named.file);
    X509_CRL* crl = named.crl;
    const std::string crl_issuer = distinguished_name(X509_CRL_get_issuer(crl)).text;
    if (X509_NAME_cmp(X509_CRL_get_issuer(crl), X509_get_issuer_name(cert)) != 0) {
      r.notes.push_back(fmt::format("{}: issued by {}, not by the certificate's issuer", named.file, crl_issuer));
      continue;
    }
    r.covered = true;
    if (issuer) {
      const bool ok = X509_CRL_verify(crl, X509_get0_pubkey(issuer)) == 1;
      if (!r.crl_signature_ok || !ok) r.crl_signature_ok = ok;
      if (!ok) r.notes.push_back(fmt::format("{}: the CRL's signature does not verify with the issuer's key", named.file));
    }
    if (const ASN1_TIME* next = X509_CRL_get0_nextUpdate(crl); next && X509_cmp_time(next, &when) < 0) {
      r.notes.push_back(fmt::format("{}: the CRL expired (nextUpdate {})", named.file, rfc3339(next)));
    }
    X509_REVOKED* entry = nullptr;
    if (X509_CRL_get0_by_cert(crl, &entry, cert) == 1 && entry) {
      r.revoked = true;
      r.crl_file = named.file;
      r.revocation_date = rfc3339(X509_REVOKED_get0_revocationDate(entry));
      if (auto* reason = static_cast<ASN1_ENUMERATED*>(X509_REVOKED_get_ext_d2i(entry, NID_crl_reason, nullptr, nullptr))) {
        static constexpr const char* names[] = {"unspecified", "keyCompromise", "cACompromise", "affiliationChanged",
                                                "superseded", "cessationOfOperation", "certificateHold", "7",
                                                "removeFromCRL", "privilegeWithdrawn", "aACompromise"};
        const long code = ASN1_ENUMERATED_get(reason);
        if (code >= 0 && code <= 10) r.reason = names[code];
        ASN1_ENUMERATED_free(reason);
      }
    }
  }
  ERR_clear_error();
  return r;
}

}  // namespace mtls::tls
