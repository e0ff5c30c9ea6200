// SPDX-License-Identifier: Apache-2.0
// Failed Request Tracing files (FailedReqLogFiles/W3SVC<id>/fr*.xml) and Windows event XML
// (`wevtutil qe System /f:xml`, or one record rendered by libevtx). pugixml stays in the .cpp.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/expected.h"
#include "parse/logs/accumulator.h"

namespace mtls::logs {

inline constexpr std::size_t kMaxXmlBytes = 32 * 1024 * 1024;

/// One FREB trace: one request; its error-status events, its status and ErrorCode.
Expected<Done> read_freb(std::string_view xml, std::uint32_t file, std::string_view file_name, Accumulator& acc);

/// Event XML: a sequence of <Event> elements (optionally inside <Events>). Keeps Schannel
/// 36870–36888 and HttpEvent SSL-binding events. `record_base`: the record number to report when
/// `xml` is one rendered .evtx record (0 = report the line in `xml`).
Expected<Done> read_event_xml(std::string_view xml, std::uint32_t file, std::string_view file_name,
                              Accumulator& acc, std::uint64_t record_base = 0);

/// Whether an event is one we keep, and what it means (empty when not kept).
std::string_view windows_event_meaning(std::string_view provider, std::uint32_t event_id);

/// "2020-09-19T03:19:26.1234567Z" -> Unix seconds.
std::optional<std::int64_t> parse_system_time(std::string_view text);

}  // namespace mtls::logs
