// SPDX-License-Identifier: Apache-2.0
#include "collect/bundle.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zip.h>

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>

#include "collect/files.h"
#include "core/input_file.h"
#include "core/sniff.h"

namespace mtls::collect {
namespace fs = std::filesystem;

Expected<std::shared_ptr<TempFolder>> TempFolder::create() {
  const char* tmp = std::getenv("TMPDIR");
  std::string pattern = (fs::path(tmp && *tmp ? tmp : "/tmp") / "mtls-doctor.XXXXXX").string();
  if (::mkdtemp(pattern.data()) == nullptr) {
    return unexpected(fmt::format("cannot create a temporary folder: {}", std::strerror(errno)));
  }
  return std::shared_ptr<TempFolder>(new TempFolder(pattern));
}

TempFolder::~TempFolder() {
  std::error_code ec;
  fs::remove_all(path_, ec);
}

namespace {

/// The entry's name as a relative path inside the archive, or why it may not be written: no
/// absolute paths, drive letters or ".." components (the "zip slip" escape), backslashes read
/// as the separators Windows' Compress-Archive may write.
Expected<std::string> safe_entry_name(std::string_view name) {
  std::string out;
  std::string part;
  auto flush = [&]() -> Expected<Done> {
    if (part == "..") return unexpected("its name climbs out of the archive (\"..\")");
    if (!part.empty() && part != ".") {
      if (!out.empty()) out += '/';
      out += part;
    }
    part.clear();
    return Done{};
  };
  if (name.empty()) return unexpected("it has no name");
  if (name.front() == '/' || name.front() == '\\') return unexpected("its name is an absolute path");
  if (name.size() >= 2 && name[1] == ':') return unexpected("its name starts with a drive letter");
  for (char c : name) {
    if (c == '\0') return unexpected("its name holds a NUL byte");
    if (c == '/' || c == '\\') {
      if (auto ok = flush(); !ok) return unexpected(ok.error());
      continue;
    }
    part += c;
  }
  if (auto ok = flush(); !ok) return unexpected(ok.error());
  if (out.empty()) return unexpected("it has no name");
  return out;
}

struct ZipCloser {
  void operator()(zip_t* z) const { zip_discard(z); }
};
struct ZipFileCloser {
  void operator()(zip_file_t* f) const { zip_fclose(f); }
};

}  // namespace

Expected<Done> unpack_zip(const std::string& archive, const std::string& display, const fs::path& into,
                          const BundleLimits& limits, std::vector<std::pair<std::string, std::string>>& written,
                          std::vector<InputRecord>& skipped) {
  int error = 0;
  std::unique_ptr<zip_t, ZipCloser> z(zip_open(archive.c_str(), ZIP_RDONLY, &error));
  if (!z) {
    zip_error_t ze;
    zip_error_init_with_code(&ze, error);
    std::string why = zip_error_strerror(&ze);
    zip_error_fini(&ze);
    return unexpected(fmt::format("not a readable zip archive ({})", why), display);
  }
  const zip_int64_t count = zip_get_num_entries(z.get(), 0);
  if (count < 0) return unexpected("not a readable zip archive", display);
  if (static_cast<std::uint64_t>(count) > limits.max_zip_entries) {
    return unexpected(fmt::format("refused: {} entries, more than the {} a bundle may hold", count, limits.max_zip_entries),
                      display);
  }
  std::uint64_t total = 0;
  std::vector<char> buffer(1 << 16);
  for (zip_uint64_t i = 0; i < static_cast<zip_uint64_t>(count); ++i) {
    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_stat_index(z.get(), i, 0, &st) != 0 || !(st.valid & ZIP_STAT_NAME)) continue;
    const std::string raw_name = st.name;
    const std::string shown = display + "/" + raw_name;
    if (!raw_name.empty() && (raw_name.back() == '/' || raw_name.back() == '\\')) continue;  // a folder
    auto name = safe_entry_name(raw_name);
    if (!name) {
      skipped.push_back({shown, InputKind::unknown, false, "refused: " + name.error().message + "; nothing written"});
      continue;
    }
    zip_uint8_t opsys = 0;
    zip_uint32_t attributes = 0;
    if (zip_file_get_external_attributes(z.get(), i, 0, &opsys, &attributes) == 0 && opsys == ZIP_OPSYS_UNIX &&
        ((attributes >> 16) & S_IFMT) == S_IFLNK) {
      skipped.push_back({shown, InputKind::unknown, false, "refused: a symbolic link; nothing written"});
      continue;
    }
    const std::uint64_t size = (st.valid & ZIP_STAT_SIZE) ? st.size : 0;
    const std::uint64_t packed = (st.valid & ZIP_STAT_COMP_SIZE) ? st.comp_size : 0;
    // A zip bomb: far more out than in. Small entries compress well legitimately (logs do 20:1).
    if (size > (1u << 20) && size / std::max<std::uint64_t>(packed, 1) > limits.max_zip_ratio) {
      skipped.push_back({shown, InputKind::unknown, false,
                         fmt::format("refused: {} bytes packed into {} (more than {}:1, a zip bomb?)", size, packed,
                                     limits.max_zip_ratio)});
      continue;
    }
    if (total + size > limits.max_zip_total) {
      return unexpected(fmt::format("refused: unpacking would write more than {} MiB (at entry \"{}\")",
                                    limits.max_zip_total >> 20, raw_name),
                        display);
    }
    const fs::path target = into / *name;
    std::error_code ec;
    fs::create_directories(target.parent_path(), ec);
    if (ec) {
      skipped.push_back({shown, InputKind::unknown, false, fmt::format("cannot be unpacked ({})", ec.message())});
      continue;
    }
    std::unique_ptr<zip_file_t, ZipFileCloser> f(zip_fopen_index(z.get(), i, 0));
    if (!f) {
      skipped.push_back({shown, InputKind::unknown, false,
                         fmt::format("cannot be read ({})", zip_strerror(z.get()))});
      continue;
    }
    const int fd = ::open(target.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
    if (fd < 0) {
      // Two entries with one name (or names differing only by separators): the first stays.
      skipped.push_back({shown, InputKind::unknown, false, fmt::format("not unpacked ({})", std::strerror(errno))});
      continue;
    }
    std::uint64_t out = 0;
    bool bad = false;
    std::string why;
    for (;;) {
      const zip_int64_t n = zip_fread(f.get(), buffer.data(), buffer.size());
      if (n < 0) {
        bad = true;
        why = fmt::format("cannot be read ({})", zip_file_strerror(f.get()));
        break;
      }
      if (n == 0) break;
      out += static_cast<std::uint64_t>(n);
      // The sizes in the directory are the archive's claim; the bytes are the truth.
      if (out > size || total + out > limits.max_zip_total) {
        bad = true;
        why = "refused: it holds more bytes than its header claims";
        break;
      }
      if (::write(fd, buffer.data(), static_cast<std::size_t>(n)) != n) {
        bad = true;
        why = fmt::format("cannot be unpacked ({})", std::strerror(errno));
        break;
      }
    }
    ::close(fd);
    if (bad) {
      fs::remove(target, ec);
      skipped.push_back({shown, InputKind::unknown, false, why});
      continue;
    }
    total += out;
    written.emplace_back(target.string(), *name);
  }
  return Done{};
}

namespace {

std::vector<std::string> folders_of(const fs::path& relative) {
  std::vector<std::string> out;
  for (const fs::path& part : relative.parent_path()) {
    if (!part.empty() && part != ".") out.push_back(part.string());
  }
  return out;
}

struct Walker {
  const BundleLimits& limits;
  BundleContents& out;
  std::size_t files = 0;

  void add_file(const std::string& path, const std::string& display, std::vector<std::string> folders, bool inside_zip) {
    auto head = read_head(path);
    if (!head) {
      out.skipped.push_back({display, InputKind::unknown, false, head.error().message});
      return;
    }
    std::error_code ec;
    FoundFile found{.path = path, .display = display, .kind = sniff(*head), .size = fs::file_size(path, ec),
                    .folders = std::move(folders)};
    if (found.kind == InputKind::zip) {
      if (inside_zip) {
        out.skipped.push_back({display, InputKind::zip, false, "a zip inside a zip is not unpacked: unpack it first"});
        return;
      }
      unpack(found);
      return;
    }
    out.files.push_back(std::move(found));
  }

  void unpack(const FoundFile& archive) {
    auto temp = TempFolder::create();
    if (!temp) {
      out.skipped.push_back({archive.display, InputKind::zip, false, temp.error().message});
      return;
    }
    out.temporaries.push_back(*temp);
    std::vector<std::pair<std::string, std::string>> written;
    auto done = unpack_zip(archive.path, archive.display, (*temp)->path(), limits, written, out.skipped);
    if (!done) {
      out.skipped.push_back({archive.display, InputKind::zip, false, done.error().message});
      return;
    }
    for (const auto& [path, name] : written) {
      if (++files > limits.max_files) {
        out.skipped.push_back({archive.display, InputKind::zip, false,
                               fmt::format("only the first {} files were read", limits.max_files)});
        return;
      }
      std::vector<std::string> folders = archive.folders;
      for (std::string& f : folders_of(fs::path(name))) folders.push_back(std::move(f));
      add_file(path, archive.display + "/" + name, std::move(folders), true);
    }
  }

  void walk_folder(const fs::path& root, const std::string& display_root) {
    std::error_code ec;
    fs::recursive_directory_iterator it(root, fs::directory_options::skip_permission_denied, ec), end;
    if (ec) {
      out.skipped.push_back({display_root, InputKind::unknown, false, fmt::format("cannot read ({})", ec.message())});
      return;
    }
    std::vector<fs::path> entries;  // sorted: the report does not depend on readdir order
    for (; it != end; it.increment(ec)) {
      if (ec) break;
      if (static_cast<std::size_t>(it.depth()) >= limits.max_depth) {
        it.disable_recursion_pending();
        continue;
      }
      const fs::file_status status = it->symlink_status(ec);
      if (fs::is_symlink(status)) continue;  // never followed: a bundle is what is inside it
      if (fs::is_regular_file(status)) entries.push_back(it->path());
    }
    std::sort(entries.begin(), entries.end());
    for (const fs::path& path : entries) {
      if (++files > limits.max_files) {
        out.skipped.push_back({display_root, InputKind::unknown, false,
                               fmt::format("only the first {} files were read", limits.max_files)});
        return;
      }
      const fs::path relative = path.lexically_relative(root);
      add_file(path.string(), (fs::path(display_root) / relative).string(), folders_of(relative), false);
    }
  }
};

}  // namespace

Expected<Done> walk_bundle(const std::string& path, const BundleLimits& limits, BundleContents& out) {
  std::error_code ec;
  const fs::file_status status = fs::status(path, ec);
  if (ec || !fs::exists(status)) {
    return unexpected(file_error(path, "cannot read", ec ? ec.message() : std::strerror(ENOENT)));
  }
  Walker walker{limits, out};
  if (fs::is_directory(status)) {
    if (::access(path.c_str(), R_OK | X_OK) != 0) {
      return unexpected(file_error(path, "cannot read", std::strerror(errno)));
    }
    walker.walk_folder(path, path);
    return Done{};
  }
  walker.add_file(path, path, {}, false);
  return Done{};
}

}  // namespace mtls::collect
