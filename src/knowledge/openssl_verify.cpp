// SPDX-License-Identifier: Apache-2.0
// Sources: OpenSSL 3.0 include/openssl/x509_vfy.h (the X509_V_ERR_* numbers and names) and
// crypto/x509/x509_txt.c (X509_verify_cert_error_string(), the text nginx, Apache, `openssl
// verify` and s_client print), read from the library this project builds against (Debian
// libssl-dev 3.0). Codes 79-94 are raised only under X509_V_FLAG_X509_STRICT (RFC 5280 profile
// checks). The notes and the topic advice are ours: what each means when the certificate being
// verified is a client's.
#include "knowledge/openssl_verify.h"

#include <algorithm>
#include <array>
#include <cctype>

#include "knowledge/text_match.h"

namespace mtls::knowledge {
namespace {

using T = VerifyTopic;

constexpr std::array<X509VerifyCode, 95> table{{
    {0, "X509_V_OK", "ok", T::ok, ""},
    {1, "X509_V_ERR_UNSPECIFIED", "unspecified certificate verification error", T::internal, ""},
    {2, "X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT", "unable to get issuer certificate", T::chain,
     "An issuer named in the chain is not available (seen when the trust store is incomplete or "
     "the chain was cut short)."},
    {3, "X509_V_ERR_UNABLE_TO_GET_CRL", "unable to get certificate CRL", T::revocation,
     "CRL checking is on (nginx ssl_crl, Apache SSLCARevocationCheck) but no CRL for this issuer "
     "was loaded: every certificate from that CA fails."},
    {4, "X509_V_ERR_UNABLE_TO_DECRYPT_CERT_SIGNATURE", "unable to decrypt certificate's signature",
     T::signature, ""},
    {5, "X509_V_ERR_UNABLE_TO_DECRYPT_CRL_SIGNATURE", "unable to decrypt CRL's signature",
     T::revocation, ""},
    {6, "X509_V_ERR_UNABLE_TO_DECODE_ISSUER_PUBLIC_KEY", "unable to decode issuer public key",
     T::chain, ""},
    {7, "X509_V_ERR_CERT_SIGNATURE_FAILURE", "certificate signature failure", T::signature,
     "A signature in the chain does not verify: a corrupt certificate or one signed by a different "
     "key than its issuer's."},
    {8, "X509_V_ERR_CRL_SIGNATURE_FAILURE", "CRL signature failure", T::revocation, ""},
    {9, "X509_V_ERR_CERT_NOT_YET_VALID", "certificate is not yet valid", T::validity,
     "A certificate in the chain is not valid yet (or the client's or server's clock is wrong)."},
    {10, "X509_V_ERR_CERT_HAS_EXPIRED", "certificate has expired", T::validity,
     "A certificate in the chain is past its notAfter date (or the server's clock is wrong)."},
    {11, "X509_V_ERR_CRL_NOT_YET_VALID", "CRL is not yet valid", T::revocation, ""},
    {12, "X509_V_ERR_CRL_HAS_EXPIRED", "CRL has expired", T::revocation,
     "The loaded CRL's nextUpdate has passed: refresh the CRL file, or every certificate from that "
     "CA fails."},
    {13, "X509_V_ERR_ERROR_IN_CERT_NOT_BEFORE_FIELD",
     "format error in certificate's notBefore field", T::validity, ""},
    {14, "X509_V_ERR_ERROR_IN_CERT_NOT_AFTER_FIELD", "format error in certificate's notAfter field",
     T::validity, ""},
    {15, "X509_V_ERR_ERROR_IN_CRL_LAST_UPDATE_FIELD", "format error in CRL's lastUpdate field",
     T::revocation, ""},
    {16, "X509_V_ERR_ERROR_IN_CRL_NEXT_UPDATE_FIELD", "format error in CRL's nextUpdate field",
     T::revocation, ""},
    {17, "X509_V_ERR_OUT_OF_MEM", "out of memory", T::internal, ""},
    {18, "X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT", "self-signed certificate", T::chain,
     "The certificate is self-signed and not itself trusted: a test client certificate, or the "
     "server was given the wrong CA file."},
    {19, "X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN", "self-signed certificate in certificate chain",
     T::chain,
     "The chain ends in a self-signed root the verifier does not trust: the client's CA is not in "
     "the server's client-CA file."},
    {20, "X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY", "unable to get local issuer certificate",
     T::chain,
     "The verifier has the certificate's issuer name but no certificate of that issuer in its "
     "trust store or among the certificates sent: for a client certificate, the server's client-CA "
     "file lacks the issuing CA, or the client did not send the intermediate."},
    {21, "X509_V_ERR_UNABLE_TO_VERIFY_LEAF_SIGNATURE", "unable to verify the first certificate",
     T::chain,
     "Only one certificate was available and its issuer could not be found: the client sent its "
     "certificate without the intermediate, and the server's CA file does not hold it."},
    {22, "X509_V_ERR_CERT_CHAIN_TOO_LONG", "certificate chain too long", T::chain,
     "The chain is longer than the verifier allows: nginx ssl_verify_depth or Apache "
     "SSLVerifyDepth is too small for the client's intermediates."},
    {23, "X509_V_ERR_CERT_REVOKED", "certificate revoked", T::revocation,
     "The CRL or OCSP answer lists the certificate as revoked."},
    {24, "X509_V_ERR_NO_ISSUER_PUBLIC_KEY", "issuer certificate doesn't have a public key",
     T::chain, ""},
    {25, "X509_V_ERR_PATH_LENGTH_EXCEEDED", "path length constraint exceeded", T::purpose, ""},
    {26, "X509_V_ERR_INVALID_PURPOSE", "unsuitable certificate purpose", T::purpose,
     "The certificate is not allowed for this purpose: for a client certificate, the Extended Key "
     "Usage lacks clientAuth (1.3.6.1.5.5.7.3.2)."},
    {27, "X509_V_ERR_CERT_UNTRUSTED", "certificate not trusted", T::chain,
     "The root is in the store but not trusted for this purpose (trust settings exclude "
     "clientAuth)."},
    {28, "X509_V_ERR_CERT_REJECTED", "certificate rejected", T::chain,
     "The root is in the store but explicitly marked to reject this purpose."},
    {29, "X509_V_ERR_SUBJECT_ISSUER_MISMATCH", "subject issuer mismatch", T::chain, ""},
    {30, "X509_V_ERR_AKID_SKID_MISMATCH", "authority and subject key identifier mismatch", T::chain,
     ""},
    {31, "X509_V_ERR_AKID_ISSUER_SERIAL_MISMATCH", "authority and issuer serial number mismatch",
     T::chain, ""},
    {32, "X509_V_ERR_KEYUSAGE_NO_CERTSIGN", "key usage does not include certificate signing",
     T::purpose, ""},
    {33, "X509_V_ERR_UNABLE_TO_GET_CRL_ISSUER", "unable to get CRL issuer certificate",
     T::revocation, ""},
    {34, "X509_V_ERR_UNHANDLED_CRITICAL_EXTENSION", "unhandled critical extension", T::purpose, ""},
    {35, "X509_V_ERR_KEYUSAGE_NO_CRL_SIGN", "key usage does not include CRL signing", T::revocation,
     ""},
    {36, "X509_V_ERR_UNHANDLED_CRITICAL_CRL_EXTENSION", "unhandled critical CRL extension",
     T::revocation, ""},
    {37, "X509_V_ERR_INVALID_NON_CA", "invalid non-CA certificate (has CA markings)", T::purpose,
     ""},
    {38, "X509_V_ERR_PROXY_PATH_LENGTH_EXCEEDED", "proxy path length constraint exceeded",
     T::purpose, ""},
    {39, "X509_V_ERR_KEYUSAGE_NO_DIGITAL_SIGNATURE", "key usage does not include digital signature",
     T::purpose, ""},
    {40, "X509_V_ERR_PROXY_CERTIFICATES_NOT_ALLOWED",
     "proxy certificates not allowed, please set the appropriate flag", T::purpose, ""},
    {41, "X509_V_ERR_INVALID_EXTENSION", "invalid or inconsistent certificate extension",
     T::purpose, ""},
    {42, "X509_V_ERR_INVALID_POLICY_EXTENSION",
     "invalid or inconsistent certificate policy extension", T::policy, ""},
    {43, "X509_V_ERR_NO_EXPLICIT_POLICY", "no explicit policy", T::policy, ""},
    {44, "X509_V_ERR_DIFFERENT_CRL_SCOPE", "different CRL scope", T::revocation, ""},
    {45, "X509_V_ERR_UNSUPPORTED_EXTENSION_FEATURE", "unsupported extension feature", T::purpose,
     ""},
    {46, "X509_V_ERR_UNNESTED_RESOURCE", "RFC 3779 resource not subset of parent's resources",
     T::name_constraints, ""},
    {47, "X509_V_ERR_PERMITTED_VIOLATION", "permitted subtree violation", T::name_constraints, ""},
    {48, "X509_V_ERR_EXCLUDED_VIOLATION", "excluded subtree violation", T::name_constraints, ""},
    {49, "X509_V_ERR_SUBTREE_MINMAX", "name constraints minimum and maximum not supported",
     T::name_constraints, ""},
    {50, "X509_V_ERR_APPLICATION_VERIFICATION", "application verification failure", T::internal,
     ""},
    {51, "X509_V_ERR_UNSUPPORTED_CONSTRAINT_TYPE", "unsupported name constraint type",
     T::name_constraints, ""},
    {52, "X509_V_ERR_UNSUPPORTED_CONSTRAINT_SYNTAX",
     "unsupported or invalid name constraint syntax", T::name_constraints, ""},
    {53, "X509_V_ERR_UNSUPPORTED_NAME_SYNTAX", "unsupported or invalid name syntax",
     T::name_constraints, ""},
    {54, "X509_V_ERR_CRL_PATH_VALIDATION_ERROR", "CRL path validation error", T::revocation, ""},
    {55, "X509_V_ERR_PATH_LOOP", "path loop", T::chain, ""},
    {56, "X509_V_ERR_SUITE_B_INVALID_VERSION", "Suite B: certificate version invalid", T::suite_b,
     ""},
    {57, "X509_V_ERR_SUITE_B_INVALID_ALGORITHM", "Suite B: invalid public key algorithm",
     T::suite_b, ""},
    {58, "X509_V_ERR_SUITE_B_INVALID_CURVE", "Suite B: invalid ECC curve", T::suite_b, ""},
    {59, "X509_V_ERR_SUITE_B_INVALID_SIGNATURE_ALGORITHM", "Suite B: invalid signature algorithm",
     T::suite_b, ""},
    {60, "X509_V_ERR_SUITE_B_LOS_NOT_ALLOWED", "Suite B: curve not allowed for this LOS",
     T::suite_b, ""},
    {61, "X509_V_ERR_SUITE_B_CANNOT_SIGN_P_384_WITH_P_256", "Suite B: cannot sign P-384 with P-256",
     T::suite_b, ""},
    {62, "X509_V_ERR_HOSTNAME_MISMATCH", "hostname mismatch", T::identity,
     "The certificate does not name the expected host (a server-certificate check; not about "
     "client certificates)."},
    {63, "X509_V_ERR_EMAIL_MISMATCH", "email address mismatch", T::identity, ""},
    {64, "X509_V_ERR_IP_ADDRESS_MISMATCH", "IP address mismatch", T::identity, ""},
    {65, "X509_V_ERR_DANE_NO_MATCH", "no matching DANE TLSA records", T::transparency, ""},
    {66, "X509_V_ERR_EE_KEY_TOO_SMALL", "EE certificate key too weak", T::signature,
     "The end-entity key is below the security level (e.g. RSA 1024 at OpenSSL level 2): reissue "
     "with RSA 2048+ or P-256."},
    {67, "X509_V_ERR_CA_KEY_TOO_SMALL", "CA certificate key too weak", T::signature,
     "A CA key is below the security level: the client's CA must be reissued with a larger key."},
    {68, "X509_V_ERR_CA_MD_TOO_WEAK", "CA signature digest algorithm too weak", T::signature,
     "A CA signature uses a digest below the security level (SHA-1 or MD5)."},
    {69, "X509_V_ERR_INVALID_CALL", "invalid certificate verification context", T::internal, ""},
    {70, "X509_V_ERR_STORE_LOOKUP", "issuer certificate lookup error", T::internal, ""},
    {71, "X509_V_ERR_NO_VALID_SCTS", "Certificate Transparency required, but no valid SCTs found",
     T::transparency, ""},
    {72, "X509_V_ERR_PROXY_SUBJECT_NAME_VIOLATION", "proxy subject name violation", T::purpose, ""},
    {73, "X509_V_ERR_OCSP_VERIFY_NEEDED", "OCSP verification needed", T::revocation, ""},
    {74, "X509_V_ERR_OCSP_VERIFY_FAILED", "OCSP verification failed", T::revocation, ""},
    {75, "X509_V_ERR_OCSP_CERT_UNKNOWN", "OCSP unknown cert", T::revocation, ""},
    {76, "X509_V_ERR_UNSUPPORTED_SIGNATURE_ALGORITHM",
     "Cannot find certificate signature algorithm", T::signature, ""},
    {77, "X509_V_ERR_SIGNATURE_ALGORITHM_MISMATCH",
     "subject signature algorithm and issuer public key algorithm mismatch", T::signature, ""},
    {78, "X509_V_ERR_SIGNATURE_ALGORITHM_INCONSISTENCY",
     "cert info signature and signature algorithm mismatch", T::signature, ""},
    {79, "X509_V_ERR_INVALID_CA", "invalid CA certificate", T::strict, ""},
    {80, "X509_V_ERR_PATHLEN_INVALID_FOR_NON_CA", "Path length invalid for non-CA cert", T::strict,
     ""},
    {81, "X509_V_ERR_PATHLEN_WITHOUT_KU_KEY_CERT_SIGN",
     "Path length given without key usage keyCertSign", T::strict, ""},
    {82, "X509_V_ERR_KU_KEY_CERT_SIGN_INVALID_FOR_NON_CA",
     "Key usage keyCertSign invalid for non-CA cert", T::strict, ""},
    {83, "X509_V_ERR_ISSUER_NAME_EMPTY", "Issuer name empty", T::strict, ""},
    {84, "X509_V_ERR_SUBJECT_NAME_EMPTY", "Subject name empty", T::strict, ""},
    {85, "X509_V_ERR_MISSING_AUTHORITY_KEY_IDENTIFIER", "Missing Authority Key Identifier",
     T::strict, ""},
    {86, "X509_V_ERR_MISSING_SUBJECT_KEY_IDENTIFIER", "Missing Subject Key Identifier", T::strict,
     ""},
    {87, "X509_V_ERR_EMPTY_SUBJECT_ALT_NAME", "Empty Subject Alternative Name extension", T::strict,
     ""},
    {88, "X509_V_ERR_EMPTY_SUBJECT_SAN_NOT_CRITICAL",
     "Subject empty and Subject Alt Name extension not critical", T::strict, ""},
    {89, "X509_V_ERR_CA_BCONS_NOT_CRITICAL", "Basic Constraints of CA cert not marked critical",
     T::strict, ""},
    {90, "X509_V_ERR_AUTHORITY_KEY_IDENTIFIER_CRITICAL", "Authority Key Identifier marked critical",
     T::strict, ""},
    {91, "X509_V_ERR_SUBJECT_KEY_IDENTIFIER_CRITICAL", "Subject Key Identifier marked critical",
     T::strict, ""},
    {92, "X509_V_ERR_CA_CERT_MISSING_KEY_USAGE", "CA cert does not include key usage extension",
     T::strict, ""},
    {93, "X509_V_ERR_EXTENSIONS_REQUIRE_VERSION_3", "Using cert extension requires at least X509v3",
     T::strict, ""},
    {94, "X509_V_ERR_EC_KEY_EXPLICIT_PARAMS", "Certificate public key has explicit ECC parameters",
     T::strict, ""},
}};


}  // namespace

std::span<const X509VerifyCode> x509_verify_codes() { return table; }

const X509VerifyCode* find_x509_verify_code(int code) {
  if (code < 0 || static_cast<std::size_t>(code) >= table.size()) return nullptr;
  return &table[static_cast<std::size_t>(code)];
}

const X509VerifyCode* find_x509_verify_code(std::string_view text) {
  constexpr std::string_view prefix = "X509_V_ERR_";
  for (const X509VerifyCode& c : table) {
    if (iequals(c.name, text) || iequals(c.message, text)) return &c;
    if (c.name.size() > prefix.size() && iequals(c.name.substr(prefix.size()), text)) return &c;
  }
  // OpenSSL before 3.0 wrote "self signed certificate" without the hyphen.
  if (iequals(text, "self signed certificate")) return &table[18];
  if (iequals(text, "self signed certificate in certificate chain")) return &table[19];
  return nullptr;
}

const VerifyTopicAdvice& verify_topic_advice(VerifyTopic topic) {
  static const VerifyTopicAdvice ok{
      "Verification succeeded; the certificate is not the problem.",
      "nothing failed",
      "If the connection still fails, look at what the server did after verification "
      "(mtls-doctor probe https://HOST/PATH --cert CERT --key KEY)."};
  static const VerifyTopicAdvice internal{
      "An error inside the verifier (memory, a lookup, or the application's own callback), not a "
      "verdict on the certificate.",
      "resource exhaustion, a broken trust-store lookup, or an application verify callback",
      "Read the lines logged around it; retry; check the server's CA file or directory is "
      "readable."};
  static const VerifyTopicAdvice chain{
      "The verifier could not build a chain from the client's certificate to a CA it trusts.",
      "the issuing CA is missing from the server's client-CA file (nginx ssl_client_certificate, "
      "Apache SSLCACertificateFile), or the client did not send its intermediate",
      "Check the chain against the server's CA file: mtls-doctor cert CLIENT.pem --trust "
      "SERVER-CLIENT-CA.pem (or openssl verify -CAfile SERVER-CLIENT-CA.pem -untrusted "
      "INTERMEDIATE.pem CLIENT.pem)."};
  static const VerifyTopicAdvice revocation{
      "Revocation checking is on and rejected the certificate, or could not be completed.",
      "a revoked certificate, or a CRL/OCSP answer that is missing, expired or badly signed",
      "Check the CRL or OCSP answer for the client's CA: mtls-doctor cert CLIENT.pem shows the "
      "CRL distribution points and OCSP URL; refresh the CRL file the server loads."};
  static const VerifyTopicAdvice signature{
      "A signature in the chain does not verify or uses a key or digest below the security "
      "level.",
      "a corrupt certificate, a wrong issuer, or weak keys and digests (RSA < 2048, SHA-1)",
      "Inspect the chain: mtls-doctor cert CLIENT.pem; reissue weak certificates."};
  static const VerifyTopicAdvice validity{
      "A certificate in the chain is outside its validity period, or its dates cannot be read.",
      "an expired or not-yet-valid certificate, or a wrong clock on the client or server",
      "mtls-doctor cert CLIENT.pem shows notBefore/notAfter of each certificate; check both "
      "clocks."};
  static const VerifyTopicAdvice purpose{
      "The certificate or its CA is not allowed for client authentication, or carries "
      "extensions the verifier rejects.",
      "Extended Key Usage without clientAuth, Key Usage without digitalSignature, or a CA "
      "certificate without CA:TRUE/keyCertSign",
      "mtls-doctor cert CLIENT.pem checks EKU, Key Usage and Basic Constraints; reissue with "
      "extendedKeyUsage = clientAuth."};
  static const VerifyTopicAdvice policy{
      "The certificate policies of the chain do not satisfy the policy the verifier requires.",
      "a certificatePolicies or policyConstraints extension the chain does not meet",
      "Compare the chain's policies with the server's policy settings (openssl x509 -text)."};
  static const VerifyTopicAdvice name_constraints{
      "A CA's name constraints exclude the client certificate's names, or use a form OpenSSL "
      "cannot check.",
      "a subject or SAN outside the permitted subtree of a constrained intermediate",
      "Read the CA's nameConstraints and the client's subject/SAN (openssl x509 -text)."};
  static const VerifyTopicAdvice identity{
      "A host, email or IP check failed: that is a check of the server's certificate by a "
      "client, not of a client certificate.",
      "the name asked for is not in the certificate's subjectAltName",
      "mtls-doctor probe https://HOST/PATH shows the server certificate's names."};
  static const VerifyTopicAdvice transparency{
      "DANE or Certificate Transparency requirements were not met: a check of server "
      "certificates.",
      "no matching TLSA record, or no valid SCTs",
      "Not a client-certificate problem; check the server's DANE/CT setup."};
  static const VerifyTopicAdvice suite_b{
      "Suite B (RFC 6460) mode rejected an algorithm or curve in the chain.",
      "a non-P-256/P-384 key or a signature algorithm Suite B forbids",
      "Reissue with Suite B algorithms, or turn Suite B mode off."};
  static const VerifyTopicAdvice strict{
      "The chain breaks an RFC 5280 profile rule checked only in strict mode "
      "(X509_V_FLAG_X509_STRICT).",
      "a certificate built by a home-made CA script that skips required extensions",
      "Reissue with the missing extension or flag fixed; mtls-doctor cert CLIENT.pem lists the "
      "extensions."};
  switch (topic) {
    case VerifyTopic::ok: return ok;
    case VerifyTopic::internal: return internal;
    case VerifyTopic::chain: return chain;
    case VerifyTopic::revocation: return revocation;
    case VerifyTopic::signature: return signature;
    case VerifyTopic::validity: return validity;
    case VerifyTopic::purpose: return purpose;
    case VerifyTopic::policy: return policy;
    case VerifyTopic::name_constraints: return name_constraints;
    case VerifyTopic::identity: return identity;
    case VerifyTopic::transparency: return transparency;
    case VerifyTopic::suite_b: return suite_b;
    case VerifyTopic::strict: return strict;
  }
  return internal;
}

}  // namespace mtls::knowledge
