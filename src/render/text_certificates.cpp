// SPDX-License-Identifier: Apache-2.0
// The text report's section on certificates: the chain as a tree.
#include <fmt/chrono.h>
#include <fmt/format.h>
#include <fmt/ranges.h>

#include "render/text_evidence.h"

namespace mtls::text {
namespace {

std::string_view role_name(CertificateRole role) {
  switch (role) {
    case CertificateRole::client: return "client";
    case CertificateRole::intermediate: return "intermediate";
    case CertificateRole::root: return "root";
    case CertificateRole::server: return "server";
  }
  return "?";
}

}  // namespace

void certificates(std::string& out, const text::Styler& s, const std::vector<CertificateFacts>& chain,
                  std::string_view heading) {
  if (chain.empty()) return;
  out += fmt::format("\n{}\n", s(Style::bold, heading));
  std::string indent = "  ";
  for (const CertificateFacts& c : chain) {
    out += fmt::format("{}{} {}\n", indent, s(Style::dim, fmt::format("[{}]", role_name(c.role))), c.subject);
    const std::string more = indent + "    ";
    out += s(Style::dim, fmt::format("{}issuer {}\n", more, c.issuer));
    out += s(Style::dim, fmt::format("{}valid {:%F} to {:%F}, sha1 {}\n", more, c.not_before,
                                     c.not_after, c.sha1));
    if (c.has_eku) out += s(Style::dim, fmt::format("{}EKU {}\n", more, fmt::join(c.eku, ", ")));
    indent += "└─ ";
    if (indent.size() > 3 * 8) indent = "  ";
  }
}

}  // namespace mtls::text
