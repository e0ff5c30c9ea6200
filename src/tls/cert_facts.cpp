// SPDX-License-Identifier: Apache-2.0
#include "tls/cert_facts.h"

#include <fmt/format.h>
#include <openssl/asn1.h>
#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/err.h>
#include <openssl/objects.h>
#include <openssl/x509v3.h>

#include <arpa/inet.h>

#include <cctype>
#include <ctime>

namespace mtls::tls {
namespace {

std::string asn1_string_utf8(const ASN1_STRING* s) {
  unsigned char* utf8 = nullptr;
  const int n = ASN1_STRING_to_UTF8(&utf8, s);
  if (n < 0) return {};
  std::string out(reinterpret_cast<char*>(utf8), static_cast<std::size_t>(n));
  OPENSSL_free(utf8);
  return out;
}

std::string object_name(const ASN1_OBJECT* obj, bool prefer_short) {
  const int nid = OBJ_obj2nid(obj);
  if (nid != NID_undef) {
    const char* name = prefer_short ? OBJ_nid2sn(nid) : OBJ_nid2ln(nid);
    if (name) return name;
  }
  char buffer[128];
  OBJ_obj2txt(buffer, sizeof buffer, obj, 1);
  return buffer;
}

std::string oid_text(const ASN1_OBJECT* obj) {
  char buffer[128];
  OBJ_obj2txt(buffer, sizeof buffer, obj, 1);
  return buffer;
}

/// RFC 4514 text, most significant RDN last, values escaped as RFC 4514 §2.4 asks.
std::string rfc4514(const X509_NAME* name) {
  std::string out;
  const int count = X509_NAME_entry_count(name);
  for (int i = count - 1; i >= 0; --i) {
    const X509_NAME_ENTRY* e = X509_NAME_get_entry(name, i);
    if (!out.empty()) out += X509_NAME_ENTRY_set(e) == X509_NAME_ENTRY_set(X509_NAME_get_entry(name, i + 1)) ? "+" : ",";
    const ASN1_OBJECT* obj = X509_NAME_ENTRY_get_object(e);
    const int nid = OBJ_obj2nid(obj);
    const char* sn = nid != NID_undef ? OBJ_nid2sn(nid) : nullptr;
    out += sn ? std::string(sn) : oid_text(obj);
    out += '=';
    const std::string value = asn1_string_utf8(X509_NAME_ENTRY_get_data(e));
    for (std::size_t k = 0; k < value.size(); ++k) {
      const char c = value[k];
      const bool edge = (k == 0 && (c == ' ' || c == '#')) || (k + 1 == value.size() && c == ' ');
      if (edge || c == ',' || c == '+' || c == '"' || c == '\\' || c == '<' || c == '>' || c == ';' || c == '=') out += '\\';
      if (static_cast<unsigned char>(c) < 0x20) {
        out += fmt::format("\\{:02X}", static_cast<unsigned char>(c));
      } else {
        out += c;
      }
    }
  }
  return out;
}

/// OpenSSL-style canonical form (crypto/x509/x_name.c x509_name_canon): per attribute the OID and
/// the UTF-8 value, lower-cased, leading/trailing spaces removed and inner runs collapsed.
std::string canonical(const X509_NAME* name) {
  std::string canon;
  const int count = X509_NAME_entry_count(name);
  for (int i = 0; i < count; ++i) {
    const X509_NAME_ENTRY* e = X509_NAME_get_entry(name, i);
    canon += oid_text(X509_NAME_ENTRY_get_object(e));
    canon += '=';
    const std::string value = asn1_string_utf8(X509_NAME_ENTRY_get_data(e));
    std::string folded;
    bool space = false;
    for (char c : value) {
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

void time_text(const ASN1_TIME* t, SysSeconds* out) {
  std::tm tm{};
  if (ASN1_TIME_to_tm(t, &tm) != 1) return;
  *out = SysSeconds{std::chrono::seconds{timegm(&tm)}};
}

std::string general_name(const GENERAL_NAME* gn) {
  switch (gn->type) {
    case GEN_DNS: return "DNS:" + asn1_string_utf8(gn->d.dNSName);
    case GEN_EMAIL: return "email:" + asn1_string_utf8(gn->d.rfc822Name);
    case GEN_URI: return "URI:" + asn1_string_utf8(gn->d.uniformResourceIdentifier);
    case GEN_IPADD: {
      const ASN1_OCTET_STRING* ip = gn->d.iPAddress;
      if (ip->length == 4) return fmt::format("IP:{}.{}.{}.{}", ip->data[0], ip->data[1], ip->data[2], ip->data[3]);
      // RFC 5280 §4.2.1.6: 16 octets are an IPv6 address; written in RFC 5952 form ("::1",
      // "2001:db8::1") as openssl x509 -text and every peer tool show it, not as 32 hex digits.
      if (ip->length == 16) {
        char text[INET6_ADDRSTRLEN] = {};
        if (inet_ntop(AF_INET6, ip->data, text, sizeof text) != nullptr) return std::string("IP:") + text;
      }
      // Any other length is malformed for a SAN: show the octets rather than invent an address.
      return "IP:" + hex(ip->data, static_cast<std::size_t>(ip->length));
    }
    case GEN_DIRNAME: return "DirName:" + rfc4514(gn->d.directoryName);
    case GEN_OTHERNAME: {
      // Microsoft's UPN (1.3.6.1.4.1.311.20.2.3), what AD certificate mapping reads.
      const OTHERNAME* other = gn->d.otherName;
      if (OBJ_obj2nid(other->type_id) == NID_ms_upn && other->value && other->value->type == V_ASN1_UTF8STRING) {
        return "UPN:" + asn1_string_utf8(other->value->value.utf8string);
      }
      return "othername:" + oid_text(other->type_id);
    }
    default: return "other";
  }
}

}  // namespace

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

DistinguishedName distinguished_name(const X509_NAME* name) {
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
  const int count = X509_NAME_entry_count(name);
  for (int i = 0; i < count; ++i) {
    const X509_NAME_ENTRY* e = X509_NAME_get_entry(name, i);
    dn.attributes.emplace_back(object_name(X509_NAME_ENTRY_get_object(e), true),
                               asn1_string_utf8(X509_NAME_ENTRY_get_data(e)));
  }
  return dn;
}

DistinguishedName distinguished_name_from_der(std::string_view der) {
  const auto* p = reinterpret_cast<const unsigned char*>(der.data());
  X509NamePtr name(d2i_X509_NAME(nullptr, &p, static_cast<long>(der.size())));
  if (!name) {
    DistinguishedName dn;
    dn.der_hex = hex(reinterpret_cast<const unsigned char*>(der.data()), der.size());
    return dn;
  }
  return distinguished_name(name.get());
}

std::string describe_key(const EVP_PKEY* key, int* bits_out) {
  if (!key) return {};
  const int bits = EVP_PKEY_get_bits(key);
  if (bits_out) *bits_out = bits;
  switch (EVP_PKEY_get_base_id(key)) {
    case EVP_PKEY_RSA: return fmt::format("RSA {}", bits);
    case EVP_PKEY_RSA_PSS: return fmt::format("RSA-PSS {}", bits);
    case EVP_PKEY_DSA: return fmt::format("DSA {}", bits);
    case EVP_PKEY_ED25519: return "Ed25519";
    case EVP_PKEY_ED448: return "Ed448";
    case EVP_PKEY_EC: {
      char group[64] = {};
      std::size_t len = 0;
      if (EVP_PKEY_get_utf8_string_param(key, OSSL_PKEY_PARAM_GROUP_NAME, group, sizeof group, &len) == 1) {
        const int nid = OBJ_txt2nid(group);
        const char* nist = nid != NID_undef ? EC_curve_nid2nist(nid) : nullptr;
        return fmt::format("EC {}", nist ? nist : group);
      }
      return fmt::format("EC {}", bits);
    }
    default: return fmt::format("{} {}", EVP_PKEY_get0_type_name(key) ? EVP_PKEY_get0_type_name(key) : "unknown", bits);
  }
}

CertificateFacts certificate_facts(X509* cert, CertificateRole role, EvidenceRef origin) {
  CertificateFacts f;
  f.role = role;
  f.origin = std::move(origin);
  f.subject_name = distinguished_name(X509_get_subject_name(cert));
  f.issuer_name = distinguished_name(X509_get_issuer_name(cert));
  f.subject = f.subject_name.text;
  f.issuer = f.issuer_name.text;

  if (const ASN1_INTEGER* serial = X509_get0_serialNumber(cert)) {
    f.serial = hex(serial->data, static_cast<std::size_t>(serial->length));
    if (f.serial.empty()) f.serial = "00";
  }
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int md_len = 0;
  if (X509_digest(cert, EVP_sha1(), md, &md_len) == 1) f.sha1 = hex(md, md_len);
  if (X509_digest(cert, EVP_sha256(), md, &md_len) == 1) f.sha256 = hex(md, md_len);
  time_text(X509_get0_notBefore(cert), &f.not_before);
  time_text(X509_get0_notAfter(cert), &f.not_after);

  // X509_get_extension_flags computes the cached extension facts (and EXFLAG_SS / EXFLAG_CA).
  const uint32_t flags = X509_get_extension_flags(cert);
  f.is_ca = (flags & EXFLAG_CA) != 0 && X509_get_ext_by_NID(cert, NID_basic_constraints, -1) >= 0;
  f.self_signed = X509_self_signed(cert, 1) == 1;
  ERR_clear_error();

  if (auto* eku = static_cast<EXTENDED_KEY_USAGE*>(X509_get_ext_d2i(cert, NID_ext_key_usage, nullptr, nullptr))) {
    f.has_eku = true;
    for (int i = 0; i < sk_ASN1_OBJECT_num(eku); ++i) f.eku.push_back(object_name(sk_ASN1_OBJECT_value(eku, i), true));
    sk_ASN1_OBJECT_pop_free(eku, ASN1_OBJECT_free);
  }
  if (auto* ku = static_cast<ASN1_BIT_STRING*>(X509_get_ext_d2i(cert, NID_key_usage, nullptr, nullptr))) {
    f.has_key_usage = true;
    static constexpr const char* names[] = {"digitalSignature", "nonRepudiation", "keyEncipherment",
                                            "dataEncipherment", "keyAgreement",   "keyCertSign",
                                            "cRLSign",          "encipherOnly",   "decipherOnly"};
    for (int bit = 0; bit < 9; ++bit) {
      if (ASN1_BIT_STRING_get_bit(ku, bit)) f.key_usage.emplace_back(names[bit]);
    }
    ASN1_BIT_STRING_free(ku);
  }
  if (auto* sans = static_cast<GENERAL_NAMES*>(X509_get_ext_d2i(cert, NID_subject_alt_name, nullptr, nullptr))) {
    for (int i = 0; i < sk_GENERAL_NAME_num(sans); ++i) f.subject_alt_names.push_back(general_name(sk_GENERAL_NAME_value(sans, i)));
    GENERAL_NAMES_free(sans);
  }
  if (auto* aia = static_cast<AUTHORITY_INFO_ACCESS*>(X509_get_ext_d2i(cert, NID_info_access, nullptr, nullptr))) {
    for (int i = 0; i < sk_ACCESS_DESCRIPTION_num(aia); ++i) {
      const ACCESS_DESCRIPTION* ad = sk_ACCESS_DESCRIPTION_value(aia, i);
      if (OBJ_obj2nid(ad->method) == NID_ad_ca_issuers && ad->location->type == GEN_URI) {
        f.aia_ca_issuers.push_back(asn1_string_utf8(ad->location->d.uniformResourceIdentifier));
      }
    }
    AUTHORITY_INFO_ACCESS_free(aia);
  }
  if (auto* cdp = static_cast<CRL_DIST_POINTS*>(X509_get_ext_d2i(cert, NID_crl_distribution_points, nullptr, nullptr))) {
    for (int i = 0; i < sk_DIST_POINT_num(cdp); ++i) {
      const DIST_POINT* dp = sk_DIST_POINT_value(cdp, i);
      if (!dp->distpoint || dp->distpoint->type != 0) continue;
      const GENERAL_NAMES* names = dp->distpoint->name.fullname;
      for (int k = 0; k < sk_GENERAL_NAME_num(names); ++k) {
        const GENERAL_NAME* gn = sk_GENERAL_NAME_value(names, k);
        if (gn->type == GEN_URI) f.crl_distribution_points.push_back(asn1_string_utf8(gn->d.uniformResourceIdentifier));
      }
    }
    CRL_DIST_POINTS_free(cdp);
  }
  if (const ASN1_OCTET_STRING* ski = X509_get0_subject_key_id(cert)) f.subject_key_id = hex(ski->data, static_cast<std::size_t>(ski->length));
  if (const ASN1_OCTET_STRING* aki = X509_get0_authority_key_id(cert)) f.authority_key_id = hex(aki->data, static_cast<std::size_t>(aki->length));

  f.public_key = describe_key(X509_get0_pubkey(cert), &f.public_key_bits);
  f.signature_algorithm = OBJ_nid2ln(X509_get_signature_nid(cert)) ? OBJ_nid2ln(X509_get_signature_nid(cert)) : "unknown";
  // OBJ_nid2ln gives "sha256WithRSAEncryption" for RSA and "ecdsa-with-SHA256" for EC.
  if (const char* sn = OBJ_nid2sn(X509_get_signature_nid(cert)); sn && X509_get_signature_nid(cert) == NID_ED25519) f.signature_algorithm = sn;
  ERR_clear_error();
  return f;
}

}  // namespace mtls::tls
