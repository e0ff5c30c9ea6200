// SPDX-License-Identifier: Apache-2.0
#include "render/json_evidence.h"

#include "render/render.h"

namespace mtls::json {
namespace {

std::string_view role_name(CertificateRole role) {
  switch (role) {
    case CertificateRole::client: return "client";
    case CertificateRole::intermediate: return "intermediate";
    case CertificateRole::root: return "root";
    case CertificateRole::server: return "server";
  }
  return "client";
}

Json probe(const ProbeEvidence& p) {
  Json attempts = Json::array();
  for (const ProbeAttempt& a : p.attempts) {
    attempts.push_back({{"number", a.number},
                        {"purpose", a.purpose},
                        {"tls_version", a.tls_version},
                        {"cipher", a.cipher},
                        {"alpn", a.alpn},
                        {"sni", a.sni},
                        {"offered_pha", a.offered_pha},
                        {"client_cert_sent", a.client_cert_sent},
                        {"cert_request", to_string(a.cert_request)},
                        {"ca_names", a.ca_names},
                        {"http_status", a.http_status ? Json(*a.http_status) : Json()},
                        {"alert", a.alert}});
  }
  Json chain = Json::array();
  for (const CertificateFacts& c : p.server_chain) chain.push_back(certificate(c));
  return {{"target", p.target}, {"address", p.address}, {"attempts", attempts}, {"server_chain", chain}};
}

Json iis(const IisEvidence& i) {
  Json sites = Json::array();
  for (const IisSite& s : i.sites) {
    Json bindings = Json::array();
    for (const IisBinding& b : s.bindings) {
      bindings.push_back({{"protocol", b.protocol},
                          {"binding_information", b.binding_information},
                          {"ssl_flags", b.ssl_flags}});
    }
    sites.push_back({{"name", s.name}, {"id", s.id}, {"bindings", bindings}, {"source", evidence_ref(s.origin)}});
  }
  Json bindings = Json::array();
  for (const HttpSysBinding& b : i.bindings) {
    bindings.push_back({{"kind", b.kind},
                        {"endpoint", b.endpoint},
                        {"certificate_hash", b.certificate_hash},
                        {"application_id", b.application_id},
                        {"certificate_store_name", b.certificate_store_name},
                        {"ctl_store_name", b.ctl_store_name},
                        {"negotiate_client_certificate",
                         b.negotiate_client_certificate ? Json(*b.negotiate_client_certificate) : Json()},
                        {"source", evidence_ref(b.origin)}});
  }
  auto optional_number = [](const std::optional<unsigned>& v) { return v ? Json(*v) : Json(); };
  Json schannel = {{"SendTrustedIssuerList", optional_number(i.schannel.send_trusted_issuer_list)},
                   {"ClientAuthTrustMode", optional_number(i.schannel.client_auth_trust_mode)}};
  return {{"sites", sites}, {"bindings", bindings}, {"schannel", schannel}};
}

Json logs(const LogEvidence& l) {
  return {{"files", l.files},       {"lines", l.lines},         {"entries", l.entries},
          {"unparsed", l.unparsed}, {"by_status", l.by_status}, {"by_win32", l.by_win32}};
}

Json pcap(const PcapEvidence& p) {
  Json connections = Json::array();
  for (const PcapConnection& c : p.connections) {
    connections.push_back({{"client", c.client},
                           {"server", c.server},
                           {"tls_version", c.tls_version},
                           {"cert_request", to_string(c.cert_request)},
                           {"ca_names", c.ca_names},
                           {"client_cert", c.client_cert},
                           {"alerts", c.alerts}});
  }
  return {{"files", p.files}, {"connections", connections}};
}

}  // namespace

Json evidence_ref(const EvidenceRef& ref) {
  Json j = {{"source", ref.source}, {"ref", ref.ref}, {"text", ref.text}};
  if (!ref.file.empty()) j["file"] = ref.file;
  if (ref.line) j["line"] = *ref.line;
  if (ref.frame) j["frame"] = *ref.frame;
  if (ref.attempt) j["attempt"] = *ref.attempt;
  return j;
}

Json certificate(const CertificateFacts& c) {
  return {{"role", role_name(c.role)},
          {"subject", c.subject},
          {"issuer", c.issuer},
          {"serial", c.serial},
          {"sha1", c.sha1},
          {"sha256", c.sha256},
          {"not_before", rfc3339(c.not_before)},
          {"not_after", rfc3339(c.not_after)},
          {"eku", c.has_eku ? Json(c.eku) : Json()},
          {"key_usage", c.has_key_usage ? Json(c.key_usage) : Json()},
          {"self_signed", c.self_signed},
          {"is_ca", c.is_ca},
          {"public_key", c.public_key},
          {"signature_algorithm", c.signature_algorithm},
          {"subject_alt_names", c.subject_alt_names},
          {"aia_ca_issuers", c.aia_ca_issuers},
          {"source", evidence_ref(c.origin)}};
}

Json evidence(const Evidence& e) {
  Json j = Json::object();
  if (e.probe) j["probe"] = probe(*e.probe);
  if (e.certificates) {
    Json list = Json::array();
    for (const CertificateFacts& c : e.certificates->certificates) list.push_back(certificate(c));
    j["certificates"] = list;
  }
  if (e.iis) j["iis"] = iis(*e.iis);
  if (e.logs) j["logs"] = logs(*e.logs);
  if (e.pcap) j["pcap"] = pcap(*e.pcap);
  return j;
}

}  // namespace mtls::json
