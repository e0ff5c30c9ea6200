// SPDX-License-Identifier: Apache-2.0
// The "what was seen" sections of the text report, one per evidence part (render/text_<part>.cpp).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/evidence.h"
#include "render/text_style.h"

namespace mtls {

std::string render_text_evidence(const Evidence& evidence, const text::Styler& s);

namespace text {



void certificates(std::string& out, const Styler& s, const std::vector<CertificateFacts>& chain,
                  std::string_view heading);
/// Everything in the certificates part (chain tree, key, verdict, revocation, stores).
void certificate_part(std::string& out, const Styler& s, const CertificateEvidence& e);
void probe(std::string& out, const Styler& s, const ProbeEvidence& p);
void iis(std::string& out, const Styler& s, const IisEvidence& i);
void logs(std::string& out, const Styler& s, const LogEvidence& l);
void pcap(std::string& out, const Styler& s, const PcapEvidence& p);

}  // namespace text
}  // namespace mtls
