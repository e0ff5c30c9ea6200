// SPDX-License-Identifier: Apache-2.0
// OpenSSL certificate verification results (X509_V_OK, X509_V_ERR_*): what nginx writes as
// "client SSL certificate verify error: (20:unable to get local issuer certificate)", Apache as
// "AH02039: Certificate Verification: Error (20): ...", `openssl verify` and s_client as
// "verify error:num=20:...".
#pragma once

#include <span>
#include <string_view>

namespace mtls::knowledge {

/// What part of verification the code is about; the advice for a client certificate follows it.
enum class VerifyTopic {
  ok, internal, chain, revocation, signature, validity, purpose, policy, name_constraints,
  identity, transparency, suite_b, strict
};

struct X509VerifyCode {
  int code;
  std::string_view name;     ///< "X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY"
  /// X509_verify_cert_error_string(): "unable to get local issuer certificate"
  std::string_view message;
  VerifyTopic topic;
  /// What this code means for a client certificate, when it says more than its topic.
  std::string_view note;
};

struct VerifyTopicAdvice {
  std::string_view client_cert;
  std::string_view cause;
  std::string_view next_step;
};

/// Every code of OpenSSL 3's x509_vfy.h, in code order.
std::span<const X509VerifyCode> x509_verify_codes();
const X509VerifyCode* find_x509_verify_code(int code);
/// By name (with or without the X509_V_ERR_ prefix) or by message text, case-insensitive; the
/// OpenSSL 1.1 spelling "self signed certificate" is accepted for codes 18 and 19.
const X509VerifyCode* find_x509_verify_code(std::string_view name_or_message);
const VerifyTopicAdvice& verify_topic_advice(VerifyTopic topic);

}  // namespace mtls::knowledge
