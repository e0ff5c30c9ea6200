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

/// The column text output wraps at: COLUMNS when set (as shells export it and tests pin it), else
/// the terminal's width when standard output is one, else 100. Never below 40 or above 200.
std::size_t output_width();

/// Colour, verbosity and width for the renderers, from the global options and the terminal.
RenderOptions render_options(const GlobalOptions& options);

/// Settle --format and --output once parsed: the format in lower case ("JSON" is json), "-" as
/// standard output, and, when --format was not given, the format named by --output's extension
/// (.json .md .html .sarif .txt; another extension keeps text).
void resolve_format(GlobalOptions& options, bool format_given);

/// --format, checked against what this command can print.
Expected<Format> output_format(const GlobalOptions& options);

/// Print or write `text`; returns 0, or 2 with a message on stderr when the file cannot be written.
int emit(const GlobalOptions& options, std::string_view text);

/// Render a report, emit it, and return the exit status: 0 clean, 1 error findings, 2 unusable.
int emit_report(const GlobalOptions& options, const Report& report);

/// Whether fail() also prints the error as JSON on standard output (--format json); run() sets it
/// once the command line is parsed.
void set_json_errors(bool json);

/// The command line, so that fail() can tell a place that is a file the user named ("x.log", or
/// "bundle/logs/x.log" inside a folder they named) from another place ("frame 12"); run() sets it.
void set_command_line(int argc, const char* const* argv);

/// The one way a command fails: "mtls-doctor: MESSAGE" on stderr (one line: control characters
/// shown as \xNN); returns 2. With --format json, also
/// {"tool":"mtls-doctor","version":...,"error":{"message":...,"file":...,"line":...}} on standard
/// output (docs/error.schema.json): a message that starts "FILE:LINE: " gives file and line.
int fail(std::string_view message);
/// The same for an Error whose `where` names the place (file_error() in core/input_file.h makes
/// the "FILE[:LINE]: what (why)" of a bad file): "file:line" is split into file and line, a file
/// the user named is `file`, another place ("frame 12") is kept as `where`.
int fail(const Error& error);

/// `text` as a JSON string, quotes included (RFC 8259 section 7).
std::string json_string(std::string_view text);

}  // namespace mtls::cli
