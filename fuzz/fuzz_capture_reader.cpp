// SPDX-License-Identifier: Apache-2.0
// A whole capture file from memory through the analysis: pcap/pcapng reader, link/IP/TCP decoder,
// TCP reassembly, TLS parser, DER names and certificates (OpenSSL through src/tls).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "capture/pcap_analysis.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace mtls::capture;
  auto reader = CaptureReader::open(memory_source(std::string_view(reinterpret_cast<const char*>(data), size)), "fuzz");
  if (!reader) return 0;
  mtls::PcapEvidence evidence;
  AnalysisOptions options;
  options.max_connections = 64;
  (void)analyze_capture(*reader, "fuzz", options, evidence);
  return 0;
}
