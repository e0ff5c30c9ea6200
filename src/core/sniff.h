// SPDX-License-Identifier: Apache-2.0
// Recognising an input by its first bytes, never by its name (mold's filetype.cc): one function
// for the whole tool, so `logs`, `iis`, `pcap` and `diagnose` agree on what a file is.
#pragma once

#include <cstddef>
#include <string_view>

#include "core/evidence/inputs.h"

namespace mtls {

/// How many leading bytes sniff() looks at; callers read at least this much when the file has it.
inline constexpr std::size_t kSniffBytes = 64 * 1024;

/// The kind of input `head` (the file's first bytes, up to kSniffBytes) starts. Pure.
InputKind sniff(std::string_view head);

/// Whether the kind is read by the log readers (W3C, HTTPERR, FREB, event logs, gzip).
bool is_log(InputKind kind);
/// Whether the kind holds certificates (PEM, DER, PKCS#7, PKCS#12).
bool is_certificate(InputKind kind);

}  // namespace mtls
