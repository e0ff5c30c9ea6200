// SPDX-License-Identifier: Apache-2.0
// The element and attribute names are those of the CAPI2 provider's events as Windows renders them
// (the corpus sample binary/evtx/omerbenamram-evtx_Microsoft-Windows-CAPI2_Operational.evtx holds
// events 11, 30 and 90 of code-signing chains); the SSL policy's <SSLAdditionalPolicyInfo
// authType="client|server"> follows SSL_EXTRA_CERT_CHAIN_POLICY_PARA's dwAuthType (AUTHTYPE_CLIENT:
// the certificate checked is a client's), "CertVerifyCertificateChainPolicy function",
// learn.microsoft.com/windows/win32/api/wincrypt.
#include "parse/logs/capi2_reader.h"

#include <fmt/format.h>

#include <string>

#include "knowledge/win32_codes.h"
#include "parse/logs/log_time.h"
#include "parse/logs/xml_nodes.h"

namespace mtls::logs {
namespace {

using xml::child;
using xml::local_name;

constexpr std::string_view kClientAuthOid = "1.3.6.1.5.5.7.3.2";  // RFC 5280 §4.2.1.12 id-kp-clientAuth

/// "9617094A1CFB59AE7C1F7DFDB6739E4E7C40508F.cer" -> the SHA-1 thumbprint; empty when not one.
std::string thumbprint_of(std::string_view file_ref) {
  if (file_ref.ends_with(".cer")) file_ref.remove_suffix(4);
  if (file_ref.size() != 40) return {};
  std::string out(file_ref);
  for (char& c : out) {
    if (c >= 'a' && c <= 'f') c = static_cast<char>(c - 'a' + 'A');
    if (!((c >= '0' && c <= '9') || (c >= 'A' && c <= 'F'))) return {};
  }
  return out;
}

std::optional<std::int64_t> iso_time(std::string_view text) {
  if (text.size() < 19 || text[10] != 'T') return std::nullopt;
  return parse_date_time(text.substr(0, 10), text.substr(11, 8));
}

std::uint32_t hex_value(pugi::xml_node node) {
  return xml::bare_hex(node.attribute("value").value()).value_or(0);
}

std::string error_text(std::uint32_t result) {
  if (result == 0) return "success";
  const auto* code = knowledge::find_win32_code(result);
  return code != nullptr ? fmt::format("{} 0x{:08X}", code->name, result) : fmt::format("0x{:08X}", result);
}

void read_chain(pugi::xml_node data, std::uint32_t file, std::uint64_t record, std::optional<std::int64_t> time,
                Accumulator& acc) {
  Capi2EventInfo info;
  info.event_id = 11;
  info.file = file;
  info.record = record;
  info.time = time;
  const pugi::xml_node cert = child(data, "Certificate");
  info.subject = cert.attribute("subjectName").value();
  const std::string thumbprint = thumbprint_of(cert.attribute("fileRef").value());
  info.thumbprint = thumbprint;
  for (pugi::xml_node usage : child(data, "ExtendedKeyUsage").children()) {
    if (local_name(usage.name()) == "Usage" && std::string_view(usage.attribute("oid").value()) == kClientAuthOid) {
      info.client_auth = true;
    }
  }
  info.trust_errors = hex_value(child(child(child(data, "CertificateChain"), "TrustStatus"), "ErrorStatus"));
  info.result = hex_value(child(data, "Result"));
  info.process = child(data, "EventAuxInfo").attribute("ProcessName").value();
  const std::string text = fmt::format("CAPI2 11 CertGetCertificateChain subject=\"{}\" thumbprint={} ErrorStatus=0x{:X} "
                                       "Result={}{}",
                                       info.subject, thumbprint.empty() ? "-" : thumbprint, info.trust_errors,
                                       error_text(info.result), info.client_auth ? " usage=Client Authentication" : "");
  info.text = text;
  acc.add_capi2_chain(info);
}

void read_policy(pugi::xml_node data, std::uint32_t file, std::uint64_t record, std::optional<std::int64_t> time,
                 Accumulator& acc) {
  Capi2EventInfo info;
  info.event_id = 30;
  info.file = file;
  info.record = record;
  info.time = time;
  info.policy = child(data, "Policy").attribute("type").value();
  const pugi::xml_node cert = child(data, "Certificate");
  info.subject = cert.attribute("subjectName").value();
  const std::string thumbprint = thumbprint_of(cert.attribute("fileRef").value());
  info.thumbprint = thumbprint;
  const std::string_view auth = child(data, "SSLAdditionalPolicyInfo").attribute("authType").value();
  info.client_auth = info.policy == "CERT_CHAIN_POLICY_SSL" && auth == "client";
  info.result = hex_value(child(data, "Result"));
  info.process = child(data, "EventAuxInfo").attribute("ProcessName").value();
  const std::string text = fmt::format("CAPI2 30 CertVerifyCertificateChainPolicy policy={}{} subject=\"{}\" thumbprint={} "
                                       "Result={}",
                                       info.policy.empty() ? "-" : info.policy,
                                       auth.empty() ? std::string() : fmt::format(" authType={}", auth), info.subject,
                                       thumbprint.empty() ? "-" : thumbprint, error_text(info.result));
  info.text = text;
  acc.add_capi2_chain(info);
}

void read_objects(pugi::xml_node data, Accumulator& acc) {
  for (pugi::xml_node cert : data.children()) {
    if (local_name(cert.name()) != "Certificate") continue;
    Capi2Certificate c;
    c.thumbprint = thumbprint_of(cert.attribute("fileRef").value());
    c.subject = std::string(std::string_view(cert.attribute("subjectName").value()).substr(0, 256));
    c.issuer = std::string(std::string_view(child(child(cert, "Issuer"), "CN").child_value()).substr(0, 256));
    c.not_before = iso_time(child(cert, "NotBefore").child_value());
    c.not_after = iso_time(child(cert, "NotAfter").child_value());
    acc.add_capi2_certificate(std::move(c));
  }
}

}  // namespace

void read_capi2_event(pugi::xml_node event, std::uint32_t event_id, std::uint32_t file, std::uint64_t record,
                      std::optional<std::int64_t> time, Accumulator& acc) {
  if (!is_capi2_chain_event(event_id)) return;
  const pugi::xml_node user_data = child(event, "UserData");
  ++acc.capi2_events;
  switch (event_id) {
    case 11:
      read_chain(child(user_data, "CertGetCertificateChain"), file, record, time, acc);
      return;
    case 30:
      read_policy(child(user_data, "CertVerifyCertificateChainPolicy"), file, record, time, acc);
      return;
    case 90:
      read_objects(child(user_data, "X509Objects"), acc);
      return;
    default:
      return;
  }
}

}  // namespace mtls::logs
