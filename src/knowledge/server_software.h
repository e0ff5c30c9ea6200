// SPDX-License-Identifier: Apache-2.0
// Which server software answered the probe, from what it showed: the Server header, other headers
// that name a stack (X-Powered-By, x-envoy-*), the error pages each ships, and the
// certificate a controller serves by default. One table (server_software.cpp), one pure function;
// the remedies (remedies.h) are then written in that software's own terms.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "core/evidence/probe.h"

namespace mtls::knowledge {

/// The body bytes of an error answer the error-page rules read (ProbeAttempt::error_page).
inline constexpr std::size_t kErrorPageBytes = 1024;
/// At most this many identifying headers are kept per attempt, each value cut to 256 bytes.
inline constexpr std::size_t kMaxSoftwareHeaders = 8;
inline constexpr std::size_t kMaxSoftwareHeaderValue = 256;

/// Whether a response header (other than Server) is one the table reads: the probe keeps only
/// these, so nothing else of a response (cookies, tokens) is held.
bool names_server_software(std::string_view header_name);

struct ServerRecognition {
  ServerSoftware software = ServerSoftware::unknown;
  /// What showed it ("attempt 2: Server: nginx/1.22.1"); for unknown, what was seen that names
  /// no software mtls-doctor has fixes for ("attempt 1: Server: Kestrel"), else empty.
  std::string basis;
};

/// One attempt's answer alone (Server header, identifying headers, error page, IIS substatus).
ServerRecognition recognise_answer(const ProbeAttempt& a);

/// The whole probe: the server certificate a controller serves by default, then the answers in
/// attempt order; the first that names software wins.
ServerRecognition recognise_server(const ProbeEvidence& p);

}  // namespace mtls::knowledge
