// SPDX-License-Identifier: Apache-2.0
// The evidence part of the HTML report: what was read, then one section per evidence part, in
// the order of the text report (render/text_evidence.cpp).
#include <fmt/format.h>

#include "render/html_evidence.h"

namespace mtls::html {

std::string code(std::string_view text) { return "<code>" + e(text) + "</code>"; }

std::string table(const std::vector<std::string>& head, const std::vector<std::vector<std::string>>& rows,
                  std::string_view css_class) {
  std::string out = css_class.empty() ? "<div class=\"scroll\"><table>\n<tr>"
                                      : fmt::format("<div class=\"scroll\"><table class=\"{}\">\n<tr>", css_class);
  for (const std::string& h : head) out += "<th>" + h + "</th>";
  out += "</tr>\n";
  for (const std::vector<std::string>& row : rows) {
    out += "<tr>";
    for (const std::string& cell : row) out += "<td>" + cell + "</td>";
    out += "</tr>\n";
  }
  out += "</table></div>\n";
  return out;
}

std::string evidence_sections(const Evidence& evidence) {
  std::string out;
  const bool any = !evidence.inputs.empty() || evidence.certificates || evidence.probe || evidence.iis ||
                   evidence.logs || evidence.pcap;
  if (!any) return out;
  out += "<section id=\"evidence\">\n<h2>Evidence</h2>\n";
  if (!evidence.inputs.empty()) {
    std::size_t read = 0;
    std::vector<std::vector<std::string>> rows;
    for (const InputRecord& r : evidence.inputs) {
      read += r.read ? 1 : 0;
      rows.push_back({r.read ? "read" : "<span class=\"dim\">skipped</span>", code(r.path),
                      r.kind == InputKind::unknown ? std::string() : e(to_string(r.kind)), e(r.note)});
    }
    out += fmt::format("<section id=\"inputs\">\n<h3>Inputs: {} read, {} skipped</h3>\n", read, evidence.inputs.size() - read);
    out += table({"", "input", "kind", "note"}, rows);
    out += "</section>\n";
  }
  chain_against_ca_lists(out, evidence);
  if (evidence.certificates) certificates(out, *evidence.certificates);
  if (evidence.probe) probe(out, *evidence.probe);
  if (evidence.iis) iis(out, *evidence.iis);
  if (evidence.logs) logs(out, *evidence.logs);
  if (evidence.pcap) pcap(out, *evidence.pcap);
  out += "</section>\n";
  return out;
}

}  // namespace mtls::html
