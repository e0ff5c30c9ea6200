// SPDX-License-Identifier: Apache-2.0
// The lab's access log in IIS's W3C Extended format, one line per request, in the file IIS would
// write: DIR/W3SVC1/u_exYYMMDD.log (site id 1, daily files named by the UTC date, the IIS
// defaults for logFormat="W3C" with localTimeRollover="false").
#pragma once

#include <chrono>
#include <cstdio>
#include <memory>
#include <string>

#include "core/expected.h"
#include "tls/lab_server.h"

namespace mtls::lab {

/// The IIS default W3C field set (IIS Manager > Logging > Select Fields, as installed).
inline constexpr const char* kW3cFields =
    "date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) "
    "cs(Referer) sc-status sc-substatus sc-win32-status time-taken";

class W3cLog {
 public:
  /// Creates DIR/W3SVC1. Nothing is written until the first request.
  static Expected<W3cLog> open(const std::string& dir);

  /// Append one line (a #Software/#Version/#Date/#Fields block first when this process starts a
  /// file, as IIS does when its worker process starts or the day rolls over) and flush it.
  Expected<Done> write(const tls::LabRequest& request, std::chrono::system_clock::time_point at);

  [[nodiscard]] const std::string& folder() const { return folder_; }
  /// The file the last line went to (empty before the first).
  [[nodiscard]] const std::string& file() const { return file_; }

 private:
  struct Closer {
    void operator()(std::FILE* f) const { std::fclose(f); }
  };
  std::string folder_;
  std::string file_;
  std::unique_ptr<std::FILE, Closer> out_;
};

/// One W3C field value: '-' when empty, spaces as '+' (IIS's encoding), control bytes as '+'.
std::string w3c_field(std::string_view value);

}  // namespace mtls::lab
