// SPDX-License-Identifier: Apache-2.0
#include "core/evidence/certificates.h"

namespace mtls {

std::string_view to_string(ChainFacts::Verdict verdict) {
  switch (verdict) {
    case ChainFacts::Verdict::trusted: return "trusted";
    case ChainFacts::Verdict::incomplete: return "incomplete";
    case ChainFacts::Verdict::untrusted_root: return "untrusted-root";
    case ChainFacts::Verdict::invalid: return "invalid";
  }
  return "invalid";
}

std::string_view to_string(CertificateRole role) {
  switch (role) {
    case CertificateRole::client: return "client";
    case CertificateRole::intermediate: return "intermediate";
    case CertificateRole::root: return "root";
    case CertificateRole::server: return "server";
  }
  return "client";
}

std::string_view to_string(StoreRole role) {
  switch (role) {
    case StoreRole::root: return "root";
    case StoreRole::intermediate: return "intermediate";
    case StoreRole::ctl: return "ctl";
  }
  return "root";
}

}  // namespace mtls
