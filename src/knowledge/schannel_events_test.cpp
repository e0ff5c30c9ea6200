// SPDX-License-Identifier: Apache-2.0
#include "knowledge/schannel_events.h"

#include <gtest/gtest.h>

#include <set>

namespace mtls::knowledge {
namespace {

using K = SchannelEventKind;

TEST(SchannelEvents, TableIsOrderedUniqueAndWorded) {
  std::set<std::uint32_t> seen;
  for (const SchannelEventInfo& e : schannel_events()) {
    EXPECT_TRUE(seen.insert(e.id).second) << e.id;
    EXPECT_GE(e.id, 36864u);
    EXPECT_LE(e.id, 36888u);
    EXPECT_FALSE(e.message.empty()) << e.id;
  }
  EXPECT_EQ(find_schannel_event(36999), nullptr);
  EXPECT_FALSE(classify_schannel_event(4624, {}));
}

TEST(SchannelEvents, ClassifiedByWhatTheySay) {
  EXPECT_EQ(classify_schannel_event(36874, {}), K::cipher_mismatch);
  EXPECT_EQ(classify_schannel_event(36877, {}), K::client_certificate);
  EXPECT_EQ(classify_schannel_event(36885, {}), K::issuer_list_truncated);
  // "received from the remote server": this machine was the client.
  EXPECT_EQ(classify_schannel_event(36882, {}), K::server_certificate);
  EXPECT_EQ(classify_schannel_event(36870, {}), K::local_credential);
  EXPECT_EQ(classify_schannel_event(36880, {}), K::informational);
}

TEST(SchannelEvents, AlertsClassifiedByTheAlert) {
  EXPECT_EQ(classify_schannel_event(36888, 48u), K::client_certificate);   // unknown_ca
  EXPECT_EQ(classify_schannel_event(36887, 116u), K::client_certificate);  // certificate_required
  EXPECT_EQ(classify_schannel_event(36888, 70u), K::protocol_mismatch);
  EXPECT_EQ(classify_schannel_event(36888, 71u), K::cipher_mismatch);
  EXPECT_EQ(classify_schannel_event(36888, 40u), K::handshake_failure);
  EXPECT_EQ(classify_schannel_event(36888, 80u), K::other_alert);
  EXPECT_EQ(classify_schannel_event(36888, {}), K::other_alert);
}

TEST(SchannelEvents, OnlyCertificateKindsCountForClientAuthentication) {
  EXPECT_TRUE(about_client_certificates(K::client_certificate));
  EXPECT_TRUE(about_client_certificates(K::issuer_list_truncated));
  for (K k : {K::server_certificate, K::local_credential, K::cipher_mismatch, K::protocol_mismatch,
              K::handshake_failure, K::other_alert, K::informational}) {
    EXPECT_FALSE(about_client_certificates(k)) << to_string(k);
  }
}

}  // namespace
}  // namespace mtls::knowledge
