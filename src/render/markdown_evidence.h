// SPDX-License-Identifier: Apache-2.0
// The Markdown report's pieces: escaping of user text (GitHub-flavoured Markdown, github.github.com/gfm)
// and the "what was seen" sections, one per evidence part, with the facts of the text report's
// sections (render/text_<part>.cpp) as tables (render/markdown_<part>.cpp).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/evidence.h"

namespace mtls::md {

/// User text as Markdown prose: every character GFM gives a meaning to is backslash-escaped
/// (GFM §2.4: any ASCII punctuation may be), '<' '>' '&' become entities so no HTML passes
/// (GFM §6.6 raw HTML, §6.2 entities), and newlines become spaces.
std::string text(std::string_view s);
/// Like text(), for a table cell (GFM §4.10: '|' splits cells even in code spans, so it is escaped).
std::string cell(std::string_view s);
/// An inline code span that holds `s` whatever backticks it contains (GFM §6.1), safe in a cell.
std::string code(std::string_view s);
/// A fenced code block holding `s` exactly (GFM §4.5): the fence is longer than any run of
/// backticks inside.
std::string fence(std::string_view s, std::string_view info);

/// One table: a header row and rows of cells already escaped.
std::string table(const std::vector<std::string>& header, const std::vector<std::vector<std::string>>& rows);

/// Every evidence section, each starting with a "### " heading.
std::string evidence(const Evidence& e);

void inputs(std::string& out, const std::vector<InputRecord>& inputs);
void certificate_part(std::string& out, const CertificateEvidence& e);
void certificates(std::string& out, const std::vector<CertificateFacts>& chain, std::string_view heading);
void probe(std::string& out, const ProbeEvidence& p);
void iis(std::string& out, const IisEvidence& i);
void logs(std::string& out, const LogEvidence& l);
void pcap(std::string& out, const PcapEvidence& p);

}  // namespace mtls::md
