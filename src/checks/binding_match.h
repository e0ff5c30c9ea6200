// SPDX-License-Identifier: Apache-2.0
// Which http.sys binding serves the probed address: the join between the live probe and the
// exported configuration. http.sys picks a binding for a connection by the most specific match
// (Microsoft: "How http.sys selects an SSL binding"): a hostname:port (SNI) binding when the
// client sent that server name, else IP:port for the exact address, else 0.0.0.0:port / [::]:port.
#pragma once

#include <string>
#include <vector>

#include "core/evidence.h"

namespace mtls::checks {

struct BindingMatch {
  const HttpSysBinding* binding = nullptr;  ///< nullptr: no exported binding serves it
  std::string how;                          ///< "hostname:port www.example.com:443", "IP:port 0.0.0.0:443"
};

/// The binding serving `host`:`port` reached at `address` ("127.0.0.1:8443"), with `sni` sent.
BindingMatch match_binding(const std::vector<HttpSysBinding>& bindings, const std::string& sni,
                           const std::string& address, int port);

}  // namespace mtls::checks
