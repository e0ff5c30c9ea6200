// SPDX-License-Identifier: Apache-2.0
// The collections of the commands that read one kind of source, named on their command lines
// (`pcap`, `iis`): each input is read in order and the first unusable one is the error, as
// `mtls-doctor: FILE[:LINE]: what (why)`. `diagnose` reads the same sources from bundles with its
// own, tolerant policy (collect.h).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "collect/collection.h"
#include "collect/iis_inputs.h"
#include "core/expected.h"

namespace mtls::collect {

/// What `mtls-doctor pcap` names.
struct CaptureInputs {
  std::vector<std::string> files;     ///< one capture, or a client-side and a server-side one
  std::optional<std::uint16_t> port;  ///< only connections to this server port
  std::string client;                 ///< the client certificate to match the CA list against
  std::string keylog;                 ///< NSS key log (never SSLKEYLOGFILE from the environment)
};

Expected<Collection> collect_captures(const CaptureInputs& in);

/// `mtls-doctor iis`: at least one input must be named.
Expected<Collection> collect_iis(const IisInputs& in);

}  // namespace mtls::collect
