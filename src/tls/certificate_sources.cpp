// SPDX-License-Identifier: Apache-2.0
#include "tls/certificate_sources.h"

#include <fmt/format.h>
#include <openssl/err.h>
#include <openssl/x509v3.h>

#include <filesystem>

#include "tls/cert_facts.h"
#include "tls/cert_file.h"
#include "tls/chain.h"
#include "tls/client_identity.h"
#include "tls/key_access.h"
#include "tls/trust_store.h"

namespace mtls::tls {
namespace {

CertificateRole role_in_path(X509* cert, std::size_t depth, std::size_t size) {
  if (depth == 0) return CertificateRole::client;
  if (depth + 1 == size && X509_self_signed(cert, 0) == 1) return CertificateRole::root;
  return CertificateRole::intermediate;
}

EvidenceRef origin_of(X509* cert, X509* leaf, const std::string& leaf_file,
                      const std::vector<std::pair<X509*, EvidenceRef>>& known) {
  if (cert == leaf || X509_cmp(cert, leaf) == 0) return at_input("certificate", leaf_file, "client certificate");
  for (const auto& [c, ref] : known) {
    if (X509_cmp(c, cert) == 0) return ref;
  }
  return at_input("certificate", leaf_file, "");
}

}  // namespace

Expected<CertificateEvidence> collect_certificate_evidence(const CertificateInputs& inputs, const PasswordProvider& password) {
  auto identity = load_client_identity(inputs.identity, password);
  if (!identity) return unexpected(identity.error());
  const std::string cert_file = inputs.identity.pfx_file.empty() ? inputs.identity.cert_file : inputs.identity.pfx_file;
  CertificateEvidence evidence;

  IdentityFacts id;
  id.certificate_file = cert_file;
  id.key_file = identity->key_file;
  id.pkcs12_legacy = identity->pkcs12_legacy;
  id.ad_mapping = inputs.ad_mapping;
  id.key_present = identity->key != nullptr;
  if (identity->key) {
    id.key_type = describe_key(identity->key.get());
    // EVP_PKEY_eq compares the public halves for every key type (RSA, EC, Ed25519...).
    id.key_matches = EVP_PKEY_eq(X509_get0_pubkey(identity->certificate.get()), identity->key.get()) == 1;
    ERR_clear_error();
  }
  if (!inputs.as_user.empty()) {
    id.as_user = inputs.as_user;
    auto account = lookup_account(inputs.as_user);
    if (!account) return unexpected(account.error());
    if (!identity->key_file.empty()) {
      auto access = check_read_access(identity->key_file, *account);
      if (!access) return unexpected(access.error());
      id.key_readable = access->readable;
      id.unreadable_reason = access->reason;
      id.grant_commands = access->commands;
    }
  }
  evidence.identity = std::move(id);

  // Everything the client has to build with: its own chain, then --untrusted files.
  std::vector<std::pair<X509*, EvidenceRef>> known;
  std::vector<X509Ptr> owned;
  std::vector<X509*> untrusted;
  const std::string chain_file = inputs.identity.chain_file.empty() ? cert_file : inputs.identity.chain_file;
  for (X509Ptr& c : identity->chain) {
    untrusted.push_back(c.get());
    known.emplace_back(c.get(), at_input("certificate", chain_file, "chain"));
  }
  for (const std::string& file : inputs.untrusted) {
    auto data = read_input_file(file);
    if (!data) return unexpected(data.error());
    auto loaded = parse_certificates(*data, file, &password, false);
    if (!loaded) return unexpected(loaded.error());
    for (X509Ptr& c : loaded->certificates) {
      untrusted.push_back(c.get());
      known.emplace_back(c.get(), at_input("certificate", file, "untrusted"));
      owned.push_back(std::move(c));
    }
  }
  std::vector<LoadedStore> stores;
  std::vector<X509*> trusted;
  for (const std::string& path : inputs.trust) {
    auto store = load_store(path, &password);
    if (!store) return unexpected(store.error());
    for (StoreCertificate& sc : store->certificates) {
      trusted.push_back(sc.certificate.get());
      EvidenceRef ref = sc.origin;
      ref.source = "trust";
      known.emplace_back(sc.certificate.get(), std::move(ref));
    }
    stores.push_back(std::move(*store));
  }
  std::vector<X509CrlPtr> crls;
  std::vector<NamedCrl> named_crls;
  for (const std::string& file : inputs.crls) {
    auto data = read_input_file(file);
    if (!data) return unexpected(data.error());
    auto parsed = parse_crls(*data, file);
    if (!parsed) return unexpected(parsed.error());
    for (X509CrlPtr& c : *parsed) {
      named_crls.push_back({c.get(), file});
      crls.push_back(std::move(c));
    }
  }

  X509* leaf = identity->certificate.get();
  if (!inputs.trust.empty()) {
    ChainRequest request;
    request.leaf = leaf;
    request.untrusted = untrusted;
    request.trusted = trusted;
    request.at = inputs.at;
    ChainResult chain = build_chain(request);
    chain.facts.trust_stores = inputs.trust;
    if (!inputs.identity.chain_file.empty()) chain.facts.untrusted_files.push_back(inputs.identity.chain_file);
    for (const auto& f : inputs.untrusted) chain.facts.untrusted_files.push_back(f);
    for (std::size_t i = 0; i < chain.path.size(); ++i) {
      X509* c = chain.path[i].get();
      evidence.certificates.push_back(certificate_facts(c, role_in_path(c, i, chain.path.size()), origin_of(c, leaf, cert_file, known)));
    }
    if (!named_crls.empty()) {
      X509* issuer = chain.path.size() > 1 ? chain.path[1].get() : nullptr;
      evidence.revocation = check_revocation(leaf, issuer, named_crls, inputs.at);
    }
    evidence.chain = std::move(chain.facts);
  } else {
    // No trust store: show the certificates as the client holds them.
    evidence.certificates.push_back(certificate_facts(leaf, CertificateRole::client, at_input("certificate", cert_file, "client certificate")));
    for (const auto& [c, ref] : known) {
      evidence.certificates.push_back(certificate_facts(c, X509_self_signed(c, 0) == 1 ? CertificateRole::root : CertificateRole::intermediate, ref));
    }
    if (!named_crls.empty()) {
      X509* issuer = nullptr;
      for (X509* u : untrusted) if (X509_check_issued(u, leaf) == X509_V_OK) issuer = u;
      evidence.revocation = check_revocation(leaf, issuer, named_crls, inputs.at);
    }
  }
  ERR_clear_error();
  return evidence;
}

Expected<CertificateEvidence> collect_store_evidence(const StoreInputs& inputs, const PasswordProvider& password) {
  CertificateEvidence evidence;
  for (const std::string& path : inputs.stores) {
    auto store = load_store(path, &password);
    if (!store) return unexpected(store.error());
    evidence.stores.push_back(store_facts(*store, inputs.role));
  }
  if (!inputs.client_file.empty()) {
    auto data = read_input_file(inputs.client_file);
    if (!data) return unexpected(data.error());
    auto loaded = parse_certificates(*data, inputs.client_file, &password, false);
    if (!loaded) return unexpected(loaded.error());
    put_leaf_first(loaded->certificates);
    for (std::size_t i = 0; i < loaded->certificates.size(); ++i) {
      X509* c = loaded->certificates[i].get();
      const CertificateRole role = i == 0 ? CertificateRole::client
                                          : (X509_self_signed(c, 0) == 1 ? CertificateRole::root : CertificateRole::intermediate);
      evidence.certificates.push_back(certificate_facts(c, role, at_input("certificate", inputs.client_file, i == 0 ? "client certificate" : "chain")));
    }
  }
  ERR_clear_error();
  return evidence;
}

}  // namespace mtls::tls
