// SPDX-License-Identifier: Apache-2.0
#include "tls/distinguished_name.h"

#include <openssl/err.h>
#include <openssl/x509.h>

#include "core/input_file.h"
#include "tls/cert_facts.h"
#include "tls/cert_file.h"
#include "tls/openssl_error.h"
#include "tls/openssl_ptr.h"

namespace mtls::tls {

Expected<DistinguishedName> parse_distinguished_name(std::string_view der) {
  const auto* p = reinterpret_cast<const unsigned char*>(der.data());
  X509NamePtr name(d2i_X509_NAME(nullptr, &p, static_cast<long>(der.size())));
  if (!name) return unexpected("not a DER distinguished name: " + take_openssl_error());
  if (p != reinterpret_cast<const unsigned char*>(der.data()) + der.size()) {
    ERR_clear_error();
    return unexpected("distinguished name followed by extra bytes");
  }
  return distinguished_name(name.get());
}

Expected<CertificateFacts> certificate_facts_from_der(std::string_view der, CertificateRole role, EvidenceRef origin) {
  const auto* p = reinterpret_cast<const unsigned char*>(der.data());
  X509Ptr cert(d2i_X509(nullptr, &p, static_cast<long>(der.size())));
  if (!cert) {
    std::string why = take_openssl_error();
    return unexpected("not a DER certificate" + (why.empty() ? std::string() : ": " + why), origin.ref);
  }
  return certificate_facts(cert.get(), role, std::move(origin));
}

Expected<std::vector<CertificateFacts>> load_certificate_file(const std::string& path, CertificateRole first_role) {
  auto bytes = read_input_file(path);
  if (!bytes) return unexpected(bytes.error());
  auto loaded = parse_certificates(*bytes, path, nullptr);
  if (!loaded) return unexpected(loaded.error());
  if (loaded->format == CertificateFormat::pkcs7) put_leaf_first(loaded->certificates);  // a bag has no order
  std::vector<CertificateFacts> out;
  for (std::size_t i = 0; i < loaded->certificates.size(); ++i) {
    X509* cert = loaded->certificates[i].get();
    out.push_back(certificate_facts(cert, i == 0 ? first_role : CertificateRole::intermediate, {}));
    out.back().origin = at_input("certificate", path, out.back().subject);
  }
  if (out.empty()) return unexpected(file_error(path, "holds no certificate"));
  return out;
}

}  // namespace mtls::tls
