// SPDX-License-Identifier: Apache-2.0
#include "parse/iis/hive.h"

#include <fmt/format.h>
#include <libregf.h>

#include <memory>

#include "parse/iis/text_decoding.h"

namespace mtls::parse {
namespace {

constexpr int kMaxDepth = 16;
constexpr std::size_t kMaxKeys = 200'000;
constexpr std::size_t kMaxValueSize = 4 * 1024 * 1024;

struct ErrorFree {
  void operator()(libregf_error_t* e) const { libregf_error_free(&e); }
};

/// libregf's error chain ends with the most specific message; keep the last line.
std::string describe(libregf_error_t* error) {
  if (!error) return "unknown libregf error";
  char buffer[2048] = {};
  libregf_error_backtrace_sprint(error, buffer, sizeof buffer);
  libregf_error_free(&error);
  std::string_view text = trim(buffer);
  const std::size_t nl = text.rfind('\n');
  if (nl != std::string_view::npos) text = trim(text.substr(nl + 1));
  return std::string(text);
}

struct KeyDeleter {
  void operator()(libregf_key_t* k) const { libregf_key_free(&k, nullptr); }
};
using KeyPtr = std::unique_ptr<libregf_key_t, KeyDeleter>;
struct ValueDeleter {
  void operator()(libregf_value_t* v) const { libregf_value_free(&v, nullptr); }
};
using ValuePtr = std::unique_ptr<libregf_value_t, ValueDeleter>;
struct FileDeleter {
  void operator()(libregf_file_t* f) const {
    libregf_file_close(f, nullptr);
    libregf_file_free(&f, nullptr);
  }
};
using FilePtr = std::unique_ptr<libregf_file_t, FileDeleter>;

KeyPtr sub_key(libregf_key_t* key, const std::string& path) {
  libregf_key_t* sub = nullptr;
  if (libregf_key_get_sub_key_by_utf8_path(key, reinterpret_cast<const uint8_t*>(path.data()), path.size(), &sub,
                                           nullptr) != 1) {
    return nullptr;
  }
  return KeyPtr(sub);
}

std::string key_name(libregf_key_t* key) {
  size_t size = 0;
  if (libregf_key_get_utf8_name_size(key, &size, nullptr) != 1 || size == 0 || size > 4096) return {};
  std::string name(size, '\0');
  if (libregf_key_get_utf8_name(key, reinterpret_cast<uint8_t*>(name.data()), size, nullptr) != 1) return {};
  name.resize(size - 1);
  return name;
}

class Walker {
 public:
  Walker(std::string_view display) : display_(display) {}

  Expected<Done> walk(libregf_key_t* key, const std::string& logical, const std::string& real, int depth) {
    if (depth > kMaxDepth) return Done{};
    if (keys_.size() >= kMaxKeys) return unexpected(fmt::format("more than {} keys under {}", kMaxKeys, real), std::string(display_));
    RegistryKey out;
    out.path = logical;
    out.origin = {.source = "registry", .ref = fmt::format("{}: {}", display_, real), .text = real, .file = std::string(display_)};
    int values = 0;
    if (libregf_key_get_number_of_values(key, &values, nullptr) == 1) {
      for (int i = 0; i < values && i < 10'000; ++i) {
        libregf_value_t* raw = nullptr;
        if (libregf_key_get_value(key, i, &raw, nullptr) != 1) continue;
        ValuePtr value(raw);
        RegistryValue v;
        size_t name_size = 0;
        if (libregf_value_get_utf8_name_size(value.get(), &name_size, nullptr) == 1 && name_size > 0 && name_size < 4096) {
          std::string name(name_size, '\0');
          if (libregf_value_get_utf8_name(value.get(), reinterpret_cast<uint8_t*>(name.data()), name_size, nullptr) == 1) {
            name.resize(name_size - 1);
            v.name = std::move(name);
          }
        }
        uint32_t type = 0;
        libregf_value_get_value_type(value.get(), &type, nullptr);
        v.type = type;
        size_t data_size = 0;
        if (libregf_value_get_value_data_size(value.get(), &data_size, nullptr) == 1 && data_size > 0 &&
            data_size <= kMaxValueSize) {
          std::string data(data_size, '\0');
          if (libregf_value_get_value_data(value.get(), reinterpret_cast<uint8_t*>(data.data()), data_size, nullptr) == 1) {
            v.data = std::move(data);
          }
        }
        if ((type == LIBREGF_VALUE_TYPE_INTEGER_32BIT_LITTLE_ENDIAN || type == LIBREGF_VALUE_TYPE_INTEGER_64BIT_LITTLE_ENDIAN) ) {
          for (std::size_t b = 0; b < v.data.size() && b < 8; ++b) {
            v.number |= static_cast<std::uint64_t>(static_cast<unsigned char>(v.data[b])) << (8 * b);
          }
        } else if ((type == LIBREGF_VALUE_TYPE_STRING || type == LIBREGF_VALUE_TYPE_EXPANDABLE_STRING) &&
                   v.data.size() >= 2) {
          auto text = decode_text("\xFF\xFE" + v.data.substr(0, v.data.size() & ~std::size_t{1}), display_);
          if (text) {
            std::string s = std::move(*text);
            const std::size_t nul = s.find('\0');
            if (nul != std::string::npos) s.resize(nul);
            v.text = std::move(s);
          }
        }
        v.origin = {.source = "registry",
                    .ref = fmt::format("{}: {}\\{}", display_, real, v.name),
                    .text = fmt::format("{}\\{}", real, v.name),
                    .file = std::string(display_)};
        out.values.push_back(std::move(v));
      }
    }
    keys_.push_back(std::move(out));
    int subs = 0;
    if (libregf_key_get_number_of_sub_keys(key, &subs, nullptr) != 1) return Done{};
    for (int i = 0; i < subs; ++i) {
      libregf_key_t* raw = nullptr;
      if (libregf_key_get_sub_key(key, i, &raw, nullptr) != 1) continue;
      KeyPtr sub(raw);
      const std::string name = key_name(sub.get());
      if (name.empty()) continue;
      if (auto r = walk(sub.get(), logical + "\\" + name, real + "\\" + name, depth + 1); !r) return r;
    }
    return Done{};
  }

  std::vector<RegistryKey> take() { return std::move(keys_); }

 private:
  std::string_view display_;
  std::vector<RegistryKey> keys_;
};

}  // namespace

bool looks_like_hive(std::string_view bytes) { return bytes.starts_with("regf"); }

Expected<std::vector<RegistryKey>> read_hive_file(const std::string& path, std::string_view display_name) {
  const std::string where(display_name);
  libregf_file_t* raw = nullptr;
  libregf_error_t* error = nullptr;
  if (libregf_file_initialize(&raw, &error) != 1) return unexpected("cannot read hive: " + describe(error), where);
  FilePtr file(raw);
  if (libregf_file_open(file.get(), path.c_str(), LIBREGF_OPEN_READ, &error) != 1) {
    // Not opened: free without closing.
    file.release();
    libregf_file_free(&raw, nullptr);
    return unexpected("cannot read hive: " + describe(error), where);
  }
  libregf_key_t* root_raw = nullptr;
  const int got_root = libregf_file_get_root_key(file.get(), &root_raw, &error);
  if (got_root != 1) {
    if (got_root == 0) return unexpected("hive has no root key (a .LOG1/.LOG2 transaction log is not a hive)", where);
    return unexpected("cannot read hive: " + describe(error), where);
  }
  KeyPtr root(root_raw);
  Walker walker(display_name);

  if (KeyPtr select = sub_key(root.get(), "Select")) {
    // SYSTEM: HKLM\SYSTEM\CurrentControlSet is ControlSet<Select\Current>.
    std::uint32_t current = 1;
    libregf_value_t* v = nullptr;
    if (libregf_key_get_value_by_utf8_name(select.get(), reinterpret_cast<const uint8_t*>("Current"), 7, &v, nullptr) == 1) {
      ValuePtr value(v);
      uint32_t n = 0;
      if (libregf_value_get_value_32bit(value.get(), &n, nullptr) == 1 && n > 0 && n < 1000) current = n;
    }
    const std::string control_set = fmt::format("ControlSet{:03}", current);
    for (const char* sub : {"Control\\SecurityProviders\\SCHANNEL", "Services\\HTTP\\Parameters\\SslBindingInfo",
                            "Services\\HTTP\\Parameters\\SslSniBindingInfo", "Services\\HTTP\\Parameters\\SslCcsBindingInfo",
                            "Services\\HTTP\\Parameters\\SslScopedCcsBindingInfo"}) {
      const std::string real = control_set + "\\" + sub;
      if (KeyPtr key = sub_key(root.get(), real)) {
        if (auto r = walker.walk(key.get(), std::string("HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\") + sub, real, 0); !r) {
          return unexpected(r.error());
        }
      }
    }
    auto keys = walker.take();
    if (keys.empty()) return unexpected(fmt::format("SYSTEM hive without {}\\Control\\SecurityProviders\\SCHANNEL", control_set), where);
    return keys;
  }
  // SOFTWARE (root holds Microsoft) or NTUSER.DAT (root holds Software).
  std::string prefix;
  std::string base;
  if (KeyPtr microsoft = sub_key(root.get(), "Microsoft")) {
    prefix = "HKEY_LOCAL_MACHINE\\SOFTWARE";
  } else if (KeyPtr software = sub_key(root.get(), "Software")) {
    prefix = "HKEY_CURRENT_USER\\Software";
    base = "Software\\";
  } else {
    return unexpected("not a SYSTEM, SOFTWARE or NTUSER hive: its root key holds none of Select, Microsoft, Software",
                      where);
  }
  for (const char* sub : {"Microsoft\\SystemCertificates", "Microsoft\\Windows\\CurrentVersion\\Internet Settings\\Zones",
                          "Policies\\Microsoft\\Windows\\CurrentVersion\\Internet Settings\\Zones"}) {
    const std::string real = base + sub;
    if (KeyPtr key = sub_key(root.get(), real)) {
      if (auto r = walker.walk(key.get(), prefix + "\\" + sub, real, 0); !r) return unexpected(r.error());
    }
  }
  return walker.take();
}

}  // namespace mtls::parse
