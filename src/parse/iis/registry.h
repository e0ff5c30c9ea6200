// SPDX-License-Identifier: Apache-2.0
// A registry tree as regedit exports and `reg save` hives both describe it: keys with typed values,
// each carrying where it was read (file:line for .reg, hive file + key path for hives).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/evidence_ref.h"

namespace mtls::parse {

/// REG_* type numbers (winnt.h).
enum class RegistryType : std::uint32_t {
  none = 0,
  sz = 1,
  expand_sz = 2,
  binary = 3,
  dword = 4,
  dword_big_endian = 5,
  link = 6,
  multi_sz = 7,
  qword = 11,
};

struct RegistryValue {
  std::string name;  ///< "" for the default value (@)
  std::uint32_t type = 0;  ///< RegistryType, or any other number hex(N) named
  bool deleted = false;    ///< "Name"=- in a .reg file
  std::string text;        ///< sz / expand_sz, as UTF-8
  std::vector<std::string> strings;  ///< multi_sz
  std::uint64_t number = 0;          ///< dword / qword
  std::string data;                  ///< the raw bytes (binary, and every hex(N) form)
  EvidenceRef origin;

  bool operator==(const RegistryValue&) const = default;
};

struct RegistryKey {
  std::string path;  ///< "HKEY_LOCAL_MACHINE\SYSTEM\CurrentControlSet\Control\..."
  bool deleted = false;  ///< [-HKEY_...] in a .reg file
  std::vector<RegistryValue> values;
  EvidenceRef origin;

  bool operator==(const RegistryKey&) const = default;
};

}  // namespace mtls::parse
