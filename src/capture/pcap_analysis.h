// SPDX-License-Identifier: Apache-2.0
// A capture file -> evidence.pcap: frames are decoded, TCP streams reassembled per direction,
// every stream that starts with a TLS ClientHello (or every stream on --port) parsed, and one
// PcapConnection produced per TLS connection. Memory holds state for open connections only.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "capture/capture_reader.h"
#include "core/evidence/pcap.h"
#include "core/expected.h"

namespace mtls::capture {

struct KeyLog;  // capture/keylog.h

struct AnalysisOptions {
  std::optional<std::uint16_t> port;  ///< only connections with this server port
  std::string side;                   ///< "client" / "server" with two captures, else empty
  /// Connections kept in detail (a report of more is read by nobody, and its size would dominate
  /// the run time); later ones are still counted (tls_connections, certificate_requests) and
  /// judged no further.
  std::size_t max_connections = 1000;
  /// --keylog: decrypt the connections (of those kept in detail) it holds secrets for.
  const KeyLog* keylog = nullptr;
};

/// Read every frame of `reader` into `evidence` (its connections are appended). Fails only when
/// nothing at all could be read; a truncated or damaged tail becomes a note naming the frame.
Expected<Done> analyze_capture(CaptureReader& reader, const std::string& file, const AnalysisOptions& options,
                               PcapEvidence& evidence);

/// The file wrapper.
Expected<Done> analyze_capture_file(const std::string& path, const AnalysisOptions& options, PcapEvidence& evidence,
                                    const std::string& display = {});

/// Two captures of the same traffic (side "client" and side "server"): pair their connections
/// (by ClientHello random; failing that, in order per server name) and list what differs.
void match_captures(PcapEvidence& evidence);

}  // namespace mtls::capture
