// SPDX-License-Identifier: Apache-2.0
// What admins copy off a Windows server comes in three encodings: UTF-8, UTF-8 with a BOM, and
// UTF-16LE with a BOM (what regedit and PowerShell's `>` write). Readers decode once to UTF-8 and
// then work on lines, CRLF or LF.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/expected.h"
#include "core/ascii.h"

namespace mtls::parse {

/// Bytes to UTF-8: strips a UTF-8 BOM, converts UTF-16LE (with BOM) to UTF-8. Invalid UTF-16
/// (unpaired surrogates, odd length) is an error naming `source_name` and the line.
Expected<std::string> decode_text(std::string_view bytes, std::string_view source_name);

/// One line without its terminator (LF or CRLF), numbered from 1.
struct TextLine {
  std::size_t number = 0;
  std::string_view text;
};

/// Splits `text` into lines (a final line without terminator counts; a trailing newline does not
/// add an empty line).
std::vector<TextLine> split_lines(std::string_view text);

/// Whitespace-trimmed view (spaces, tabs, CR).
std::string_view trim(std::string_view text);

using mtls::iequals;       // core/ascii.h
using mtls::istarts_with;

}  // namespace mtls::parse
