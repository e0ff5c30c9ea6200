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
  switch (part) {
    case EvidencePart::probe: return "probe the server: mtls-doctor probe https://HOST/PATH";
    case EvidencePart::certificates:
      return "give the client certificate: mtls-doctor cert FILE --key KEY --trust STORE";
    case EvidencePart::iis:
      return "give the server's configuration: mtls-doctor iis --config applicationHost.config "
             "--sslcert netsh.txt --registry schannel.reg";
    case EvidencePart::logs: return "give the server's logs: mtls-doctor logs PATH";
    case EvidencePart::pcap: return "give a capture of the handshake: mtls-doctor pcap FILE";
  }
  return "";
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

}  // namespace mtls
