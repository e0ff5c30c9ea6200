// SPDX-License-Identifier: Apache-2.0
#include "parse/logs/input_plan.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>

#include "core/input_file.h"
#include "parse/logs/line_reader.h"

namespace mtls::logs {
namespace fs = std::filesystem;
namespace {

/// Expand folders; keep the order given (folders sorted) so reports are reproducible.
Expected<Done> expand(const std::string& path, std::vector<std::string>& out) {
  if (path == "-") {
    out.push_back(path);
    return Done{};
  }
  std::error_code ec;
  const auto status = fs::status(path, ec);
  if (ec || !fs::exists(status)) {
    return unexpected(file_error(path, "cannot read", ec ? ec.message() : std::strerror(ENOENT)));
  }
  if (!fs::is_directory(status)) {
    out.push_back(path);
    return Done{};
  }
  std::vector<std::string> found;
  for (fs::recursive_directory_iterator it(path, fs::directory_options::skip_permission_denied, ec), end;
       !ec && it != end; it.increment(ec)) {
    if (!it->is_regular_file(ec)) continue;
    std::string ext = it->path().extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (ext == ".log" || ext == ".xml" || ext == ".evtx" || ext == ".gz" || ext == ".txt") {
      found.push_back(it->path().string());
    }
  }
  if (ec) return unexpected(file_error(path, "cannot read", ec.message()));
  std::sort(found.begin(), found.end());
  out.insert(out.end(), found.begin(), found.end());
  return Done{};
}

}  // namespace

Expected<InputPlan> plan_inputs(const std::vector<std::string>& paths, const LogOptions& options) {
  InputPlan plan;
  std::vector<std::string>& inputs = plan.inputs;
  for (const std::string& p : paths) {
    if (auto r = expand(p, inputs); !r) return unexpected(r.error());
  }
  if (inputs.empty()) {
    return unexpected(file_error(paths.empty() ? std::string() : paths.front(), "no log file found",
                                 "no .log, .xml, .evtx, .gz or .txt file in the folder"));
  }

  // Build the task list: one per input, or several pieces for a large plain W3C file.
  std::vector<std::string>& names = plan.names;
  std::vector<Task>& tasks = plan.tasks;
  std::uint64_t& total_bytes = plan.total_bytes;
  const unsigned jobs = std::max(1u, options.jobs);
  for (const std::string& path : inputs) {
    const auto file = static_cast<std::uint32_t>(names.size());
    names.push_back(path == "-"                 ? std::string("(stdin)")
                    : options.display_name ? options.display_name(path)
                                           : path);
    Task t;
    t.file = file;
    t.path = path;
    t.name = names.back();
    if (path != "-") {
      // A folder, a FIFO (open(2) would wait for a writer) or a device is refused here.
      if (auto ok = check_input_file(path, t.name, true); !ok) return unexpected(ok.error());
      Fd fd;
      fd.fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
      if (fd.fd < 0) return unexpected(file_error(t.name, "cannot read", std::strerror(errno)));
      std::string head(64 * 1024, '\0');
      const ssize_t got = ::pread(fd.fd, head.data(), head.size(), 0);
      if (got < 0) return unexpected(file_error(t.name, "cannot read", std::strerror(errno)));
      head.resize(static_cast<std::size_t>(got));
      t.kind = detect_kind(std::string_view(head).substr(0, 4096));
      std::error_code ec;
      t.size = fs::file_size(path, ec);
      total_bytes += t.size;
      if (t.kind == LogKind::w3c && jobs > 1 && t.size > options.split_bytes) {
        // The first #Fields directive of the file (in its first 64 KiB): what later pieces assume.
        std::string first_fields;
        std::string_view h(head);
        for (std::size_t at = 0; at < h.size();) {
          const auto nl = h.find('\n', at);
          if (nl == std::string_view::npos) break;
          const std::string_view line = h.substr(at, nl - at);
          if (is_fields_directive(line)) {
            first_fields.assign(trim_cr(line));
            break;
          }
          at = nl + 1;
        }
        const std::uint64_t pieces = std::min<std::uint64_t>((t.size + options.split_bytes - 1) / options.split_bytes,
                                                             std::max<std::uint64_t>(jobs, t.size / (256ull << 20)));
        const std::uint64_t step = (t.size + pieces - 1) / pieces;
        for (std::uint64_t k = 0; k < pieces; ++k) {
          Task piece = t;
          piece.piece = true;
          piece.begin = k * step;
          piece.end = std::min(t.size, (k + 1) * step);
          if (k > 0) piece.assumed_fields = first_fields;
          tasks.push_back(std::move(piece));
        }
        continue;
      }
    }
    tasks.push_back(std::move(t));
  }
  return plan;
}

}  // namespace mtls::logs
