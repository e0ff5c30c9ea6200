// SPDX-License-Identifier: Apache-2.0
// Builds captures byte by byte: TLS records and handshake messages, Ethernet/SLL/raw frames with
// IPv4/IPv6 and TCP, pcap and pcapng files. For unit tests, fuzz seeds and the benchmark
// generator; header-only, nothing here is used by the tool itself.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace mtls::capture::build {

inline void put8(std::string& s, unsigned v) { s += static_cast<char>(v & 0xFF); }
inline void put16(std::string& s, unsigned v) { put8(s, v >> 8); put8(s, v); }
inline void put24(std::string& s, unsigned v) { put8(s, v >> 16); put16(s, v & 0xFFFF); }
inline void put32(std::string& s, std::uint32_t v) { put16(s, v >> 16); put16(s, v & 0xFFFF); }
inline void le16(std::string& s, unsigned v) { put8(s, v); put8(s, v >> 8); }
inline void le32(std::string& s, std::uint32_t v) { le16(s, v & 0xFFFF); le16(s, v >> 16); }

inline std::string vec8(std::string_view b) { std::string s; put8(s, static_cast<unsigned>(b.size())); return s + std::string(b); }
inline std::string vec16(std::string_view b) { std::string s; put16(s, static_cast<unsigned>(b.size())); return s + std::string(b); }
inline std::string vec24(std::string_view b) { std::string s; put24(s, static_cast<unsigned>(b.size())); return s + std::string(b); }

inline std::string record(unsigned type, std::string_view body, unsigned version = 0x0303) {
  std::string s;
  put8(s, type);
  put16(s, version);
  return s + vec16(body);
}
inline std::string handshake(unsigned type, std::string_view body) {
  std::string s;
  put8(s, type);
  return s + vec24(body);
}
inline std::string extension(unsigned type, std::string_view data) {
  std::string s;
  put16(s, type);
  return s + vec16(data);
}

/// A DER Name with one CN (UTF8String), e.g. for certificate_authorities.
inline std::string der_name_cn(std::string_view cn) {
  std::string atv = std::string("\x06\x03\x55\x04\x03", 5) + "\x0C" + static_cast<char>(cn.size()) + std::string(cn);
  std::string seq = "\x30" + std::string(1, static_cast<char>(atv.size())) + atv;
  std::string set = "\x31" + std::string(1, static_cast<char>(seq.size())) + seq;
  return "\x30" + std::string(1, static_cast<char>(set.size())) + set;
}

struct Hello {
  std::string sni = "app.example";
  std::vector<std::string> alpn{"h2", "http/1.1"};
  std::vector<unsigned> versions{0x0304, 0x0303};
  bool pha = false;
  char random_byte = 0x11;
};

inline std::string client_hello(const Hello& h) {
  std::string b;
  put16(b, 0x0303);
  b += std::string(32, h.random_byte);
  b += vec8("");
  b += vec16(std::string("\xC0\x2F\x13\x01", 4));
  b += vec8(std::string(1, '\0'));
  std::string exts;
  if (!h.sni.empty()) exts += extension(0, vec16(std::string(1, '\0') + vec16(h.sni)));
  if (!h.alpn.empty()) {
    std::string list;
    for (const auto& p : h.alpn) list += vec8(p);
    exts += extension(16, vec16(list));
  }
  if (!h.versions.empty()) {
    std::string list;
    for (unsigned v : h.versions) put16(list, v);
    exts += extension(43, vec8(list));
  }
  if (h.pha) exts += extension(49, "");
  b += vec16(exts);
  return handshake(1, b);
}

inline std::string server_hello(unsigned version, std::string_view alpn = "", char random_byte = 0x22) {
  std::string b;
  put16(b, 0x0303);
  b += std::string(32, random_byte);
  b += vec8("");
  put16(b, version == 0x0304 ? 0x1301 : 0xC02F);
  put8(b, 0);
  std::string exts;
  if (version == 0x0304) {
    std::string v;
    put16(v, 0x0304);
    exts += extension(43, v);
  }
  if (!alpn.empty()) exts += extension(16, vec16(vec8(alpn)));
  b += vec16(exts);
  return handshake(2, b);
}

/// TLS 1.2 CertificateRequest (RFC 5246 §7.4.4).
inline std::string certificate_request12(const std::vector<std::string>& ca_ders,
                                         std::string_view types = std::string_view("\x01\x40", 2)) {
  std::string b = vec8(types);
  b += vec16(std::string("\x04\x03\x08\x04", 4));
  std::string cas;
  for (const auto& der : ca_ders) cas += vec16(der);
  b += vec16(cas);
  return handshake(13, b);
}

inline std::string certificate12(const std::vector<std::string>& ders) {
  std::string list;
  for (const auto& d : ders) list += vec24(d);
  return handshake(11, vec24(list));
}

struct Endpoints {
  std::string client_ip = std::string("\x0A\x00\x00\x02", 4);  ///< 4 bytes (IPv4) or 16 (IPv6)
  std::string server_ip = std::string("\x0A\x00\x00\x05", 4);
  unsigned client_port = 50123;
  unsigned server_port = 443;
};

/// IP + TCP (no link layer). `from_client` picks the direction.
inline std::string ip_tcp(const Endpoints& e, bool from_client, std::uint32_t seq, unsigned flags,
                          std::string_view payload) {
  std::string tcp;
  put16(tcp, from_client ? e.client_port : e.server_port);
  put16(tcp, from_client ? e.server_port : e.client_port);
  put32(tcp, seq);
  put32(tcp, 0);
  put8(tcp, 5 << 4);
  put8(tcp, flags);
  put16(tcp, 65535);
  put16(tcp, 0);
  put16(tcp, 0);
  tcp += payload;
  const std::string& src = from_client ? e.client_ip : e.server_ip;
  const std::string& dst = from_client ? e.server_ip : e.client_ip;
  std::string ip;
  if (src.size() == 4) {
    put8(ip, 0x45);
    put8(ip, 0);
    put16(ip, static_cast<unsigned>(20 + tcp.size()));
    put32(ip, 0x00004000);  // id 0, DF
    put8(ip, 64);
    put8(ip, 6);
    put16(ip, 0);
    ip += src + dst;
  } else {
    put32(ip, 0x60000000);
    put16(ip, static_cast<unsigned>(tcp.size()));
    put8(ip, 6);
    put8(ip, 64);
    ip += src + dst;
  }
  return ip + tcp;
}

inline std::string ethernet(std::string_view ip, bool v6, int vlans = 0) {
  std::string f(12, '\0');
  f[5] = 1;
  f[11] = 2;
  for (int i = 0; i < vlans; ++i) {
    put16(f, 0x8100);
    put16(f, 100 + static_cast<unsigned>(i));
  }
  put16(f, v6 ? 0x86DD : 0x0800);
  return f + std::string(ip);
}

struct Packet {
  std::string data;
  std::uint32_t link_type = 1;
  std::uint64_t time_us = 1'700'000'000'000'000;
  std::uint32_t interface = 0;
};

inline std::string pcap_file(const std::vector<Packet>& packets, std::uint32_t link_type = 1) {
  std::string f;
  le32(f, 0xA1B2C3D4);
  le16(f, 2);
  le16(f, 4);
  le32(f, 0);
  le32(f, 0);
  le32(f, 262144);
  le32(f, link_type);
  for (const Packet& p : packets) {
    le32(f, static_cast<std::uint32_t>(p.time_us / 1'000'000));
    le32(f, static_cast<std::uint32_t>(p.time_us % 1'000'000));
    le32(f, static_cast<std::uint32_t>(p.data.size()));
    le32(f, static_cast<std::uint32_t>(p.data.size()));
    f += p.data;
  }
  return f;
}

inline void pcapng_block(std::string& f, std::uint32_t type, std::string body) {
  while (body.size() % 4) body += '\0';
  le32(f, type);
  le32(f, static_cast<std::uint32_t>(body.size() + 12));
  f += body;
  le32(f, static_cast<std::uint32_t>(body.size() + 12));
}

inline void pcapng_section(std::string& f) {
  std::string b;
  le32(b, 0x1A2B3C4D);
  le16(b, 1);
  le16(b, 0);
  le32(b, 0xFFFFFFFF);
  le32(b, 0xFFFFFFFF);
  pcapng_block(f, 0x0A0D0D0A, b);
}

/// `tsresol` 6 = microseconds (the default), 9 = nanoseconds.
inline void pcapng_interface(std::string& f, std::uint32_t link_type, int tsresol = 6) {
  std::string b;
  le16(b, link_type);
  le16(b, 0);
  le32(b, 262144);
  if (tsresol != 6) {
    le16(b, 9);
    le16(b, 1);
    b += static_cast<char>(tsresol);
    b += std::string(3, '\0');
    le32(b, 0);  // opt_endofopt
  }
  pcapng_block(f, 1, b);
}

inline void pcapng_packet(std::string& f, const Packet& p, int tsresol = 6) {
  std::uint64_t ts = p.time_us;
  for (int i = 6; i < tsresol; ++i) ts *= 10;
  std::string b;
  le32(b, p.interface);
  le32(b, static_cast<std::uint32_t>(ts >> 32));
  le32(b, static_cast<std::uint32_t>(ts));
  le32(b, static_cast<std::uint32_t>(p.data.size()));
  le32(b, static_cast<std::uint32_t>(p.data.size()));
  b += p.data;
  pcapng_block(f, 6, b);
}

}  // namespace mtls::capture::build
