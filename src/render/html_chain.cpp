// SPDX-License-Identifier: Apache-2.0
// The drawing of the client chain against the CA names a server sent in its CertificateRequest
// (RFC 5246 §7.4.4 certificate_authorities, RFC 8446 §4.2.4): which chain certificate meets which
// listed name, or that none does. The comparison is of the plain names the evidence holds, as
// checks/ca_list_match.cpp makes it for a probe or a capture: the issuer of any chain certificate,
// or the subject of a CA certificate of the chain, equal to a listed name (same DER, or the same
// canonical form). The drawing states nothing the words beneath it do not also state.
#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "render/html_evidence.h"

namespace mtls::html {
namespace {

struct CaList {
  std::vector<std::string> where;  ///< "probe attempt 2", "capture connection #3"
  std::vector<DistinguishedName> names;
};

struct Meet {
  std::size_t chain_index = 0;
  std::size_t name_index = 0;
  bool as_issuer = true;
};

/// A name as the evidence holds it; the text alone when the structured forms are absent.
DistinguishedName name_of(const DistinguishedName& structured, const std::string& text) {
  if (!structured.text.empty() || !structured.der_hex.empty() || !structured.canonical.empty()) return structured;
  DistinguishedName n;
  n.text = text;
  return n;
}

std::vector<DistinguishedName> names_of(const std::vector<DistinguishedName>& list, const std::vector<std::string>& texts) {
  if (!list.empty() && list.size() == texts.size()) return list;
  if (!list.empty() && texts.empty()) return list;
  std::vector<DistinguishedName> out;
  for (const std::string& t : texts) out.push_back(name_of({}, t));
  return out;
}

bool structured(const DistinguishedName& n) { return !n.der_hex.empty() || !n.canonical.empty(); }

/// Equal names. Without DER or a canonical form on one side, the printed names are compared.
bool same(const DistinguishedName& a, const DistinguishedName& b, bool& by_text) {
  if (!a.der_hex.empty() && a.der_hex == b.der_hex) return true;
  if (!a.canonical.empty() && a.canonical == b.canonical) return true;
  if (structured(a) && structured(b)) return false;
  if (!a.text.empty() && a.text == b.text) {
    by_text = true;
    return true;
  }
  if (!a.text.empty() && !b.text.empty()) by_text = true;
  return false;
}

std::string shown(const DistinguishedName& n) { return n.text.empty() ? n.der_hex : n.text; }

/// The CN of a name, as people call a CA; the whole name when it has none.
std::string label(const DistinguishedName& n) {
  for (auto it = n.attributes.rbegin(); it != n.attributes.rend(); ++it) {
    if (it->first == "CN" || it->first == "commonName") return it->second;
  }
  const std::string text = shown(n);
  // RFC 4514 text: "CN=x,O=y" (a ',' inside a value is escaped as "\,").
  for (std::size_t i = 0; i + 3 <= text.size(); ++i) {
    if (text.compare(i, 3, "CN=") == 0 && (i == 0 || (text[i - 1] == ',' && (i < 2 || text[i - 2] != '\\')))) {
      std::size_t end = i + 3;
      while (end < text.size() && !(text[end] == ',' && text[end - 1] != '\\')) ++end;
      return text.substr(i + 3, end - i - 3);
    }
  }
  return text;
}

/// At most `max` characters (UTF-8 code points), with an ellipsis when cut: SVG text does not wrap.
std::string fit(const std::string& text, std::size_t max) {
  const auto starts_point = [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; };
  const auto points = static_cast<std::size_t>(std::count_if(text.begin(), text.end(), starts_point));
  if (points <= max) return text;
  std::size_t kept = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (starts_point(text[i]) && kept++ == max - 1) return text.substr(0, i) + "…";
  }
  return text;
}

std::vector<CaList> ca_lists(const Evidence& evidence) {
  std::vector<CaList> lists;
  auto add = [&](std::string where, std::vector<DistinguishedName> names) {
    for (CaList& l : lists) {
      const bool equal = std::equal(l.names.begin(), l.names.end(), names.begin(), names.end(),
                                    [](const DistinguishedName& a, const DistinguishedName& b) {
                                      return a.der_hex == b.der_hex && a.text == b.text;
                                    });
      if (equal) {
        l.where.push_back(std::move(where));
        return;
      }
    }
    lists.push_back({{std::move(where)}, std::move(names)});
  };
  if (evidence.probe) {
    for (const ProbeAttempt& a : evidence.probe->attempts) {
      if (a.skipped || a.cert_request == CertRequestTiming::none) continue;
      add(fmt::format("probe attempt {}", a.number), names_of(a.ca_list, a.ca_names));
    }
  }
  if (evidence.pcap) {
    for (const PcapConnection& c : evidence.pcap->connections) {
      // A renegotiation's or post-handshake list is encrypted: known only when read (--keylog).
      if (c.cert_request != CertRequestTiming::handshake && !c.cert_request_frame) continue;
      add(fmt::format("{}capture connection #{}", c.side.empty() ? "" : c.side + "-side ", c.number),
          names_of(c.ca_list, c.ca_names));
    }
  }
  return lists;
}

std::string where_text(const std::vector<std::string>& where) {
  std::string out;
  for (std::size_t i = 0; i < where.size(); ++i) {
    if (i == 4) return out + fmt::format(" and {} more", where.size() - 4);
    out += (i == 0 ? "" : ", ") + where[i];
  }
  return out;
}

constexpr std::size_t kMaxNamesDrawn = 12;
constexpr std::size_t kMaxChainDrawn = 6;
constexpr std::size_t kMaxDrawings = 4;

void drawing(std::string& out, const std::vector<CertificateFacts>& chain, const CaList& list, std::size_t number) {
  bool by_text = false;
  std::vector<Meet> meets;
  for (std::size_t i = 0; i < chain.size(); ++i) {
    const DistinguishedName issuer = name_of(chain[i].issuer_name, chain[i].issuer);
    const DistinguishedName subject = name_of(chain[i].subject_name, chain[i].subject);
    for (std::size_t n = 0; n < list.names.size(); ++n) {
      if (same(issuer, list.names[n], by_text)) meets.push_back({i, n, true});
      if (i > 0 && same(subject, list.names[n], by_text)) meets.push_back({i, n, false});
    }
  }
  // Which names to draw: every name met, then the first others, in list order.
  std::set<std::size_t> drawn_names;
  for (const Meet& m : meets) {
    if (drawn_names.size() < kMaxNamesDrawn) drawn_names.insert(m.name_index);
  }
  for (std::size_t n = 0; n < list.names.size() && drawn_names.size() < kMaxNamesDrawn; ++n) drawn_names.insert(n);
  const std::vector<std::size_t> names(drawn_names.begin(), drawn_names.end());
  const std::size_t chain_drawn = std::min(chain.size(), kMaxChainDrawn);

  constexpr int width = 640, left = 8, right = 352, box_w = 280, chain_h = 46, chain_gap = 18, name_h = 30,
                name_gap = 8, top = 34;
  const auto chain_y = [&](std::size_t i) { return top + static_cast<int>(i) * (chain_h + chain_gap); };
  const auto name_y = [&](std::size_t k) { return top + static_cast<int>(k) * (name_h + name_gap); };
  const std::size_t name_rows = names.size() + (list.names.size() > names.size() ? 1 : 0) + (list.names.empty() ? 1 : 0);
  const int body = std::max(chain_y(chain_drawn) - chain_gap, name_y(name_rows) - name_gap);
  const int height = body + 34;

  out += fmt::format("<figure class=\"chain-drawing\" id=\"chain-drawing-{}\">\n"
                     "<svg viewBox=\"0 0 {} {}\" width=\"{}\" role=\"img\" aria-labelledby=\"chain-caption-{}\" "
                     "xmlns=\"http://www.w3.org/2000/svg\" font-family=\"system-ui,sans-serif\">\n",
                     number, width, height, width, number);
  out += fmt::format("<text x=\"{}\" y=\"18\" font-size=\"13\" font-weight=\"700\" fill=\"#333\">Client chain</text>"
                     "<text x=\"{}\" y=\"18\" font-size=\"13\" font-weight=\"700\" fill=\"#333\">CA names sent ({})</text>\n",
                     left, right, list.names.size());
  const auto met_chain = [&](std::size_t i) {
    return std::any_of(meets.begin(), meets.end(), [&](const Meet& m) { return m.chain_index == i; });
  };
  const auto met_name = [&](std::size_t n) {
    return std::any_of(meets.begin(), meets.end(), [&](const Meet& m) { return m.name_index == n; });
  };
  for (std::size_t i = 0; i < chain_drawn; ++i) {
    const CertificateFacts& c = chain[i];
    const int y = chain_y(i);
    const DistinguishedName subject = name_of(c.subject_name, c.subject);
    const DistinguishedName issuer = name_of(c.issuer_name, c.issuer);
    out += fmt::format("<g class=\"chain-cert{}\"><title>{}&#10;issuer {}</title>"
                       "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"5\" fill=\"#f7f9fc\" stroke=\"{}\" stroke-width=\"{}\"/>"
                       "<text x=\"{}\" y=\"{}\" font-size=\"13\" font-weight=\"600\" fill=\"#1b1b1b\">{}</text>"
                       "<text x=\"{}\" y=\"{}\" font-size=\"11\" fill=\"#555\">issuer: {}</text></g>\n",
                       met_chain(i) ? " met" : "", e(shown(subject)), e(shown(issuer)), left, y, box_w, chain_h,
                       met_chain(i) ? "#1b5e20" : "#8a8a8a", met_chain(i) ? 2 : 1, left + 8, y + 18,
                       e(fit(fmt::format("{}. {}", i + 1, label(subject)), 36)), left + 8, y + 36,
                       e(fit(label(issuer), 38)));
    if (i + 1 < chain_drawn) {
      const int x = left + box_w / 2;
      out += fmt::format("<path d=\"M{0} {1}V{2}m-4 -5l4 5l4 -5\" fill=\"none\" stroke=\"#8a8a8a\"/>"
                         "<text x=\"{3}\" y=\"{4}\" font-size=\"10\" fill=\"#777\">issued by</text>\n",
                         x, y + chain_h + 2, y + chain_h + chain_gap - 2, x + 8, y + chain_h + 13);
    }
  }
  if (chain.size() > chain_drawn) {
    out += fmt::format("<text x=\"{}\" y=\"{}\" font-size=\"11\" fill=\"#555\">+{} more in the chain</text>\n", left,
                       chain_y(chain_drawn) - 4, chain.size() - chain_drawn);
  }
  for (std::size_t k = 0; k < names.size(); ++k) {
    const DistinguishedName& n = list.names[names[k]];
    const int y = name_y(k);
    const bool met = met_name(names[k]);
    out += fmt::format("<g class=\"ca-name{}\"><title>{}</title>"
                       "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"5\" fill=\"{}\" stroke=\"{}\" stroke-width=\"{}\"/>"
                       "<text x=\"{}\" y=\"{}\" font-size=\"12\" fill=\"#1b1b1b\">{}</text></g>\n",
                       met ? " met" : "", e(shown(n)), right, y, box_w, name_h, met ? "#eef7ee" : "#fafafa",
                       met ? "#1b5e20" : "#b5b5b5", met ? 2 : 1, right + 8, y + 19,
                       e(fit(fmt::format("{}. {}", names[k] + 1, label(n)), 40)));
  }
  if (list.names.size() > names.size()) {
    out += fmt::format("<text x=\"{}\" y=\"{}\" font-size=\"11\" fill=\"#555\">+{} more names (listed below)</text>\n",
                       right + 8, name_y(names.size()) + 18, list.names.size() - names.size());
  }
  if (list.names.empty()) {
    out += fmt::format("<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"5\" fill=\"none\" stroke=\"#b5b5b5\" "
                       "stroke-dasharray=\"4 3\"/><text x=\"{}\" y=\"{}\" font-size=\"12\" fill=\"#555\">none (any issuer)</text>\n",
                       right, top, box_w, name_h, right + 8, top + 19);
  }
  for (const Meet& m : meets) {
    if (m.chain_index >= chain_drawn) continue;
    const auto k = static_cast<std::size_t>(std::find(names.begin(), names.end(), m.name_index) - names.begin());
    if (k == names.size()) continue;
    const int y1 = chain_y(m.chain_index) + (m.as_issuer ? chain_h - 14 : 16);
    const int y2 = name_y(k) + name_h / 2;
    out += fmt::format("<path class=\"meet-line\" d=\"M{} {}C{} {} {} {} {} {}\" fill=\"none\" stroke=\"#1b5e20\" stroke-width=\"2\">"
                       "<title>{} of certificate {} = CA name {}</title></path>"
                       "<circle cx=\"{}\" cy=\"{}\" r=\"3\" fill=\"#1b5e20\"/><circle cx=\"{}\" cy=\"{}\" r=\"3\" fill=\"#1b5e20\"/>\n",
                       left + box_w, y1, left + box_w + 36, y1, right - 36, y2, right, y2,
                       m.as_issuer ? "issuer" : "subject", m.chain_index + 1, m.name_index + 1, left + box_w, y1, right, y2);
  }
  const int foot = height - 12;
  if (!list.names.empty() && meets.empty()) {
    out += fmt::format("<text class=\"miss\" x=\"{}\" y=\"{}\" font-size=\"13\" font-weight=\"700\" fill=\"#b00020\">"
                       "✗ no certificate of the chain meets a listed name</text>\n", left, foot);
  } else if (!meets.empty()) {
    std::set<std::size_t> met;
    for (const Meet& m : meets) met.insert(m.name_index);
    out += fmt::format("<text class=\"meet\" x=\"{}\" y=\"{}\" font-size=\"13\" font-weight=\"700\" fill=\"#1b5e20\">"
                       "✓ the chain meets {} of the listed names</text>\n", left, foot, met.size());
  }
  out += "</svg>\n";

  // The same facts in words: what a screen reader reads, and what a narrow screen shows in full.
  out += fmt::format("<figcaption id=\"chain-caption-{}\">The client chain against the CA names of {}", number,
                     e(where_text(list.where)));
  if (by_text) out += " (names compared as printed: the evidence holds no DER encoding of them)";
  out += ":<ul>\n";
  if (list.names.empty()) {
    out += "<li>the server sent no CA names (any issuer)</li>\n";
  } else if (meets.empty()) {
    out += fmt::format("<li class=\"miss\">none of the chain's {} has its issuer, or for a CA certificate its subject, "
                       "among the {} listed</li>\n",
                       count_of(chain.size(), "certificate", "certificates"), count_of(list.names.size(), "name", "names"));
  }
  for (const Meet& m : meets) {
    const CertificateFacts& c = chain[m.chain_index];
    out += fmt::format("<li class=\"meet\">the {} of certificate {} ({}) is CA name {} of {}: <code>{}</code></li>\n",
                       m.as_issuer ? "issuer" : "subject", m.chain_index + 1, e(c.subject), m.name_index + 1,
                       list.names.size(), e(shown(list.names[m.name_index])));
  }
  out += "</ul></figcaption>\n</figure>\n";
}

}  // namespace

void chain_against_ca_lists(std::string& out, const Evidence& evidence) {
  if (!evidence.certificates || evidence.certificates->certificates.empty()) return;
  const std::vector<CaList> lists = ca_lists(evidence);
  if (lists.empty()) return;
  const std::vector<CertificateFacts>& chain = evidence.certificates->certificates;
  out += "<section id=\"chain-vs-ca-list\">\n<h3>Client chain against the server's CA list</h3>\n";
  for (std::size_t i = 0; i < lists.size() && i < kMaxDrawings; ++i) drawing(out, chain, lists[i], i + 1);
  if (lists.size() > kMaxDrawings) {
    out += fmt::format("<p class=\"meta\">{} more distinct CA lists are not drawn (the JSON report has them all).</p>\n",
                       lists.size() - kMaxDrawings);
  }
  out += "</section>\n";
}

}  // namespace mtls::html
