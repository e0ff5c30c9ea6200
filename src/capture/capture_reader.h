// SPDX-License-Identifier: Apache-2.0
// pcap and pcapng files, frame by frame, with bounded memory.
//
// Our own reader rather than libpcap's: libpcap 1.10 refuses a pcapng file whose interfaces have
// different link types ("an interface has a type 276 different from the type of the first
// interface"), which is exactly what `dumpcap -i lo -i eth0` or mergecap produce, and it cannot be
// fed from memory for fuzzing. Formats: pcap (tcpdump.org/linktypes, draft-ietf-opsawg-pcap) with
// microsecond or nanosecond magic in either byte order; pcapng (draft-ietf-opsawg-pcapng) with any
// number of sections and interfaces, Enhanced, Simple and obsolete Packet Blocks, if_tsresol.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/expected.h"

namespace mtls::capture {

/// LINKTYPE_* values (tcpdump.org/linktypes.html) the decoder understands.
enum LinkType : std::uint32_t {
  link_null = 0,         ///< BSD loopback, AF in host byte order of the capturing machine
  link_ethernet = 1,
  link_raw_old = 12,     ///< raw IP on some BSDs (DLT_RAW)
  link_raw_old2 = 14,
  link_raw = 101,
  link_loop = 108,       ///< OpenBSD loopback, AF in network byte order
  link_linux_sll = 113,
  link_ipv4 = 228,
  link_ipv6 = 229,
  link_linux_sll2 = 276,
};

/// "EN10MB", "LINUX_SLL2", ... (libpcap's names), or the number (link_type_names.cpp).
std::string link_type_name(std::uint32_t link_type);
/// Every (LINKTYPE value, name) pair link_type_name() knows.
std::span<const std::pair<std::uint32_t, std::string_view>> link_type_names();

struct CaptureFrame {
  std::uint64_t number = 0;     ///< 1-based, as Wireshark numbers frames
  std::int64_t time_ns = 0;     ///< since the Unix epoch
  std::uint32_t link_type = 0;
  std::uint32_t interface = 0;  ///< pcapng interface id within its section (0 for pcap)
  std::uint32_t original_length = 0;
  std::string_view data;        ///< captured bytes; valid until the next call to next()
};

/// Where the bytes come from: a file, or memory (tests, fuzzing).
class ByteSource {
 public:
  virtual ~ByteSource() = default;
  /// Up to `size` bytes into `out`; 0 at the end.
  virtual std::size_t read(char* out, std::size_t size) = 0;
  /// All the bytes at once when they are already in memory (a buffer, a mapped file): the reader
  /// then works on them in place instead of copying through read().
  virtual std::optional<std::string_view> whole() { return std::nullopt; }
  /// The reader no longer needs bytes before `offset` (a mapped file releases those pages).
  virtual void release_before(std::size_t /*offset*/) {}
};

std::unique_ptr<ByteSource> memory_source(std::string_view bytes);

class CaptureReader {
 public:
  /// A mapped file is told every this many bytes how far the reader has come (it drops the
  /// pages behind and maps the ones ahead), so resident memory stays near a few windows.
  static constexpr std::size_t release_window = std::size_t{16} << 20;

  /// Reads the file header; fails when the bytes are not a pcap or pcapng file.
  static Expected<CaptureReader> open(std::unique_ptr<ByteSource> source, std::string name);

  /// The next frame, or false at the end or at the first unreadable block (then problem() says
  /// what and at which frame; everything before it stays usable).
  bool next(CaptureFrame& frame);

  [[nodiscard]] const std::optional<Error>& problem() const { return problem_; }
  [[nodiscard]] std::string_view format() const { return pcapng_ ? "pcapng" : "pcap"; }
  [[nodiscard]] std::uint64_t frames() const { return frame_number_; }
  /// Blocks of other kinds skipped (name resolution, statistics, ...), and sections seen.
  [[nodiscard]] std::uint64_t sections() const { return sections_; }
  [[nodiscard]] std::uint64_t interfaces_seen() const { return interfaces_total_; }

  /// Upper bound for one block or record: bigger ones mean a damaged file.
  static constexpr std::size_t max_block = 16u << 20;

 private:
  struct Interface {
    std::uint32_t link_type = 0;
    std::uint32_t snaplen = 0;
    std::uint64_t ticks_per_second = 1'000'000;
  };

  CaptureReader(std::unique_ptr<ByteSource> source, std::string name);
  bool ensure(std::size_t n);  ///< make n bytes available at pos_
  [[nodiscard]] const char* base() const { return direct_ ? whole_.data() : buffer_.data(); }
  std::uint16_t u16(std::size_t at) const;
  std::uint32_t u32(std::size_t at) const;
  bool fail(std::string message);
  bool next_pcap(CaptureFrame& frame);
  bool next_pcapng(CaptureFrame& frame);
  bool read_section_header(std::size_t length);
  void read_interface(std::size_t body, std::size_t length);

  std::unique_ptr<ByteSource> source_;
  std::string name_;
  std::vector<char> buffer_;
  std::string_view whole_;  ///< direct_: the source's bytes, read in place
  bool direct_ = false;
  std::size_t released_ = 0;
  std::size_t pos_ = 0;
  std::size_t end_ = 0;
  bool eof_ = false;
  bool pcapng_ = false;
  bool swapped_ = false;
  std::uint64_t pcap_ticks_ = 1'000'000;
  std::uint32_t pcap_link_ = 0;
  std::vector<Interface> interfaces_;
  std::uint64_t frame_number_ = 0;
  std::uint64_t sections_ = 0;
  std::uint64_t interfaces_total_ = 0;
  std::size_t consumed_ = 0;  ///< bytes of the current block to drop on the next call
  std::optional<Error> problem_;
};

/// Open a file: mapped read-only and read in place, pages released behind the reader (memory stays
/// bounded whatever its size); buffered reads when it cannot be mapped (a pipe). `shown` names it
/// in errors and frame places (default: path).
Expected<CaptureReader> open_capture_file(const std::string& path, std::string_view shown = {});

}  // namespace mtls::capture
