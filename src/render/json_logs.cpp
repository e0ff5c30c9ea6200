// SPDX-License-Identifier: Apache-2.0
// evidence.logs as JSON (DESIGN §5).
#include "render/json_evidence.h"

namespace mtls::json {

Json logs(const LogEvidence& l) {
  return {{"files", l.files},       {"lines", l.lines},         {"entries", l.entries},
          {"unparsed", l.unparsed}, {"by_status", l.by_status}, {"by_win32", l.by_win32}};
}

}  // namespace mtls::json
