// SPDX-License-Identifier: Apache-2.0
// The evidence sections of the HTML report, one file per evidence part (render/html_<part>.cpp),
// from the same plain Evidence the text renderer reads. Every piece of user text goes through
// html_escape (render.h); the helpers here only wrap it.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/evidence.h"
#include "render/render.h"

namespace mtls::html {

/// html_escape, short: every user string on the page passes through it.
inline std::string e(std::string_view text) { return html_escape(text); }

/// A table inside its own scrolling box, so a wide table never widens the page (390 px phones).
/// `head` and each row are cells already escaped.
std::string table(const std::vector<std::string>& head, const std::vector<std::vector<std::string>>& rows,
                  std::string_view css_class = "");

/// "<code>x</code>" with x escaped.
std::string code(std::string_view text);

/// The "Evidence" part of the page: inputs, then one <section> per evidence part present.
std::string evidence_sections(const Evidence& evidence);

void certificates(std::string& out, const CertificateEvidence& c);
/// The certificates of a chain, leaf first (client or server), as a list of cards.
void chain_list(std::string& out, const std::vector<CertificateFacts>& chain, std::string_view heading);
/// The inline-SVG drawing of the client chain against each distinct CA list a server sent (probe
/// attempts and capture connections), with the same facts in words beneath it.
void chain_against_ca_lists(std::string& out, const Evidence& evidence);
void probe(std::string& out, const ProbeEvidence& p);
void iis(std::string& out, const IisEvidence& i);
void logs(std::string& out, const LogEvidence& l);
void pcap(std::string& out, const PcapEvidence& p);

}  // namespace mtls::html
