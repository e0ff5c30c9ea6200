// SPDX-License-Identifier: Apache-2.0
#include "core/version.h"

namespace mtls {

std::string_view version() { return MTLS_VERSION; }

}  // namespace mtls
