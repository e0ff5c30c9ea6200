// SPDX-License-Identifier: Apache-2.0
// Windows .evtx event logs (libevtx private to evtx_reader.cpp).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/expected.h"
#include "parse/logs/accumulator.h"

namespace mtls::logs {

/// Read the Schannel and HttpEvent events of an .evtx file (libevtx needs a real file path).
/// Records libevtx cannot decode are counted in a file problem; the rest are still read.
Expected<Done> read_evtx(const std::string& path, std::uint32_t file, std::string_view file_name, Accumulator& acc);

}  // namespace mtls::logs
