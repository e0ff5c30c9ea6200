// SPDX-License-Identifier: Apache-2.0
#include "collect/files.h"

#include "core/input_file.h"
#include "parse/iis/text_decoding.h"

namespace mtls::collect {

Expected<std::string> read_file(const std::string& path, std::uintmax_t limit) {
  return read_input_file(path, limit);
}

Expected<std::string> read_head(const std::string& path, std::size_t bytes) {
  return read_input_head(path, bytes);
}

Expected<std::string> read_text(const std::string& path, std::string_view display) {
  auto bytes = read_input_file(path, kMaxTextFile, display);
  if (!bytes) return unexpected(bytes.error());
  return parse::decode_text(*bytes, display);
}

}  // namespace mtls::collect
