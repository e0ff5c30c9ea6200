// SPDX-License-Identifier: Apache-2.0
// Small helpers shared by the text renderers: ANSI styling (only when asked) and word wrapping.
#pragma once

#include <string>
#include <string_view>

#include "core/report.h"

namespace mtls::text {

enum class Style { plain, bold, dim, red, yellow, green, cyan };

class Styler {
 public:
  explicit Styler(bool color) : color_(color) {}
  [[nodiscard]] std::string operator()(Style style, std::string_view text) const;

 private:
  bool color_;
};

/// Wrap `text` to `width` columns. The first line starts with `indent`, the others with
/// `continuation` (default: the same indent), so list items can hang ("- item" / "  more").
std::string wrap(std::string_view text, std::string_view indent, std::size_t width = 100,
                 std::string_view continuation = {});

Style style_for(Severity severity);
Style style_for(StepStatus status);
std::string upper(std::string_view s);

}  // namespace mtls::text
