// SPDX-License-Identifier: Apache-2.0
// The TLS record layer and handshake message parsers on arbitrary bytes: the first byte picks how
// the rest is cut into pieces (records split across segments), every complete message goes through
// the message parsers for both TLS 1.2 and 1.3 layouts.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "capture/tls_handshake_parser.h"

namespace {

using namespace mtls::capture;

struct Events final : TlsEvents {
  TlsRecordParser* parser = nullptr;
  void on_handshake(std::uint8_t type, std::string_view body, std::uint64_t) override {
    switch (type) {
      case hs_client_hello: (void)parse_client_hello(body); break;
      case hs_server_hello: {
        auto sh = parse_server_hello(body);
        if (sh && sh->version == 0x0304) parser->set_encrypted();
        break;
      }
      case hs_certificate:
        (void)parse_certificate(body, false);
        (void)parse_certificate(body, true);
        break;
      case hs_certificate_request:
        (void)parse_certificate_request(body, false);
        (void)parse_certificate_request(body, true);
        break;
      default: break;
    }
  }
  void on_alert(std::uint8_t, std::uint8_t, std::uint64_t) override {}
  void on_change_cipher_spec(std::uint64_t) override { parser->set_encrypted(); }
  void on_encrypted_record(std::uint8_t, std::string_view, std::uint64_t) override {}
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::size_t piece = 1 + data[0] % 64;
  std::string_view bytes(reinterpret_cast<const char*>(data + 1), size - 1);
  TlsRecordParser parser;
  Events events;
  events.parser = &parser;
  std::uint64_t frame = 1;
  while (!bytes.empty()) {
    const std::size_t n = data[0] & 0x80 ? bytes.size() : std::min(piece, bytes.size());
    parser.feed(bytes.substr(0, n), frame++, events);
    bytes.remove_prefix(n);
  }
  return 0;
}
