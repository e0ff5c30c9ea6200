// SPDX-License-Identifier: Apache-2.0
// Evidence parts as JSON (`evidence` in docs/report.schema.json). Private to src/render: nlohmann-json types
// appear nowhere else.
#pragma once

#include <nlohmann/json.hpp>

#include "core/evidence.h"

namespace mtls::json {

using Json = nlohmann::ordered_json;

Json evidence_ref(const EvidenceRef& ref);
Json evidence(const Evidence& e);

// One per evidence part, each in render/json_<part>.cpp.
Json certificate(const CertificateFacts& c);
Json certificates(const CertificateEvidence& c);
// The rest of the certificates part, under their own evidence keys (the schema keeps
// `evidence.certificates` an array of certificate objects).
Json identity(const IdentityFacts& i);
Json chain(const ChainFacts& c);
Json revocation(const RevocationFacts& r);
Json stores(const std::vector<StoreFacts>& s);
Json probe(const ProbeEvidence& p);
Json iis(const IisEvidence& i);
Json logs(const LogEvidence& l);
Json pcap(const PcapEvidence& p);

}  // namespace mtls::json
