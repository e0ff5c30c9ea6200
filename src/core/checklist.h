// SPDX-License-Identifier: Apache-2.0
// The expert checklist C1–C14 (docs/checklist.md) that every finding belongs to.
#pragma once

#include <array>
#include <optional>
#include <span>
#include <string_view>

namespace mtls {

/// A checklist step. `none` is for findings outside the checklist (tls.unreachable, log.unparsed-lines).
enum class Step { none, C1, C2, C3, C4, C5, C6, C7, C8, C9, C10, C11, C12, C13, C14 };

struct StepInfo {
  Step step;
  std::string_view name;      ///< "C11"
  std::string_view title;     ///< short label, "Certificate requested in the initial handshake"
  std::string_view must_hold; ///< what must hold, in plain words
  std::string_view evidence;  ///< what lets mtls-doctor check it ("a probe of the server", ...)
};

/// C1..C14 in order (not `none`).
std::span<const StepInfo> checklist_steps();
const StepInfo& step_info(Step step);
std::string_view to_string(Step step);  ///< "C7", or "—" for none
std::optional<Step> parse_step(std::string_view text);

}  // namespace mtls
