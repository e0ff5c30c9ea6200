// SPDX-License-Identifier: Apache-2.0
#include "core/evidence.h"

namespace mtls {

bool Evidence::has(EvidencePart part) const {
  switch (part) {
    case EvidencePart::probe: return probe.has_value();
    case EvidencePart::certificates: return certificates.has_value();
    case EvidencePart::iis: return iis.has_value();
    case EvidencePart::logs: return logs.has_value();
    case EvidencePart::pcap: return pcap.has_value();
  }
  return false;
}

std::string_view to_string(EvidencePart part) {
  switch (part) {
    case EvidencePart::probe: return "probe";
    case EvidencePart::certificates: return "certificates";
    case EvidencePart::iis: return "iis";
    case EvidencePart::logs: return "logs";
    case EvidencePart::pcap: return "pcap";
  }
  return "?";
}

std::string_view how_to_collect(EvidencePart part) {
  // Inputs, not command lines: `diagnose` reads them all, and each command names its own options.
  switch (part) {
    case EvidencePart::probe: return "a probe of the server: its https:// URL";
    case EvidencePart::certificates:
      return "the client certificate and key (--cert/--key or --pfx) and the server's trust store";
    case EvidencePart::iis:
      return "the server's configuration: applicationHost.config, `netsh http show sslcert` output, the "
             "Schannel registry key (.reg export or SYSTEM hive)";
    case EvidencePart::logs: return "the server's logs: W3C, HTTPERR, FREB or Schannel events";
    case EvidencePart::pcap: return "a capture of the handshake (pcap or pcapng)";
  }
  return "";
}

std::string_view to_string(InputKind kind) {
  switch (kind) {
    case InputKind::application_host_config: return "applicationHost.config";
    case InputKind::web_config: return "web.config";
    case InputKind::netsh_sslcert: return "netsh http show sslcert output";
    case InputKind::reg_export: return "registry export (.reg)";
    case InputKind::registry_hive: return "registry hive";
    case InputKind::evtx: return "event log (.evtx)";
    case InputKind::event_xml: return "event log XML";
    case InputKind::freb: return "Failed Request Tracing XML";
    case InputKind::w3c_log: return "W3C log";
    case InputKind::httperr_log: return "HTTPERR log";
    case InputKind::iis_native_log: return "IIS native log";
    case InputKind::nginx_error_log: return "nginx error log";
    case InputKind::apache_error_log: return "Apache error log";
    case InputKind::access_log: return "nginx/Apache access log";
    case InputKind::gzip: return "gzip";
    case InputKind::pcap: return "pcap capture";
    case InputKind::pcapng: return "pcapng capture";
    case InputKind::nss_keylog: return "NSS key log";
    case InputKind::pem: return "PEM";
    case InputKind::der_certificate: return "DER certificate";
    case InputKind::pkcs7: return "PKCS#7";
    case InputKind::pkcs12: return "PKCS#12";
    case InputKind::zip: return "zip archive";
    case InputKind::empty: return "empty";
    case InputKind::unknown: return "unknown";
  }
  return "unknown";
}

std::string_view to_string(CertRequestTiming timing) {
  switch (timing) {
    case CertRequestTiming::none: return "none";
    case CertRequestTiming::handshake: return "handshake";
    case CertRequestTiming::renegotiation: return "renegotiation";
    case CertRequestTiming::post_handshake: return "post-handshake";
  }
  return "none";
}

std::string_view to_string(ServerSoftware software) {
  switch (software) {
    case ServerSoftware::unknown: return "unknown";
    case ServerSoftware::iis: return "iis";
    case ServerSoftware::nginx: return "nginx";
    case ServerSoftware::ingress_nginx: return "ingress-nginx";
    case ServerSoftware::apache: return "apache";
    case ServerSoftware::haproxy: return "haproxy";
    case ServerSoftware::caddy: return "caddy";
    case ServerSoftware::lighttpd: return "lighttpd";
    case ServerSoftware::envoy: return "envoy";
    case ServerSoftware::tomcat: return "tomcat";
    case ServerSoftware::node: return "node";
    case ServerSoftware::go: return "go";
  }
  return "unknown";
}

std::string_view display_name(ServerSoftware software) {
  switch (software) {
    case ServerSoftware::unknown: return "unknown";
    case ServerSoftware::iis: return "IIS";
    case ServerSoftware::nginx: return "nginx";
    case ServerSoftware::ingress_nginx: return "Kubernetes ingress-nginx";
    case ServerSoftware::apache: return "Apache";
    case ServerSoftware::haproxy: return "HAProxy";
    case ServerSoftware::caddy: return "Caddy";
    case ServerSoftware::lighttpd: return "lighttpd";
    case ServerSoftware::envoy: return "Envoy";
    case ServerSoftware::tomcat: return "Tomcat";
    case ServerSoftware::node: return "Node.js";
    case ServerSoftware::go: return "Go";
  }
  return "unknown";
}

}  // namespace mtls
