// SPDX-License-Identifier: Apache-2.0
#include "capture/pcap_analysis.h"

#include <gtest/gtest.h>

#include "capture/capture_builder.h"
#include "capture/packet_decoder.h"

namespace mtls::capture {
namespace {

using namespace build;

/// A conversation as TCP segments, split and reordered as a test wants.
struct Conversation {
  Endpoints e;
  std::uint32_t cseq = 1000;
  std::uint32_t sseq = 5000;
  std::vector<Packet> packets;
  bool v6 = false;
  int vlans = 0;
  std::uint64_t time = 1'700'000'000'000'000;

  void push(bool from_client, std::uint32_t seq, unsigned flags, std::string_view payload) {
    packets.push_back({ethernet(ip_tcp(e, from_client, seq, flags, payload), v6, vlans), 1, time += 1000});
  }
  void syn() {
    push(true, cseq++, tcp_syn, "");
    push(false, sseq++, tcp_syn | tcp_ack, "");
  }
  /// Send `bytes` in segments of at most `mss`.
  void send(bool from_client, std::string_view bytes, std::size_t mss = 1460) {
    std::uint32_t& seq = from_client ? cseq : sseq;
    for (std::size_t at = 0; at < bytes.size(); at += mss) {
      const std::string_view part = bytes.substr(at, mss);
      push(from_client, seq, tcp_ack, part);
      seq += static_cast<std::uint32_t>(part.size());
    }
  }
  void fin() {
    push(true, cseq++, tcp_fin | tcp_ack, "");
    push(false, sseq++, tcp_fin | tcp_ack, "");
  }
};

std::string tls12_server_flight(bool request, const std::vector<std::string>& cas) {
  std::string f = server_hello(0x0303);
  f += certificate12({"not a certificate"});
  if (request) f += certificate_request12(cas);
  f += handshake(14, "");
  return record(22, f);
}

std::string client_second_flight(std::string_view certificate) {
  return record(22, std::string(certificate) + handshake(16, std::string(33, 'k'))) + record(20, "\x01") +
         record(22, std::string(40, 'f'));
}

std::string server_finish() { return record(20, "\x01") + record(22, std::string(40, 'f')); }

PcapEvidence analyze(const std::string& file, AnalysisOptions options = {}) {
  PcapEvidence ev;
  auto r = CaptureReader::open(memory_source(file), "t.pcap");
  EXPECT_TRUE(r);
  auto done = analyze_capture(*r, "t.pcap", options, ev);
  EXPECT_TRUE(done) << (done ? "" : done.error().to_string());
  return ev;
}

TEST(PcapAnalysis, Tls12RequestWithCaListAndEmptyClientCertificate) {
  Conversation c;
  c.syn();
  c.send(true, record(22, client_hello({}), 0x0301));
  c.send(false, tls12_server_flight(true, {der_name_cn("Issuing CA")}), 100);  // many small segments
  c.send(true, client_second_flight(certificate12({})));
  c.send(false, server_finish());
  c.send(true, record(23, std::string(80, 'a')));
  c.fin();
  const PcapEvidence ev = analyze(pcap_file(c.packets));
  ASSERT_EQ(ev.connections.size(), 1u);
  const PcapConnection& k = ev.connections[0];
  EXPECT_EQ(k.client, "10.0.0.2:50123");
  EXPECT_EQ(k.server, "10.0.0.5:443");
  EXPECT_EQ(k.tls_version, "TLSv1.2");
  EXPECT_EQ(k.sni, "app.example");
  EXPECT_EQ(k.cert_request, CertRequestTiming::handshake);
  EXPECT_EQ(k.ca_names, std::vector<std::string>{"CN=Issuing CA"});
  ASSERT_EQ(k.ca_list.size(), 1u);
  EXPECT_EQ(k.ca_list[0].canonical.empty(), false);
  EXPECT_EQ(k.certificate_types, (std::vector<std::string>{"rsa_sign", "ecdsa_sign"}));
  EXPECT_EQ(k.client_cert, "empty");
  EXPECT_TRUE(k.handshake_finished);
  EXPECT_FALSE(k.renegotiation_frame);
  EXPECT_EQ(ev.certificate_requests, 1u);
  EXPECT_EQ(ev.tls_connections, 1u);
  EXPECT_EQ(k.origin.frame, k.client_hello_frame);
  // The server's "certificate" is not DER: said so, not fatal.
  EXPECT_NE(k.notes.front().find("not valid DER"), std::string::npos);
}

TEST(PcapAnalysis, OutOfOrderOverlappingSegmentsIpv6Vlan) {
  Conversation c;
  c.v6 = true;
  c.vlans = 1;
  c.e.client_ip = std::string(15, '\0') + "\x01";
  c.e.server_ip = std::string(15, '\0') + "\x01";
  c.e.server_port = 8443;
  c.syn();
  c.send(true, record(22, client_hello({}), 0x0301));
  // Server flight in three segments sent as 3, 1, 2 with segment 2 retransmitted overlapping 1.
  const std::string flight = tls12_server_flight(true, {der_name_cn("A"), der_name_cn("B")});
  const std::size_t third = flight.size() / 3;
  const std::uint32_t base = c.sseq;
  c.push(false, base + 2 * static_cast<std::uint32_t>(third), tcp_ack, std::string_view(flight).substr(2 * third));
  c.push(false, base, tcp_ack, std::string_view(flight).substr(0, third));
  c.push(false, base + static_cast<std::uint32_t>(third) - 5, tcp_ack, std::string_view(flight).substr(third - 5, third + 5));
  c.push(false, base + static_cast<std::uint32_t>(third), tcp_ack, std::string_view(flight).substr(third, third));
  c.sseq += static_cast<std::uint32_t>(flight.size());
  c.send(true, client_second_flight(certificate12({})));
  c.send(false, server_finish());
  c.fin();
  std::string ng;
  pcapng_section(ng);
  pcapng_interface(ng, 1);
  for (const Packet& p : c.packets) pcapng_packet(ng, p);
  const PcapEvidence ev = analyze(ng);
  ASSERT_EQ(ev.connections.size(), 1u);
  const PcapConnection& k = ev.connections[0];
  EXPECT_EQ(k.server, "[::1]:8443");
  EXPECT_EQ(k.ca_names, (std::vector<std::string>{"CN=A", "CN=B"}));
  EXPECT_EQ(k.client_cert, "empty");
  for (const std::string& n : k.notes) EXPECT_EQ(n.find("missing"), std::string::npos) << n;
}

TEST(PcapAnalysis, GapIsANoteNotAWrongAnswer) {
  Conversation c;
  c.syn();
  c.send(true, record(22, client_hello({}), 0x0301));
  const std::string flight = tls12_server_flight(true, {der_name_cn("A")});
  c.push(false, c.sseq, tcp_ack, std::string_view(flight).substr(0, 60));
  c.push(false, c.sseq + 80, tcp_ack, std::string_view(flight).substr(80));  // 20 bytes never captured
  c.fin();
  const PcapEvidence ev = analyze(pcap_file(c.packets));
  ASSERT_EQ(ev.connections.size(), 1u);
  const PcapConnection& k = ev.connections[0];
  EXPECT_EQ(k.cert_request, CertRequestTiming::none);
  EXPECT_FALSE(k.handshake_finished);  // so no check may say "never asked"
  bool noted = false;
  for (const std::string& n : k.notes) noted = noted || n.find("20 bytes missing") != std::string::npos;
  EXPECT_TRUE(noted);
}

TEST(PcapAnalysis, Tls13IsEncryptedPastServerHello) {
  Conversation c;
  c.syn();
  Hello h;
  h.pha = true;
  c.send(true, record(22, client_hello(h), 0x0301));
  c.send(false, record(22, server_hello(0x0304)) + record(20, "\x01") + record(23, std::string(900, 'x')));
  c.send(true, record(20, "\x01") + record(23, std::string(300, 'x')));
  c.send(false, record(23, std::string(200, 'x')));
  c.fin();
  const PcapEvidence ev = analyze(pcap_file(c.packets));
  ASSERT_EQ(ev.connections.size(), 1u);
  const PcapConnection& k = ev.connections[0];
  EXPECT_EQ(k.tls_version, "TLSv1.3");
  EXPECT_TRUE(k.handshake_encrypted);
  EXPECT_TRUE(k.offered_pha);
  EXPECT_EQ(k.cert_request_text(), "unknown");
  EXPECT_EQ(k.client_cert, "encrypted");
  EXPECT_EQ(ev.certificate_requests, 0u);
}

TEST(PcapAnalysis, RenegotiationAfterRequestIsProbableLateRequest) {
  Conversation c;
  c.syn();
  c.send(true, record(22, client_hello({}), 0x0301));
  c.send(false, tls12_server_flight(false, {}));
  c.send(true, client_second_flight(""));
  c.send(false, server_finish());
  c.send(true, record(23, std::string(120, 'r')));   // GET /app/
  c.send(false, record(22, std::string(40, 'h')));   // encrypted HelloRequest
  c.send(true, record(22, std::string(300, 'c')));   // encrypted ClientHello
  c.fin();
  const PcapEvidence ev = analyze(pcap_file(c.packets));
  ASSERT_EQ(ev.connections.size(), 1u);
  const PcapConnection& k = ev.connections[0];
  EXPECT_EQ(k.cert_request, CertRequestTiming::renegotiation);
  ASSERT_TRUE(k.renegotiation_frame);
  EXPECT_EQ(k.client_cert, "encrypted");
}

TEST(PcapAnalysis, ClientRenegotiationRefusedByTheServerRequestsNothing) {
  // nginx refuses client-initiated renegotiation: the client's encrypted ClientHello is answered
  // by an encrypted no_renegotiation alert, never by handshake records (recorded against nginx
  // 1.22 with `openssl s_client -tls1_2` and its 'R' command).
  Conversation c;
  c.syn();
  c.send(true, record(22, client_hello({}), 0x0301));
  c.send(false, tls12_server_flight(false, {}));
  c.send(true, client_second_flight(""));
  c.send(false, server_finish());
  c.send(true, record(22, std::string(300, 'c')));   // encrypted ClientHello
  c.send(false, record(21, std::string(26, 'a')));   // encrypted alert (no_renegotiation)
  c.send(true, record(21, std::string(26, 'a')));    // encrypted alert (handshake_failure)
  c.fin();
  const PcapEvidence ev = analyze(pcap_file(c.packets));
  ASSERT_EQ(ev.connections.size(), 1u);
  const PcapConnection& k = ev.connections[0];
  EXPECT_EQ(k.cert_request, CertRequestTiming::none);
  ASSERT_TRUE(k.renegotiation_frame);
  EXPECT_EQ(k.client_cert, "none");
  EXPECT_EQ(k.alerts.size(), 2u);
  bool noted = false;
  for (const std::string& n : k.notes) noted = noted || n.find("the client started a renegotiation") != std::string::npos;
  EXPECT_TRUE(noted);
}

TEST(PcapAnalysis, AlertsResetsAndNonTlsStreams) {
  Conversation c;
  c.syn();
  c.send(true, record(22, client_hello({}), 0x0301));
  c.send(false, tls12_server_flight(true, {}));
  c.send(true, client_second_flight(certificate12({})));
  c.send(false, record(21, std::string("\x02\x74", 2)));
  c.push(false, c.sseq, tcp_rst | tcp_ack, "");
  // A plain HTTP connection on another port: ignored.
  Conversation http;
  http.e.client_port = 40000;
  http.e.server_port = 80;
  http.syn();
  http.send(true, "GET / HTTP/1.1\r\nHost: x\r\n\r\n");
  http.fin();
  std::vector<Packet> all = c.packets;
  all.insert(all.end(), http.packets.begin(), http.packets.end());
  const PcapEvidence ev = analyze(pcap_file(all));
  ASSERT_EQ(ev.connections.size(), 1u);
  const PcapConnection& k = ev.connections[0];
  ASSERT_EQ(k.alerts.size(), 1u);
  EXPECT_NE(k.alerts[0].find("certificate_required (116), fatal, from server"), std::string::npos) << k.alerts[0];
  ASSERT_EQ(k.resets.size(), 1u);
  EXPECT_NE(k.resets[0].find("RST from server"), std::string::npos);
}

TEST(PcapAnalysis, PortFilterAndMidStreamStart) {
  Conversation c;
  // No SYN captured: the ClientHello tells who the client is.
  c.send(true, record(22, client_hello({}), 0x0301));
  c.send(false, tls12_server_flight(true, {}));
  const std::string file = pcap_file(c.packets);
  EXPECT_EQ(analyze(file).connections.size(), 1u);
  AnalysisOptions elsewhere;
  elsewhere.port = 8443;
  EXPECT_TRUE(analyze(file, elsewhere).connections.empty());
  AnalysisOptions here;
  here.port = 443;
  EXPECT_EQ(analyze(file, here).connections.size(), 1u);
}

TEST(PcapAnalysis, TruncatedCaptureKeepsWhatCameBefore) {
  Conversation c;
  c.syn();
  c.send(true, record(22, client_hello({}), 0x0301));
  c.send(false, tls12_server_flight(true, {}));
  std::string file = pcap_file(c.packets);
  file.resize(file.size() - 10);
  const PcapEvidence ev = analyze(file);
  ASSERT_EQ(ev.notes.size(), 1u);
  EXPECT_NE(ev.notes[0].find("t.pcap frame 4"), std::string::npos) << ev.notes[0];
  EXPECT_EQ(ev.connections.size(), 1u);

  PcapEvidence nothing;
  const std::string broken = pcap_file({}) + "\x01\x02";
  auto r = CaptureReader::open(memory_source(broken), "x.pcap");
  ASSERT_TRUE(r);
  EXPECT_FALSE(analyze_capture(*r, "x.pcap", {}, nothing));  // nothing readable at all: an error
}

TEST(PcapAnalysis, TwoCapturesMatchedByRandomOrByFiveTupleAndTime) {
  const auto make = [](bool request, char random) {
    Conversation c;
    c.syn();
    Hello h;
    h.random_byte = random;
    c.send(true, record(22, client_hello(h), 0x0301));
    c.send(false, tls12_server_flight(request, {der_name_cn("Issuing CA")}));
    c.send(true, client_second_flight(certificate12({})));
    c.send(false, server_finish());
    c.fin();
    return pcap_file(c.packets);
  };
  PcapEvidence ev;
  AnalysisOptions client_side;
  client_side.side = "client";
  AnalysisOptions server_side;
  server_side.side = "server";
  // memory_source reads in place: the bytes must outlive the readers.
  const std::string same_client = make(true, 0x31);
  const std::string same_server = make(true, 0x31);
  auto a = CaptureReader::open(memory_source(same_client), "c.pcap");
  auto b = CaptureReader::open(memory_source(same_server), "s.pcap");
  ASSERT_TRUE(analyze_capture(*a, "c.pcap", client_side, ev));
  ASSERT_TRUE(analyze_capture(*b, "s.pcap", server_side, ev));
  match_captures(ev);
  ASSERT_EQ(ev.matches.size(), 1u);
  EXPECT_EQ(ev.matches[0].matched_by, "client random");
  EXPECT_TRUE(ev.matches[0].differences.empty());

  PcapEvidence mb;
  const std::string proxied_client = make(false, 0x41);
  const std::string proxied_server = make(true, 0x42);
  auto c = CaptureReader::open(memory_source(proxied_client), "c.pcap");
  auto d = CaptureReader::open(memory_source(proxied_server), "s.pcap");
  ASSERT_TRUE(analyze_capture(*c, "c.pcap", client_side, mb));
  ASSERT_TRUE(analyze_capture(*d, "s.pcap", server_side, mb));
  match_captures(mb);
  ASSERT_EQ(mb.matches.size(), 1u);
  EXPECT_EQ(mb.matches[0].matched_by, "5-tuple and time");
  ASSERT_EQ(mb.matches[0].differences.size(), 2u);
  EXPECT_NE(mb.matches[0].differences[1].find("CertificateRequest: none on the client side, handshake on the server side"),
            std::string::npos);
}

TEST(PcapAnalysis, UnrelatedCapturesAreNotCompared) {
  // Different ports on both ends and different randoms: no connection is in both captures, so
  // there is nothing to compare (and no difference to report).
  const auto make = [](unsigned client_port, unsigned server_port, char random, bool request) {
    Conversation c;
    c.e.client_port = client_port;
    c.e.server_port = server_port;
    c.syn();
    Hello h;
    h.random_byte = random;
    c.send(true, record(22, client_hello(h), 0x0301));
    c.send(false, tls12_server_flight(request, {der_name_cn("Issuing CA")}));
    c.fin();
    return pcap_file(c.packets);
  };
  AnalysisOptions client_side;
  client_side.side = "client";
  AnalysisOptions server_side;
  server_side.side = "server";
  const std::string one = make(60250, 57889, 0x51, false);
  const std::string two = make(42374, 46407, 0x52, true);
  auto a = CaptureReader::open(memory_source(one), "a.pcap");
  auto b = CaptureReader::open(memory_source(two), "b.pcap");
  PcapEvidence ev;
  ASSERT_TRUE(analyze_capture(*a, "a.pcap", client_side, ev));
  ASSERT_TRUE(analyze_capture(*b, "b.pcap", server_side, ev));
  match_captures(ev);
  EXPECT_TRUE(ev.matches.empty());
  ASSERT_FALSE(ev.notes.empty());
  EXPECT_NE(ev.notes.back().find("the two captures share no connection"), std::string::npos) << ev.notes.back();
}

}  // namespace
}  // namespace mtls::capture

namespace mtls::capture {
namespace {

TEST(PcapAnalysis, DetailLimitKeepsCountsAndOnlyWholeSummaries) {
  // Three interleaved connections, detail limit 2: the third is counted, never half-reported.
  std::vector<Packet> all;
  for (unsigned i = 0; i < 3; ++i) {
    Conversation c;
    c.e.client_port = 50000 + i;
    c.syn();
    c.send(true, record(22, client_hello({}), 0x0301));
    c.send(false, tls12_server_flight(true, {der_name_cn("CA")}));
    if (i == 0) {
      all.insert(all.end(), c.packets.begin(), c.packets.end());
      continue;
    }
    c.fin();  // connections 2 and 3 close before connection 1
    all.insert(all.end(), c.packets.begin(), c.packets.end());
  }
  AnalysisOptions options;
  options.max_connections = 2;
  const PcapEvidence ev = analyze(pcap_file(all), options);
  EXPECT_EQ(ev.tls_connections, 3u);
  EXPECT_EQ(ev.certificate_requests, 3u);
  ASSERT_EQ(ev.connections.size(), 2u);
  for (const PcapConnection& k : ev.connections) EXPECT_EQ(k.ca_names, std::vector<std::string>{"CN=CA"});
  EXPECT_EQ(ev.undetailed_connections, 1u);
  EXPECT_TRUE(ev.notes.empty());  // a limit of the report, not a problem of the capture
}


TEST(PcapAnalysis, CountedOnlyConnectionsReadTheServerFlightWhateverItsShape) {
  // Past the detail limit a connection is read only up to ServerHelloDone (TLS 1.2) or the
  // ServerHello (TLS 1.3). The count must not depend on how the flight is cut into segments or
  // records, nor be fooled by a resumed handshake or a TLS 1.3 connection.
  std::vector<Packet> all;
  const auto add = [&](Conversation& c) { all.insert(all.end(), c.packets.begin(), c.packets.end()); };
  {
    Conversation c;  // TLS 1.2, flight in 7-byte segments, then the rest of the connection
    c.e.client_port = 50001;
    c.syn();
    c.send(true, record(22, client_hello({}), 0x0301));
    c.send(false, tls12_server_flight(true, {der_name_cn("CA")}), 7);
    c.send(true, client_second_flight(certificate12({})));
    c.send(false, server_finish());
    c.fin();
    add(c);
  }
  {
    Conversation c;  // TLS 1.2, one record per message, the request in the last record but one
    c.e.client_port = 50002;
    c.syn();
    c.send(true, record(22, client_hello({}), 0x0301));
    c.send(false, record(22, server_hello(0x0303)) + record(22, certificate12({"x"})) +
                      record(22, certificate_request12({der_name_cn("CA")})) + record(22, handshake(14, "")));
    c.fin();
    add(c);
  }
  {
    Conversation c;  // TLS 1.3: the request is encrypted, nothing to count
    c.e.client_port = 50003;
    c.syn();
    c.send(true, record(22, client_hello({}), 0x0301));
    c.send(false, record(22, server_hello(0x0304)) + record(23, std::string(300, 'e')));
    c.fin();
    add(c);
  }
  {
    Conversation c;  // resumed TLS 1.2: ServerHello, ChangeCipherSpec, Finished; no request
    c.e.client_port = 50004;
    c.syn();
    c.send(true, record(22, client_hello({}), 0x0301));
    c.send(false, record(22, server_hello(0x0303)) + server_finish());
    c.fin();
    add(c);
  }
  AnalysisOptions options;
  options.max_connections = 0;
  const PcapEvidence ev = analyze(pcap_file(all), options);
  EXPECT_EQ(ev.tls_connections, 4u);
  EXPECT_EQ(ev.certificate_requests, 2u);
  EXPECT_TRUE(ev.connections.empty());
}

}  // namespace
}  // namespace mtls::capture
