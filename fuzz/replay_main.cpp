// SPDX-License-Identifier: Apache-2.0
// A main for the fuzz targets outside libFuzzer: runs LLVMFuzzerTestOneInput once over each file
// given (folders: every regular file in them, sorted), as libFuzzer's `-runs=0 DIR` does. The
// test builds (ci: gcc, ASan + UBSan) link every target with it, so the seed corpus and every
// regression input are replayed by `ctest -L fuzz-smoke` without a clang/libFuzzer build. Options
// libFuzzer would take (`-runs=0`, `-dict=...`) are ignored.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <string_view>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace {

bool run_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::fprintf(stderr, "replay: cannot read %s\n", path.c_str());
    return false;
  }
  const std::vector<char> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  // A copy of exactly the input's size: ASan sees any read past its end, as under libFuzzer.
  std::vector<std::uint8_t> data(bytes.begin(), bytes.end());
  static const std::uint8_t none = 0;  // libFuzzer never passes a null pointer either
  (void)LLVMFuzzerTestOneInput(data.empty() ? &none : data.data(), data.size());
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  std::size_t count = 0;
  bool ok = true;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg.starts_with("-")) continue;
    std::error_code ec;
    if (std::filesystem::is_directory(arg, ec)) {
      std::vector<std::filesystem::path> files;
      for (const auto& entry : std::filesystem::directory_iterator(arg, ec)) {
        if (entry.is_regular_file()) files.push_back(entry.path());
      }
      std::sort(files.begin(), files.end());
      for (const auto& f : files) {
        ok = run_file(f) && ok;
        ++count;
      }
    } else {
      ok = run_file(arg) && ok;
      ++count;
    }
  }
  std::printf("replay: %zu input(s) executed\n", count);
  return ok && count > 0 ? 0 : 1;
}
