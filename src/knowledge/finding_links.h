// SPDX-License-Identifier: Apache-2.0
// Which root causes explain which other findings: the table `correlate_findings` folds by. A
// cause explains a finding when the cause, by itself, makes the server or client behave as the
// finding reports (a binding with Negotiate Client Certificate disabled makes the server ask by
// renegotiation, and IIS log 500 0 64 then 403.7).
#pragma once

#include <span>

#include "core/correlate.h"

namespace mtls::knowledge {

std::span<const FindingLink> finding_links();

}  // namespace mtls::knowledge
