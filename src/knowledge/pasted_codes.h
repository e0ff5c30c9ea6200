// SPDX-License-Identifier: Apache-2.0
// What users paste from servers, clients and Windows when client-certificate authentication
// fails: nginx and Apache error-log messages, browser error codes, curl exit codes, Java and .NET
// exception texts, Schannel System-log events. Each family's table cites its source document.
#pragma once

#include <span>
#include <string_view>
#include <vector>

namespace mtls::knowledge {

struct PastedCode {
  std::string_view code;   ///< what identifies it: "AH02261", "ERR_BAD_SSL_CLIENT_AUTH_CERT", "35"
  std::string_view name;   ///< symbolic name or short title: "CURLE_SSL_CONNECT_ERROR"
  std::string_view text;   ///< the product's own message, as it appears in a log or dialog
  std::string_view meaning;
  std::string_view client_cert;  ///< what it means for client-certificate authentication
  std::vector<std::string_view> causes;
  std::string_view next_step;
  /// Further spellings recognised inside a paste (lower-case substrings), besides code and text.
  std::vector<std::string_view> also_matches = {};
  std::vector<std::string_view> see_also = {};
};

struct PastedFamily {
  std::string_view id;      ///< "nginx", for `explain --list nginx`
  std::string_view kind;    ///< Explanation kind: "nginx message"
  std::string_view title;   ///< "nginx error-log messages and error pages"
  std::string_view source;  ///< the document the table is taken from
  std::span<const PastedCode> codes;
  /// Put before a code that is a bare number, so it cannot be read as another family's:
  /// "curl 35", "event 36887". Empty when the code stands alone ("AH02261").
  std::string_view code_prefix = {};
};

std::span<const PastedCode> nginx_messages();
std::span<const PastedCode> apache_messages();
std::span<const PastedCode> browser_errors();
std::span<const PastedCode> curl_exit_codes();
std::span<const PastedCode> java_messages();
std::span<const PastedCode> dotnet_messages();
std::span<const PastedCode> schannel_event_texts();

/// The families above, with their sources.
std::span<const PastedFamily> pasted_families();

}  // namespace mtls::knowledge
