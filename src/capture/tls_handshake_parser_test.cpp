// SPDX-License-Identifier: Apache-2.0
#include "capture/tls_handshake_parser.h"

#include <gtest/gtest.h>

#include "capture/capture_builder.h"

namespace mtls::capture {
namespace {

using namespace build;

struct Recorder final : TlsEvents {
  std::vector<std::pair<int, std::string>> messages;
  std::vector<std::uint64_t> frames;
  std::vector<std::pair<int, int>> alerts;
  int ccs = 0;
  std::vector<int> encrypted;
  void on_handshake(std::uint8_t type, std::string_view body, std::uint64_t frame) override {
    messages.emplace_back(type, std::string(body));
    frames.push_back(frame);
  }
  void on_alert(std::uint8_t level, std::uint8_t description, std::uint64_t) override { alerts.emplace_back(level, description); }
  void on_change_cipher_spec(std::uint64_t) override { ++ccs; }
  void on_encrypted_record(std::uint8_t type, std::string_view, std::uint64_t) override { encrypted.push_back(type); }
};

TEST(TlsHandshakeParser, ClientHelloFields) {
  Hello h;
  h.pha = true;
  const std::string msg = client_hello(h);
  auto ch = parse_client_hello(std::string_view(msg).substr(4));
  ASSERT_TRUE(ch) << ch.error().message;
  EXPECT_EQ(ch->sni, "app.example");
  EXPECT_EQ(ch->alpn, (std::vector<std::string>{"h2", "http/1.1"}));
  EXPECT_EQ(ch->supported_versions, (std::vector<std::uint16_t>{0x0304, 0x0303}));
  EXPECT_TRUE(ch->post_handshake_auth);
  EXPECT_EQ(ch->random, std::string(32, 0x11));
}

TEST(TlsHandshakeParser, ServerHelloRealVersionFromSupportedVersions) {
  const std::string m13 = server_hello(0x0304);
  auto sh = parse_server_hello(std::string_view(m13).substr(4));
  ASSERT_TRUE(sh);
  EXPECT_EQ(sh->legacy_version, 0x0303);
  EXPECT_EQ(sh->version, 0x0304);
  const std::string m12 = server_hello(0x0303, "http/1.1");
  sh = parse_server_hello(std::string_view(m12).substr(4));
  ASSERT_TRUE(sh);
  EXPECT_EQ(sh->version, 0x0303);
  EXPECT_EQ(sh->alpn, "http/1.1");
  EXPECT_FALSE(sh->hello_retry_request);
}

TEST(TlsHandshakeParser, CertificateRequestTls12) {
  const std::string msg = certificate_request12({der_name_cn("Issuing CA 1"), der_name_cn("Root")});
  auto cr = parse_certificate_request(std::string_view(msg).substr(4), false);
  ASSERT_TRUE(cr) << cr.error().message;
  EXPECT_EQ(cr->certificate_types, (std::vector<std::uint8_t>{1, 64}));
  EXPECT_EQ(cr->signature_algorithms, (std::vector<std::uint16_t>{0x0403, 0x0804}));
  ASSERT_EQ(cr->certificate_authorities.size(), 2u);
  EXPECT_EQ(cr->certificate_authorities[0], der_name_cn("Issuing CA 1"));
}

TEST(TlsHandshakeParser, CertificateRequestTls13Extensions) {
  std::string b = vec8("");
  std::string algs;
  put16(algs, 0x0807);
  const std::string exts = extension(13, vec16(algs)) + extension(47, vec16(vec16(der_name_cn("CA"))));
  b += vec16(exts);
  auto cr = parse_certificate_request(b, true);
  ASSERT_TRUE(cr);
  EXPECT_EQ(cr->signature_algorithms, (std::vector<std::uint16_t>{0x0807}));
  ASSERT_EQ(cr->certificate_authorities.size(), 1u);
}

TEST(TlsHandshakeParser, MalformedMessagesAreErrors) {
  EXPECT_FALSE(parse_client_hello("\x03\x03"));
  EXPECT_FALSE(parse_server_hello(""));
  EXPECT_FALSE(parse_certificate("\x00\x00\x09\x00", false));
  EXPECT_FALSE(parse_certificate_request(std::string("\x01\x01\x00\x02\x04", 5), false));
}

TEST(TlsHandshakeParser, RecordsFedOneByteAtATime) {
  const std::string hello = client_hello({});
  const std::string bytes = record(22, hello, 0x0301);
  TlsRecordParser p;
  Recorder r;
  for (std::size_t i = 0; i < bytes.size(); ++i) p.feed(bytes.substr(i, 1), i + 1, r);
  ASSERT_EQ(r.messages.size(), 1u);
  EXPECT_EQ(r.messages[0].first, hs_client_hello);
  EXPECT_EQ(r.frames[0], bytes.size());  // the frame that completed it
  EXPECT_FALSE(p.problem());
}

TEST(TlsHandshakeParser, MessageSplitAcrossRecordsAndSeveralInOne) {
  const std::string cr = certificate_request12({der_name_cn("CA")});
  const std::string done = handshake(14, "");
  const std::string sh = server_hello(0x0303);
  // ServerHello + first half of CertificateRequest in one record, the rest + ServerHelloDone in another.
  const std::string flight = sh + cr + done;
  const std::size_t cut = sh.size() + 7;
  const std::string bytes = record(22, flight.substr(0, cut)) + record(22, flight.substr(cut));
  TlsRecordParser p;
  Recorder r;
  p.feed(bytes, 1, r);
  ASSERT_EQ(r.messages.size(), 3u);
  EXPECT_EQ(r.messages[1].first, hs_certificate_request);
  EXPECT_EQ(r.messages[1].second, cr.substr(4));
  EXPECT_EQ(r.messages[2].first, hs_server_hello_done);
}

TEST(TlsHandshakeParser, AlertsCcsAndEncryptedRecords) {
  TlsRecordParser p;
  Recorder r;
  p.feed(record(21, std::string("\x02\x28", 2)), 1, r);
  p.feed(record(20, "\x01"), 2, r);
  p.set_encrypted();
  p.feed(record(22, std::string(40, 'e')), 3, r);         // encrypted Finished
  p.feed(record(21, std::string(26, 'e')), 4, r);         // encrypted alert
  p.feed(record(23, std::string(100, 'e')), 5, r);
  EXPECT_EQ(r.alerts, (std::vector<std::pair<int, int>>{{2, 40}}));
  EXPECT_EQ(r.ccs, 1);
  EXPECT_EQ(r.encrypted, (std::vector<int>{22, 21, 23}));
  EXPECT_TRUE(r.messages.empty());
}

TEST(TlsHandshakeParser, NotTlsAndOversizedRecordsStop) {
  TlsRecordParser p;
  Recorder r;
  p.feed("GET / HTTP/1.1\r\n", 1, r);
  ASSERT_TRUE(p.problem());
  TlsRecordParser big;
  std::string header = "\x16\x03\x03";
  put16(header, 0xFFFF);
  big.feed(header, 9, r);
  ASSERT_TRUE(big.problem());
  EXPECT_EQ(big.problem()->where, "frame 9");
  EXPECT_FALSE(looks_like_client_hello("GET /"));
  EXPECT_TRUE(looks_like_client_hello(record(22, client_hello({}), 0x0301)));
}

TEST(TlsHandshakeParser, HandshakeMessageLimit) {
  TlsRecordParser p;
  Recorder r;
  std::string hs = "\x0D";
  put24(hs, static_cast<unsigned>(max_handshake_message + 1));
  p.feed(record(22, hs), 3, r);
  ASSERT_TRUE(p.problem());
  EXPECT_NE(p.problem()->message.find("exceeds the limit"), std::string::npos);
}

}  // namespace
}  // namespace mtls::capture
