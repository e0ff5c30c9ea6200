// SPDX-License-Identifier: Apache-2.0
#include "tls/distinguished_name.h"

#include <openssl/asn1.h>
#include <openssl/err.h>
#include <openssl/objects.h>
#include <openssl/pem.h>
#include <openssl/x509v3.h>

#include <cctype>
#include <ctime>
#include <fmt/format.h>
#include <fstream>
#include <iterator>

#include "tls/openssl_error.h"
#include "tls/openssl_ptr.h"

namespace mtls::tls {
namespace {

std::string hex_upper(const unsigned char* p, std::size_t n) {
  static constexpr char digits[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(n * 2);
  for (std::size_t i = 0; i < n; ++i) {
    out += digits[p[i] >> 4];
    out += digits[p[i] & 0x0F];
  }
  return out;
}

std::string der_of(const X509_NAME* name) {
  const unsigned char* der = nullptr;
  std::size_t len = 0;
  if (X509_NAME_get0_der(const_cast<X509_NAME*>(name), &der, &len) != 1) return {};
  return hex_upper(der, len);
}

std::string rfc4514(const X509_NAME* name) {
  BioPtr bio(BIO_new(BIO_s_mem()));
  // XN_FLAG_RFC2253 prints most significant RDN last with RFC 4514 escaping; UTF-8 kept as is.
  X509_NAME_print_ex(bio.get(), name, 0, XN_FLAG_RFC2253 & ~ASN1_STRFLGS_ESC_MSB);
  char* data = nullptr;
  const long n = BIO_get_mem_data(bio.get(), &data);
  return n > 0 ? std::string(data, static_cast<std::size_t>(n)) : std::string();
}

std::string utf8_value(const X509_NAME_ENTRY* entry) {
  unsigned char* out = nullptr;
  const int n = ASN1_STRING_to_UTF8(&out, X509_NAME_ENTRY_get_data(entry));
  if (n < 0) return {};
  std::string s(reinterpret_cast<char*>(out), static_cast<std::size_t>(n));
  OPENSSL_free(out);
  return s;
}

std::string canonical_value(std::string_view v) {
  std::string out;
  bool space = false;
  for (char ch : v) {
    if (std::isspace(static_cast<unsigned char>(ch))) {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  }
  return out;
}

std::string canonical_of(const X509_NAME* name) {
  X509NamePtr canon(X509_NAME_new());
  int last_set = -1;
  for (int i = 0; i < X509_NAME_entry_count(name); ++i) {
    const X509_NAME_ENTRY* e = X509_NAME_get_entry(name, i);
    const int set = X509_NAME_ENTRY_set(e);
    const ASN1_STRING* data = X509_NAME_ENTRY_get_data(e);
    const int type = ASN1_STRING_type(data);
    // x509_name_canon canonicalises string types only; others keep their encoding.
    const bool is_string = ((ASN1_tag2bit(type) & (B_ASN1_DIRECTORYSTRING)) != 0) || type == V_ASN1_IA5STRING;
    const std::string value = is_string ? canonical_value(utf8_value(e))
                                        : std::string(reinterpret_cast<const char*>(ASN1_STRING_get0_data(data)),
                                                      static_cast<std::size_t>(ASN1_STRING_length(data)));
    X509_NAME_add_entry_by_OBJ(canon.get(), X509_NAME_ENTRY_get_object(e), is_string ? MBSTRING_UTF8 : type,
                               reinterpret_cast<const unsigned char*>(value.data()), static_cast<int>(value.size()),
                               -1, set == last_set ? -1 : 0);
    last_set = set;
  }
  unsigned char* der = nullptr;
  const int n = i2d_X509_NAME(canon.get(), &der);
  if (n <= 0) return {};
  // Drop the outer SEQUENCE header (tag + length octets), as OpenSSL's canon_enc does.
  std::size_t header = 2;
  if (der[1] & 0x80) header += der[1] & 0x7F;
  std::string out = static_cast<std::size_t>(n) > header ? hex_upper(der + header, static_cast<std::size_t>(n) - header) : std::string();
  OPENSSL_free(der);
  return out;
}

DistinguishedName describe(const X509_NAME* name) {
  DistinguishedName dn;
  dn.text = rfc4514(name);
  dn.der_hex = der_of(name);
  dn.canonical = canonical_of(name);
  for (int i = 0; i < X509_NAME_entry_count(name); ++i) {
    const X509_NAME_ENTRY* e = X509_NAME_get_entry(name, i);
    const int nid = OBJ_obj2nid(X509_NAME_ENTRY_get_object(e));
    std::string key;
    if (nid != NID_undef) {
      key = OBJ_nid2sn(nid);
    } else {
      char buf[128];
      OBJ_obj2txt(buf, sizeof buf, X509_NAME_ENTRY_get_object(e), 1);
      key = buf;
    }
    dn.attributes.emplace_back(key, utf8_value(e));
  }
  return dn;
}

SysSeconds to_sys(const ASN1_TIME* t) {
  std::tm tm{};
  if (!t || ASN1_TIME_to_tm(t, &tm) != 1) return {};
  return SysSeconds{std::chrono::seconds{timegm(&tm)}};
}

std::string digest_hex(const X509* cert, const EVP_MD* md) {
  unsigned char buf[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  if (X509_digest(cert, md, buf, &len) != 1) return {};
  return hex_upper(buf, len);
}

std::vector<std::string> eku_names(X509* cert, bool& present) {
  std::vector<std::string> out;
  auto* eku = static_cast<EXTENDED_KEY_USAGE*>(X509_get_ext_d2i(cert, NID_ext_key_usage, nullptr, nullptr));
  present = eku != nullptr;
  if (!eku) return out;
  for (int i = 0; i < sk_ASN1_OBJECT_num(eku); ++i) {
    const ASN1_OBJECT* obj = sk_ASN1_OBJECT_value(eku, i);
    const int nid = OBJ_obj2nid(obj);
    if (nid != NID_undef) {
      out.emplace_back(OBJ_nid2sn(nid));
    } else {
      char buf[128];
      OBJ_obj2txt(buf, sizeof buf, obj, 1);
      out.emplace_back(buf);
    }
  }
  EXTENDED_KEY_USAGE_free(eku);
  return out;
}

CertificateFacts facts_of(X509* cert, CertificateRole role) {
  CertificateFacts f;
  f.role = role;
  f.subject_name = describe(X509_get_subject_name(cert));
  f.issuer_name = describe(X509_get_issuer_name(cert));
  f.subject = f.subject_name.text;
  f.issuer = f.issuer_name.text;
  if (const ASN1_INTEGER* serial = X509_get0_serialNumber(cert)) {
    f.serial = hex_upper(ASN1_STRING_get0_data(serial), static_cast<std::size_t>(ASN1_STRING_length(serial)));
  }
  f.sha1 = digest_hex(cert, EVP_sha1());
  f.sha256 = digest_hex(cert, EVP_sha256());
  f.not_before = to_sys(X509_get0_notBefore(cert));
  f.not_after = to_sys(X509_get0_notAfter(cert));
  f.eku = eku_names(cert, f.has_eku);
  const std::uint32_t ku = X509_get_key_usage(cert);
  f.has_key_usage = (X509_get_extension_flags(cert) & EXFLAG_KUSAGE) != 0;
  if (f.has_key_usage) {
    static constexpr std::pair<std::uint32_t, const char*> bits[] = {
        {KU_DIGITAL_SIGNATURE, "digitalSignature"}, {KU_NON_REPUDIATION, "nonRepudiation"},
        {KU_KEY_ENCIPHERMENT, "keyEncipherment"},   {KU_DATA_ENCIPHERMENT, "dataEncipherment"},
        {KU_KEY_AGREEMENT, "keyAgreement"},         {KU_KEY_CERT_SIGN, "keyCertSign"},
        {KU_CRL_SIGN, "cRLSign"},                   {KU_ENCIPHER_ONLY, "encipherOnly"},
        {KU_DECIPHER_ONLY, "decipherOnly"}};
    for (const auto& [bit, name] : bits) {
      if (ku & bit) f.key_usage.emplace_back(name);
    }
  }
  f.is_ca = X509_check_ca(cert) != 0 && (X509_get_extension_flags(cert) & EXFLAG_CA) != 0;
  f.self_signed = X509_self_signed(cert, 1) == 1;
  const int sig_nid = X509_get_signature_nid(cert);
  if (sig_nid != NID_undef) f.signature_algorithm = OBJ_nid2ln(sig_nid);
  if (EVP_PKEY* key = X509_get0_pubkey(cert)) {
    f.public_key_bits = EVP_PKEY_get_bits(key);
    const char* type = EVP_PKEY_get0_type_name(key);
    f.public_key = fmt::format("{} {}", type ? type : "key", f.public_key_bits);
  }
  ERR_clear_error();
  return f;
}

}  // namespace

Expected<DistinguishedName> parse_distinguished_name(std::string_view der) {
  const auto* p = reinterpret_cast<const unsigned char*>(der.data());
  X509NamePtr name(d2i_X509_NAME(nullptr, &p, static_cast<long>(der.size())));
  if (!name) return unexpected("not a DER distinguished name: " + take_openssl_error());
  if (p != reinterpret_cast<const unsigned char*>(der.data()) + der.size()) {
    ERR_clear_error();
    return unexpected("distinguished name followed by extra bytes");
  }
  return describe(name.get());
}

Expected<CertificateFacts> certificate_facts_from_der(std::string_view der, CertificateRole role) {
  const auto* p = reinterpret_cast<const unsigned char*>(der.data());
  X509Ptr cert(d2i_X509(nullptr, &p, static_cast<long>(der.size())));
  if (!cert) return unexpected("not a DER certificate: " + take_openssl_error());
  return facts_of(cert.get(), role);
}

Expected<std::vector<CertificateFacts>> load_certificate_file(const std::string& path, CertificateRole first_role) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return unexpected("cannot open certificate file", path);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (bytes.size() > (16u << 20)) return unexpected("certificate file larger than 16 MiB", path);
  std::vector<CertificateFacts> out;
  auto role_for = [&](std::size_t i) { return i == 0 ? first_role : CertificateRole::intermediate; };
  if (bytes.find("-----BEGIN") != std::string::npos) {
    BioPtr bio(BIO_new_mem_buf(bytes.data(), static_cast<int>(bytes.size())));
    while (X509* raw = PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr)) {
      X509Ptr cert(raw);
      out.push_back(facts_of(cert.get(), role_for(out.size())));
      if (out.size() > 64) break;
    }
    ERR_clear_error();  // the end of the PEM data reads as an error
  } else {
    auto one = certificate_facts_from_der(bytes, first_role);
    if (!one) return unexpected(one.error().message, path);
    out.push_back(std::move(*one));
  }
  if (out.empty()) return unexpected("no certificate found (expected PEM or DER)", path);
  for (CertificateFacts& f : out) f.origin = at_input("certificate", path, f.subject);
  return out;
}

}  // namespace mtls::tls
