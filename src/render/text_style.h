// SPDX-License-Identifier: Apache-2.0
// Small helpers shared by the text renderers: ANSI styling (only when asked) and word wrapping.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/report.h"

namespace mtls::text {

enum class Style { plain, bold, dim, red, yellow, green, cyan };

/// Wrap `text` to `width` columns. The first line starts with `indent`, the others with
/// `continuation` (default: the same indent), so list items can hang ("- item" / "  more").
/// Lines break only at spaces: a command, path or fingerprint is never split.
std::string wrap(std::string_view text, std::string_view indent, std::size_t width = 100,
                 std::string_view continuation = {});

/// How text output looks: colour or not, the width prose wraps to (RenderOptions::width), and how
/// much of a long list is shown (-v: all of it).
class Styler {
 public:
  explicit Styler(bool color, std::size_t width = 100, int verbosity = 0)
      : color_(color), width_(width), verbosity_(verbosity) {}
  [[nodiscard]] std::string operator()(Style style, std::string_view text) const;
  [[nodiscard]] std::string wrap(std::string_view text, std::string_view indent,
                                 std::string_view continuation = {}) const {
    return text::wrap(text, indent, width_, continuation);
  }
  [[nodiscard]] std::size_t width() const { return width_; }
  [[nodiscard]] bool verbose() const { return verbosity_ > 0; }
  /// How many entries of a list to show: `normal`, or every one with -v.
  [[nodiscard]] std::size_t shown(std::size_t normal) const { return verbose() ? SIZE_MAX : normal; }

 private:
  bool color_;
  std::size_t width_;
  int verbosity_;
};

Style style_for(Severity severity);
Style style_for(StepStatus status);
std::string upper(std::string_view s);

}  // namespace mtls::text
