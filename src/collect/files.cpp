// SPDX-License-Identifier: Apache-2.0
#include "collect/files.h"

#include <fmt/format.h>

#include <cerrno>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "parse/iis/text_decoding.h"

namespace mtls::collect {

Expected<std::string> read_file(const std::string& path, std::uintmax_t limit) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) return unexpected("is a folder, not a file", path);
  const auto size = std::filesystem::file_size(path, ec);
  if (ec) return unexpected(fmt::format("cannot read ({})", ec.message()), path);
  if (size > limit) return unexpected(fmt::format("larger than {} MiB", limit / (1024 * 1024)), path);
  std::ifstream in(path, std::ios::binary);
  if (!in) return unexpected("cannot open", path);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

Expected<std::string> read_head(const std::string& path, std::size_t bytes) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) return unexpected("is a folder, not a file", path);
  std::ifstream in(path, std::ios::binary);
  if (!in) return unexpected(fmt::format("cannot open ({})", std::error_code(errno, std::generic_category()).message()), path);
  std::string head(bytes, '\0');
  in.read(head.data(), static_cast<std::streamsize>(bytes));
  head.resize(static_cast<std::size_t>(in.gcount()));
  return head;
}

Expected<std::string> read_text(const std::string& path, std::string_view display) {
  auto bytes = read_file(path);
  if (!bytes) return unexpected(bytes.error().message, std::string(display));
  return parse::decode_text(*bytes, display);
}

}  // namespace mtls::collect
