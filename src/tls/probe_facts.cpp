// SPDX-License-Identifier: Apache-2.0
#include "tls/probe_facts.h"

#include <fmt/format.h>
#include <openssl/asn1.h>
#include <openssl/objects.h>
#include <openssl/x509v3.h>

#include <cctype>
#include <ctime>

namespace mtls::tls {
namespace {

std::string hex(const unsigned char* data, std::size_t size) {
  static constexpr char digits[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(size * 2);
  for (std::size_t i = 0; i < size; ++i) {
    out += digits[data[i] >> 4];
    out += digits[data[i] & 15];
  }
  return out;
}

std::string utf8(const ASN1_STRING* s) {
  unsigned char* p = nullptr;
  const int n = ASN1_STRING_to_UTF8(&p, s);
  if (n < 0) return {};
  std::string out(reinterpret_cast<char*>(p), static_cast<std::size_t>(n));
  OPENSSL_free(p);
  return out;
}

std::string oid(const ASN1_OBJECT* obj) {
  char buffer[128];
  OBJ_obj2txt(buffer, sizeof buffer, obj, 1);
  return buffer;
}

std::string short_name(const ASN1_OBJECT* obj) {
  const int nid = OBJ_obj2nid(obj);
  const char* sn = nid != NID_undef ? OBJ_nid2sn(nid) : nullptr;
  return sn ? std::string(sn) : oid(obj);
}

std::string rfc4514(const X509_NAME* name) {
  BioPtr bio(BIO_new(BIO_s_mem()));
  if (!bio) return {};
  X509_NAME_print_ex(bio.get(), name, 0, XN_FLAG_RFC2253 & ~ASN1_STRFLGS_ESC_MSB);
  char* data = nullptr;
  const long n = BIO_get_mem_data(bio.get(), &data);
  return n > 0 ? std::string(data, static_cast<std::size_t>(n)) : std::string();
}

/// crypto/x509/x_name.c x509_name_canon: per attribute the OID and the UTF-8 value lower-cased,
/// leading/trailing space removed and inner runs collapsed.
std::string canonical(const X509_NAME* name) {
  std::string canon;
  const int count = X509_NAME_entry_count(name);
  for (int i = 0; i < count; ++i) {
    const X509_NAME_ENTRY* e = X509_NAME_get_entry(name, i);
    canon += oid(X509_NAME_ENTRY_get_object(e));
    canon += '=';
    std::string folded;
    bool space = false;
    for (char c : utf8(X509_NAME_ENTRY_get_data(e))) {
      if (std::isspace(static_cast<unsigned char>(c))) {
        space = !folded.empty();
        continue;
      }
      if (space) folded += ' ';
      space = false;
      folded += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    canon += folded;
    canon += '\x1f';
    if (i + 1 < count && X509_NAME_ENTRY_set(e) == X509_NAME_ENTRY_set(X509_NAME_get_entry(name, i + 1))) canon += '+';
  }
  return hex(reinterpret_cast<const unsigned char*>(canon.data()), canon.size());
}

SysSeconds to_time(const ASN1_TIME* t) {
  std::tm tm{};
  if (!t || ASN1_TIME_to_tm(t, &tm) != 1) return {};
  return SysSeconds{std::chrono::seconds{timegm(&tm)}};
}

std::string digest(X509* cert, const EVP_MD* md) {
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int n = 0;
  if (X509_digest(cert, md, out, &n) != 1) return {};
  return hex(out, n);
}

}  // namespace

DistinguishedName probe_distinguished_name(const X509_NAME* name) {
  DistinguishedName dn;
  if (!name) return dn;
  dn.text = rfc4514(name);
  unsigned char* der = nullptr;
  const int n = i2d_X509_NAME(name, &der);
  if (n > 0) {
    dn.der_hex = hex(der, static_cast<std::size_t>(n));
    OPENSSL_free(der);
  }
  dn.canonical = canonical(name);
  for (int i = 0; i < X509_NAME_entry_count(name); ++i) {
    const X509_NAME_ENTRY* e = X509_NAME_get_entry(name, i);
    dn.attributes.emplace_back(short_name(X509_NAME_ENTRY_get_object(e)), utf8(X509_NAME_ENTRY_get_data(e)));
  }
  return dn;
}

CertificateFacts probe_certificate_facts(X509* cert, CertificateRole role, EvidenceRef origin) {
  CertificateFacts f;
  f.role = role;
  f.origin = std::move(origin);
  f.subject_name = probe_distinguished_name(X509_get_subject_name(cert));
  f.issuer_name = probe_distinguished_name(X509_get_issuer_name(cert));
  f.subject = f.subject_name.text;
  f.issuer = f.issuer_name.text;
  if (const ASN1_INTEGER* serial = X509_get0_serialNumber(cert)) f.serial = hex(serial->data, static_cast<std::size_t>(serial->length));
  f.sha1 = digest(cert, EVP_sha1());
  f.sha256 = digest(cert, EVP_sha256());
  f.not_before = to_time(X509_get0_notBefore(cert));
  f.not_after = to_time(X509_get0_notAfter(cert));
  const uint32_t flags = X509_get_extension_flags(cert);
  f.self_signed = (flags & EXFLAG_SS) != 0 && X509_self_signed(cert, 1) == 1;
  f.is_ca = X509_check_ca(cert) > 0 && (flags & EXFLAG_BCONS) != 0;
  if (flags & EXFLAG_XKUSAGE) {
    f.has_eku = true;
    if (auto* eku = static_cast<EXTENDED_KEY_USAGE*>(X509_get_ext_d2i(cert, NID_ext_key_usage, nullptr, nullptr))) {
      for (int i = 0; i < sk_ASN1_OBJECT_num(eku); ++i) f.eku.push_back(short_name(sk_ASN1_OBJECT_value(eku, i)));
      EXTENDED_KEY_USAGE_free(eku);
    }
  }
  if (flags & EXFLAG_KUSAGE) {
    f.has_key_usage = true;
    static constexpr std::pair<uint32_t, const char*> bits[] = {
        {KU_DIGITAL_SIGNATURE, "digitalSignature"}, {KU_NON_REPUDIATION, "nonRepudiation"},
        {KU_KEY_ENCIPHERMENT, "keyEncipherment"},   {KU_DATA_ENCIPHERMENT, "dataEncipherment"},
        {KU_KEY_AGREEMENT, "keyAgreement"},         {KU_KEY_CERT_SIGN, "keyCertSign"},
        {KU_CRL_SIGN, "cRLSign"},                   {KU_ENCIPHER_ONLY, "encipherOnly"},
        {KU_DECIPHER_ONLY, "decipherOnly"}};
    const uint32_t ku = X509_get_key_usage(cert);
    for (const auto& [bit, name] : bits) {
      if (ku & bit) f.key_usage.emplace_back(name);
    }
  }
  if (EVP_PKEY* key = X509_get0_pubkey(cert)) {
    f.public_key_bits = EVP_PKEY_get_bits(key);
    f.public_key = fmt::format("{} {}", EVP_PKEY_get0_type_name(key) ? EVP_PKEY_get0_type_name(key) : "key", f.public_key_bits);
  }
  f.signature_algorithm = OBJ_nid2ln(X509_get_signature_nid(cert)) ? OBJ_nid2ln(X509_get_signature_nid(cert)) : "";
  if (auto* names = static_cast<GENERAL_NAMES*>(X509_get_ext_d2i(cert, NID_subject_alt_name, nullptr, nullptr))) {
    for (int i = 0; i < sk_GENERAL_NAME_num(names) && i < 100; ++i) {
      const GENERAL_NAME* gn = sk_GENERAL_NAME_value(names, i);
      if (gn->type == GEN_DNS) f.subject_alt_names.push_back("DNS:" + utf8(gn->d.dNSName));
      if (gn->type == GEN_EMAIL) f.subject_alt_names.push_back("email:" + utf8(gn->d.rfc822Name));
      if (gn->type == GEN_URI) f.subject_alt_names.push_back("URI:" + utf8(gn->d.uniformResourceIdentifier));
      if (gn->type == GEN_IPADD && gn->d.iPAddress->length == 4) {
        const unsigned char* ip = gn->d.iPAddress->data;
        f.subject_alt_names.push_back(fmt::format("IP:{}.{}.{}.{}", ip[0], ip[1], ip[2], ip[3]));
      }
    }
    GENERAL_NAMES_free(names);
  }
  return f;
}

}  // namespace mtls::tls
