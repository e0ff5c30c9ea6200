// SPDX-License-Identifier: Apache-2.0
// A bundle: a folder or zip archive of whatever the user collected from the machines involved.
// Every file in it is recognised by its content (sniff), never by its name, and listed as found;
// zip archives are unpacked into a private temporary folder with bounds against zip bombs and
// entries that would escape it.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "core/evidence/inputs.h"
#include "core/expected.h"

namespace mtls::collect {

/// Bounds on what one bundle may make us read or write.
struct BundleLimits {
  std::size_t max_files = 20000;                        ///< files walked in one folder tree
  std::size_t max_depth = 24;                           ///< folder nesting
  std::size_t max_zip_entries = 20000;
  std::uint64_t max_zip_total = 4ull << 30;             ///< bytes unpacked from one archive
  std::uint64_t max_zip_ratio = 200;                    ///< uncompressed / compressed, per entry
};

/// A file found in a bundle: where it is on disk now, how to name it to the user, what it is.
struct FoundFile {
  std::string path;     ///< on disk (inside a temporary folder for zip entries)
  std::string display;  ///< "bundle.zip/W3SVC1/u_ex240301.log", or the path as given
  InputKind kind = InputKind::unknown;
  std::uint64_t size = 0;
  /// The folders between the bundle's root and the file ("Root", "W3SVC1"), for facts only a
  /// location gives (which certificate store an exported .cer came from).
  std::vector<std::string> folders;
};

/// A temporary folder removed (recursively) when the last owner lets go.
class TempFolder {
 public:
  static Expected<std::shared_ptr<TempFolder>> create();
  ~TempFolder();
  TempFolder(const TempFolder&) = delete;
  TempFolder& operator=(const TempFolder&) = delete;
  [[nodiscard]] const std::filesystem::path& path() const { return path_; }

 private:
  explicit TempFolder(std::filesystem::path path) : path_(std::move(path)) {}
  std::filesystem::path path_;
};

struct BundleContents {
  std::vector<FoundFile> files;       ///< recognised and unknown alike, in walk order
  std::vector<InputRecord> skipped;   ///< what was not even sniffed (unreadable, refused entries)
  std::vector<std::shared_ptr<TempFolder>> temporaries;  ///< keep alive while files are read
};

/// Walk a file, folder or zip archive. Errors only when `path` itself cannot be read; a bad file
/// or entry inside is listed in `skipped` with the reason.
Expected<Done> walk_bundle(const std::string& path, const BundleLimits& limits, BundleContents& out);

/// Unpack a zip archive into `into` (pure of sniffing): each entry that is written is appended to
/// `written` as (path on disk, name in the archive); refused entries go to `skipped`.
Expected<Done> unpack_zip(const std::string& archive, const std::string& display, const std::filesystem::path& into,
                          const BundleLimits& limits, std::vector<std::pair<std::string, std::string>>& written,
                          std::vector<InputRecord>& skipped);

}  // namespace mtls::collect
