// SPDX-License-Identifier: Apache-2.0
// The certificate sources: turn what the user named (an identity, chain files, trust stores,
// CRLs, a time, an account) into CertificateEvidence. No OpenSSL types here: src/cli, the probe
// and `diagnose` call these.
#pragma once

#include <string>
#include <vector>

#include "core/evidence/certificates.h"
#include "core/expected.h"
#include "tls/identity.h"

namespace mtls::tls {

struct CertificateInputs {
  IdentitySpec identity;                  ///< --cert/--key/--chain or --pfx (or FILE)
  std::vector<std::string> untrusted;     ///< --untrusted: more intermediates to build with
  std::vector<std::string> trust;         ///< --trust: anchors (file or directory)
  std::vector<std::string> crls;          ///< --crl
  SysSeconds at{};                        ///< --at, default now
  std::string as_user;                    ///< --as-user NAME
  bool ad_mapping = false;                ///< --ad-mapping
};

/// Unusable input (unreadable file, wrong password, no such account) is an error naming the file.
Expected<CertificateEvidence> collect_certificate_evidence(const CertificateInputs& inputs, const PasswordProvider& password);

struct StoreInputs {
  std::vector<std::string> stores;  ///< STORE (file or directory), each audited
  StoreRole role = StoreRole::root;
  std::string client_file;          ///< --client FILE: certificate (and chain) to look up in the store
  SysSeconds at{};
};

Expected<CertificateEvidence> collect_store_evidence(const StoreInputs& inputs, const PasswordProvider& password);

}  // namespace mtls::tls
