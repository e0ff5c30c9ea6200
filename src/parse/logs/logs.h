// SPDX-License-Identifier: Apache-2.0
// mtls-doctor logs: IIS W3C logs, HTTPERR logs, Failed Request Tracing XML, Windows event logs
// (.evtx and XML exports), nginx and Apache error and access logs, plain or .gz, files or folders or standard input, reduced to
// LogEvidence in one pass with bounded memory, optionally on several threads.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/evidence/logs.h"
#include "core/expected.h"
#include "parse/logs/accumulator.h"

namespace mtls::logs {

/// What a log reader does with a file, from the one sniffer (core/sniff.h) of its first bytes.
enum class LogKind { w3c, freb, event_xml, evtx, gzip, iis_native, nginx_error, apache_error, access, utf16, unknown };
std::string_view to_string(LogKind kind);
LogKind detect_kind(std::string_view head);

struct LogOptions {
  Filters filters;
  unsigned jobs = 1;                       ///< threads; large files are split into pieces
  bool progress = false;                   ///< progress on stderr (the caller checks it is a terminal)
  std::uint64_t split_bytes = 64ull << 20;  ///< files larger than this are split when jobs > 1
  /// How a path is named in the evidence (a file unpacked from a bundle's zip archive is named
  /// by its place in the archive, not the temporary folder); unset = the path itself.
  std::function<std::string(const std::string& path)> display_name;
};

/// Pure: one input's text (any kind but .evtx and gzip) to evidence. Unreadable lines are counted,
/// never fatal; an error only when the whole input is unusable (not a log, malformed XML).
Expected<LogEvidence> parse_log_text(std::string_view text, std::string_view source_name, const Filters& filters = {});

/// Read files, folders (recursively: *.log, *.xml, *.evtx, *.gz, *.txt) and "-" (standard input).
/// Files that are not logs become evidence problems; an error when a path cannot be read at all
/// or nothing readable was found.
Expected<LogEvidence> read_logs(const std::vector<std::string>& paths, const LogOptions& options);

}  // namespace mtls::logs
