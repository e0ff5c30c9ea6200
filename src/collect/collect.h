// SPDX-License-Identifier: Apache-2.0
// The collection stage: turns what the user has (a URL to probe, a client identity, bundle
// folders and zip archives, loose files) into one Evidence. Every file is recognised by its
// content and listed as read (with its kind) or skipped (with why). One error policy: an input
// that cannot be used is a collection problem named with file[:line]; the stage fails only when
// a named path cannot be read at all, or nothing usable is left.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "collect/bundle.h"
#include "collect/collection.h"
#include "core/evidence.h"
#include "core/expected.h"
#include "parse/logs/accumulator.h"
#include "tls/identity.h"
#include "tls/probe.h"

namespace mtls::collect {

struct CollectInputs {
  std::vector<std::string> paths;           ///< bundles (folders, zip archives) and files
  std::optional<tls::ProbeOptions> probe;   ///< the URL part (its identity is `identity`)
  tls::IdentitySpec identity;               ///< the client identity, when the user names one
  tls::PasswordProvider password;           ///< for encrypted keys and PKCS#12, in bundles too
  std::string keylog;                       ///< an NSS key log named by the user
  logs::Filters log_filters;
  unsigned jobs = 0;                        ///< log reader threads; 0 = every core
  bool progress = false;                    ///< progress on stderr (caller checked it is a terminal)
  SysSeconds now{};                         ///< validity is judged at this time
  BundleLimits limits;
};

Expected<Collection> collect(const CollectInputs& inputs);

}  // namespace mtls::collect
