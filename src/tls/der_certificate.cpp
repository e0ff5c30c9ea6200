// SPDX-License-Identifier: Apache-2.0
#include "tls/der_certificate.h"

#include <fmt/format.h>
#include <openssl/asn1.h>
#include <openssl/x509v3.h>

#include <ctime>

#include "tls/openssl_error.h"
#include "tls/openssl_ptr.h"

namespace mtls::tls {
namespace {

std::string name_text(const X509_NAME* name) {
  BioPtr bio(BIO_new(BIO_s_mem()));
  if (!bio) return {};
  X509_NAME_print_ex(bio.get(), name, 0, XN_FLAG_RFC2253 & ~ASN1_STRFLGS_ESC_MSB);
  char* data = nullptr;
  const long size = BIO_get_mem_data(bio.get(), &data);
  return size > 0 ? std::string(data, static_cast<std::size_t>(size)) : std::string();
}

std::string digest_hex(const X509* cert, const EVP_MD* md) {
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  if (X509_digest(cert, md, out, &size) != 1) return {};
  std::string hex;
  for (unsigned int i = 0; i < size; ++i) hex += fmt::format("{:02X}", out[i]);
  return hex;
}

SysSeconds time_of(const ASN1_TIME* t) {
  std::tm tm{};
  if (!t || ASN1_TIME_to_tm(t, &tm) != 1) return {};
  const std::chrono::year_month_day day{std::chrono::year{tm.tm_year + 1900}, std::chrono::month{static_cast<unsigned>(tm.tm_mon + 1)},
                                        std::chrono::day{static_cast<unsigned>(tm.tm_mday)}};
  return std::chrono::sys_days{day} + std::chrono::hours{tm.tm_hour} + std::chrono::minutes{tm.tm_min} +
         std::chrono::seconds{tm.tm_sec};
}

}  // namespace

Expected<CertificateFacts> certificate_facts_from_der(std::string_view der, EvidenceRef origin) {
  const auto* p = reinterpret_cast<const unsigned char*>(der.data());
  X509Ptr cert(d2i_X509(nullptr, &p, static_cast<long>(der.size())));
  if (!cert) {
    std::string why = take_openssl_error();
    return unexpected("not a DER certificate" + (why.empty() ? std::string() : ": " + why), origin.ref);
  }
  CertificateFacts f;
  f.subject = name_text(X509_get_subject_name(cert.get()));
  f.issuer = name_text(X509_get_issuer_name(cert.get()));
  f.subject_name.text = f.subject;
  f.issuer_name.text = f.issuer;
  if (const ASN1_INTEGER* serial = X509_get0_serialNumber(cert.get())) {
    for (int i = 0; i < serial->length; ++i) f.serial += fmt::format("{:02X}", serial->data[i]);
  }
  f.sha1 = digest_hex(cert.get(), EVP_sha1());
  f.sha256 = digest_hex(cert.get(), EVP_sha256());
  f.not_before = time_of(X509_get0_notBefore(cert.get()));
  f.not_after = time_of(X509_get0_notAfter(cert.get()));
  // Windows calls a root self-signed when Issued To equals Issued By and its own key verifies
  // the signature (KB2802568 concerns certificates where they differ).
  const bool same_name = X509_NAME_cmp(X509_get_subject_name(cert.get()), X509_get_issuer_name(cert.get())) == 0;
  EVP_PKEY* key = X509_get0_pubkey(cert.get());
  f.self_signed = same_name && key && X509_verify(cert.get(), key) == 1;
  f.is_ca = X509_check_ca(cert.get()) > 0;
  f.role = f.self_signed ? CertificateRole::root : CertificateRole::intermediate;
  take_openssl_error();
  f.origin = std::move(origin);
  return f;
}

}  // namespace mtls::tls
