// SPDX-License-Identifier: Apache-2.0
#include "lab/w3c_log.h"

#include <fmt/chrono.h>
#include <fmt/format.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

#include "core/input_file.h"

namespace mtls::lab {

std::string w3c_field(std::string_view value) {
  if (value.empty()) return "-";
  std::string out;
  out.reserve(value.size());
  for (const char c : value) {
    const auto u = static_cast<unsigned char>(c);
    out += (u <= 0x20 || u == 0x7f) ? '+' : c;
  }
  return out;
}

Expected<W3cLog> W3cLog::open(const std::string& dir) {
  W3cLog log;
  log.folder_ = (std::filesystem::path(dir) / "W3SVC1").string();
  std::error_code ec;
  std::filesystem::create_directories(log.folder_, ec);
  if (ec) return unexpected(file_error(log.folder_, "cannot create the folder", ec.message()));
  return log;
}

Expected<Done> W3cLog::write(const tls::LabRequest& r, std::chrono::system_clock::time_point at) {
  const auto seconds = std::chrono::floor<std::chrono::seconds>(at);
  const std::string name = fmt::format("u_ex{:%y%m%d}.log", seconds);
  const std::string path = (std::filesystem::path(folder_) / name).string();
  // IIS writes CRLF line ends and a header block whenever it starts writing to a file.
  if (path != file_ || !out_) {
    out_.reset(std::fopen(path.c_str(), "ab"));
    if (!out_) return unexpected(file_error(path, "cannot write", std::strerror(errno)));
    file_ = path;
    fmt::print(out_.get(),
               "#Software: Microsoft Internet Information Services 10.0\r\n#Version: 1.0\r\n"
               "#Date: {:%Y-%m-%d %H:%M:%S}\r\n#Fields: {}\r\n",
               seconds, kW3cFields);
  }
  fmt::print(out_.get(), "{:%Y-%m-%d %H:%M:%S} {} {} {} {} {} - {} {} - {} {} {} {}\r\n", seconds,
             w3c_field(r.server_ip), w3c_field(r.method), w3c_field(r.uri_stem),
             w3c_field(r.uri_query), r.server_port, w3c_field(r.client_ip), w3c_field(r.user_agent),
             r.status, r.substatus, r.win32_status, r.time_taken_ms);
  if (std::fflush(out_.get()) != 0) return unexpected(file_error(path, "cannot write", std::strerror(errno)));
  return Done{};
}

}  // namespace mtls::lab
