// SPDX-License-Identifier: Apache-2.0
#include "capture/pcap_analysis.h"

#include <algorithm>
#include <fmt/format.h>
#include <map>
#include <memory>
#include <unordered_map>

#include "capture/connection.h"
#include "capture/flow_table.h"

namespace mtls::capture {

Expected<Done> analyze_capture(CaptureReader& reader, const std::string& file, const AnalysisOptions& options,
                               PcapEvidence& evidence) {
  const std::uint64_t tls_before = evidence.tls_connections;  // evidence may already hold another file
  Shared shared;
  shared.file = file;
  shared.evidence = &evidence;
  shared.max_detailed = options.max_connections;
  shared.keylog = options.keylog;
  std::unordered_map<std::pair<Endpoint, Endpoint>, std::unique_ptr<Connection>, EndpointPairHash> open;
  std::vector<PcapConnection> done;
  std::map<std::uint32_t, std::uint64_t> unsupported_links;
  std::uint64_t fragments = 0;
  std::uint64_t malformed = 0;
  std::uint64_t first_malformed = 0;

  // Closed connections' storage is reused: a big capture opens one connection every few frames,
  // and a fresh heap object each time was a tenth of the run time.
  std::vector<std::unique_ptr<Connection>> spare;
  const auto make = [&](const Endpoint& client, const Endpoint& server) {
    if (spare.empty()) return std::make_unique<Connection>(shared, client, server);
    std::unique_ptr<Connection> c = std::move(spare.back());
    spare.pop_back();
    std::destroy_at(c.get());
    std::construct_at(c.get(), shared, client, server);
    return c;
  };
  const auto close = [&](auto it) {
    if (it->second->is_tls()) {
      ++evidence.tls_connections;
      // Beyond the detail limit a connection is only counted: no summary is built at all. (Detail
      // is decided when a connection starts; connections close in another order.)
      if (it->second->detailed()) done.push_back(it->second->finish());
    }
    if (spare.size() < 64) spare.push_back(std::move(it->second));
    open.erase(it);
  };

  CaptureFrame frame;
  TcpSegment seg;
  while (reader.next(frame)) {
    switch (decode_tcp(frame.link_type, frame.data, seg)) {
      case DecodeStatus::tcp: break;
      case DecodeStatus::unsupported_link: ++unsupported_links[frame.link_type]; continue;
      case DecodeStatus::ip_fragment: ++fragments; continue;
      case DecodeStatus::malformed:
        if (malformed++ == 0) first_malformed = frame.number;
        continue;
      case DecodeStatus::not_tcp: continue;
    }
    if (options.port && seg.source.port != *options.port && seg.destination.port != *options.port) continue;
    const auto key = flow_key(seg);
    auto it = open.find(key);
    if (it != open.end() && (seg.flags & tcp_syn) && !(seg.flags & tcp_ack) && it->second->closed()) {
      close(it);  // the 4-tuple is reused by a new connection
      it = open.end();
    }
    if (it == open.end()) {
      // Who is the client: the SYN's sender; the side of --port is the server; else whoever speaks a
      // ClientHello first. A stream seen from its middle without any of these is skipped.
      const bool syn = (seg.flags & tcp_syn) != 0;
      const bool ack = (seg.flags & tcp_ack) != 0;
      // A bare ACK or FIN after a connection closed starts nothing (and must not hold memory).
      if (!syn && seg.payload.empty()) continue;
      std::optional<bool> source_is_client;
      if (options.port) {
        source_is_client = seg.destination.port == *options.port;
      } else if (syn) {
        source_is_client = !ack;
      } else if (looks_like_client_hello(seg.payload)) {
        source_is_client = true;
      }
      if (!source_is_client) continue;
      auto conn = *source_is_client ? make(seg.source, seg.destination) : make(seg.destination, seg.source);
      it = open.emplace(key, std::move(conn)).first;
    }
    it->second->segment(seg, frame.number, frame.time_ns);
    if (seg.flags & tcp_rst) {
      close(it);
    } else if (it->second->closed()) {
      // Both FINs seen; late ACKs re-create nothing (they carry no payload and no SYN).
      close(it);
    }
  }
  for (auto it = open.begin(); it != open.end(); it = open.begin()) close(it);

  evidence.frames += reader.frames();
  if (const auto& p = reader.problem()) {
    if (reader.frames() == 0) return unexpected(p->message, p->where);
    evidence.notes.push_back(fmt::format("{}: {}; the frames before it were analysed", p->where, p->message));
  }
  if (reader.frames() == 0) evidence.notes.push_back(fmt::format("{}: no frames", file));
  for (const auto& [link, count] : unsupported_links) {
    evidence.notes.push_back(fmt::format("{}: {} frame(s) with link type {} skipped (not supported)", file, count,
                                         link_type_name(link)));
  }
  if (fragments) evidence.notes.push_back(fmt::format("{}: {} IP fragment(s) skipped (not reassembled)", file, fragments));
  if (malformed) {
    evidence.notes.push_back(
        fmt::format("{}: {} malformed frame(s) skipped, the first is frame {}", file, malformed, first_malformed));
  }
  const std::uint64_t tls_here = evidence.tls_connections - tls_before;
  evidence.undetailed_connections += tls_here - done.size();
  std::sort(done.begin(), done.end(),
            [](const PcapConnection& a, const PcapConnection& b) { return a.first_frame < b.first_frame; });
  int number = 0;
  for (PcapConnection& c : done) {
    c.number = ++number;
    c.side = options.side;
    evidence.connections.push_back(std::move(c));
  }
  return Done{};
}

Expected<Done> analyze_capture_file(const std::string& path, const AnalysisOptions& options, PcapEvidence& evidence,
                                    const std::string& display) {
  const std::string& name = display.empty() ? path : display;
  auto reader = open_capture_file(path, name);
  if (!reader) return unexpected(reader.error());
  evidence.files.push_back(name);
  return analyze_capture(*reader, name, options, evidence);
}

}  // namespace mtls::capture
