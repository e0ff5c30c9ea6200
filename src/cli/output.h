// SPDX-License-Identifier: Apache-2.0
// Where output goes: standard output, or --output FILE written atomically (a temporary file in the
// same folder, then rename, so a reader never sees half a report).
#pragma once

#include <string>
#include <string_view>

#include "cli/command.h"
#include "core/expected.h"
#include "core/report.h"
#include "render/render.h"

namespace mtls::cli {

/// Write `contents` to `path` atomically.
Expected<Done> write_file_atomically(const std::string& path, std::string_view contents);

/// Colour only when writing to a terminal and neither --no-color nor NO_COLOR (no-color.org) says no.
bool use_color(const GlobalOptions& options);

/// --format, checked against what this command can print.
Expected<Format> output_format(const GlobalOptions& options);

/// Print or write `text`; returns 0, or 2 with a message on stderr when the file cannot be written.
int emit(const GlobalOptions& options, std::string_view text);

/// Render a report, emit it, and return the DESIGN §3 exit status.
int emit_report(const GlobalOptions& options, const Report& report);

/// "mtls-doctor: error: MESSAGE" on stderr; returns 2.
int fail(std::string_view message);

}  // namespace mtls::cli
