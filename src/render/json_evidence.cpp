// SPDX-License-Identifier: Apache-2.0
#include "render/json_evidence.h"

namespace mtls::json {

Json evidence_ref(const EvidenceRef& ref) {
  Json j = {{"source", ref.source}, {"ref", ref.ref}, {"text", ref.text}};
  if (!ref.file.empty()) j["file"] = ref.file;
  if (ref.line) j["line"] = *ref.line;
  if (ref.frame) j["frame"] = *ref.frame;
  if (ref.attempt) j["attempt"] = *ref.attempt;
  return j;
}

Json evidence(const Evidence& e) {
  Json j = Json::object();
  if (e.probe) j["probe"] = probe(*e.probe);
  if (e.certificates) {
    j["certificates"] = certificates(*e.certificates);
    if (e.certificates->identity) j["identity"] = identity(*e.certificates->identity);
    if (e.certificates->chain) j["chain"] = chain(*e.certificates->chain);
    if (e.certificates->revocation) j["revocation"] = revocation(*e.certificates->revocation);
    if (!e.certificates->stores.empty()) j["stores"] = stores(e.certificates->stores);
  }
  if (e.iis) j["iis"] = iis(*e.iis);
  if (e.logs) j["logs"] = logs(*e.logs);
  if (e.pcap) j["pcap"] = pcap(*e.pcap);
  if (!e.inputs.empty()) {
    Json inputs = Json::array();
    for (const InputRecord& r : e.inputs) {
      inputs.push_back({{"path", r.path}, {"kind", to_string(r.kind)}, {"read", r.read}, {"note", r.note}});
    }
    j["inputs"] = inputs;
  }
  return j;
}

}  // namespace mtls::json
