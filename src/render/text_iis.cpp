// SPDX-License-Identifier: Apache-2.0
// The text report's section on evidence.iis.
#include <fmt/chrono.h>
#include <fmt/format.h>
#include <fmt/ranges.h>

#include "render/text_evidence.h"

namespace mtls::text {

void iis(std::string& out, const text::Styler& s, const IisEvidence& i) {
  out += fmt::format("\n{} {} site{}, {} http.sys binding{}\n", s(Style::bold, "IIS:"), i.sites.size(),
                     i.sites.size() == 1 ? "" : "s", i.bindings.size(), i.bindings.size() == 1 ? "" : "s");
  for (const HttpSysBinding& b : i.bindings) {
    out += fmt::format("  {} {}: negotiate client certificate {}, CTL store {}\n", b.kind, b.endpoint,
                       b.negotiate_client_certificate ? (*b.negotiate_client_certificate ? "enabled" : "disabled")
                                                      : "unknown",
                       b.ctl_store_name.empty() ? "(none)" : b.ctl_store_name);
  }
}

}  // namespace mtls::text
