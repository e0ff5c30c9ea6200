// SPDX-License-Identifier: Apache-2.0
#include "collect/sources.h"

#include "capture/keylog.h"
#include "capture/pcap_analysis.h"
#include "tls/distinguished_name.h"

namespace mtls::collect {

Expected<Collection> collect_captures(const CaptureInputs& in) {
  Collection out;
  PcapEvidence pcap;
  capture::AnalysisOptions analysis;
  analysis.port = in.port;
  // --keylog only, never SSLKEYLOGFILE from the environment: a key log unlocks the traffic, so the
  // user hands it over deliberately (and a variable left set for a browser would silently apply).
  std::optional<capture::KeyLog> keylog;
  if (!in.keylog.empty()) {
    auto log = capture::read_keylog_file(in.keylog);
    if (!log) return unexpected(log.error());
    keylog = std::move(*log);
    analysis.keylog = &*keylog;
    pcap.keylog = in.keylog;
    for (std::string& note : capture::keylog_notes(*keylog)) pcap.notes.push_back(std::move(note));
  }
  const bool two = in.files.size() == 2;
  for (std::size_t i = 0; i < in.files.size(); ++i) {
    analysis.side = two ? (i == 0 ? "client" : "server") : "";
    const std::size_t notes_before = pcap.notes.size();
    auto done = capture::analyze_capture_file(in.files[i], analysis, pcap);
    if (!done) return unexpected(done.error());
    for (std::size_t n = notes_before; n < pcap.notes.size(); ++n) {
      out.evidence.problems.push_back({in.files[i], pcap.notes[n]});
    }
  }
  if (two) capture::match_captures(pcap);
  out.evidence.pcap = std::move(pcap);
  if (!in.client.empty()) {
    auto chain = tls::load_certificate_file(in.client, CertificateRole::client);
    if (!chain) return unexpected(chain.error());
    out.evidence.certificates = CertificateEvidence{std::move(*chain)};
  }
  out.inputs = in.files;
  if (!in.client.empty()) out.inputs.push_back(in.client);
  if (!in.keylog.empty()) out.inputs.push_back(in.keylog);
  return out;
}

Expected<Collection> collect_iis(const IisInputs& in) {
  if (in.configs.empty() && in.web_configs.empty() && in.sslcerts.empty() && in.registries.empty()) {
    return unexpected("iis needs at least one of --config, --web-config, --sslcert, --registry");
  }
  auto iis = read_iis_inputs(in);
  if (!iis) return unexpected(iis.error());
  Collection out;
  out.inputs = iis->inputs;
  out.evidence.iis = std::move(*iis);
  return out;
}

}  // namespace mtls::collect
