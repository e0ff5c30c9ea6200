// SPDX-License-Identifier: Apache-2.0
#include "capture/capture_reader.h"

#include <algorithm>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <condition_variable>
#include <cstdio>
#include <cstring>
#include <fmt/format.h>
#include <mutex>
#include <thread>

#include "core/input_file.h"

namespace mtls::capture {
namespace {

constexpr std::uint32_t pcap_magic_us = 0xA1B2C3D4;
constexpr std::uint32_t pcap_magic_ns = 0xA1B23C4D;
constexpr std::uint32_t pcapng_shb = 0x0A0D0D0A;
constexpr std::uint32_t pcapng_byte_order = 0x1A2B3C4D;

std::uint32_t bswap32(std::uint32_t v) {
  return ((v & 0xFF) << 24) | ((v & 0xFF00) << 8) | ((v >> 8) & 0xFF00) | (v >> 24);
}

class MemorySource final : public ByteSource {
 public:
  explicit MemorySource(std::string_view bytes) : bytes_(bytes) {}
  std::size_t read(char* out, std::size_t size) override {
    const std::size_t n = std::min(size, bytes_.size());
    std::memcpy(out, bytes_.data(), n);
    bytes_.remove_prefix(n);
    return n;
  }
  std::optional<std::string_view> whole() override { return bytes_; }

 private:
  std::string_view bytes_;
};

class FileSource final : public ByteSource {
 public:
  explicit FileSource(std::FILE* f) : file_(f) {}
  ~FileSource() override { std::fclose(file_); }
  FileSource(const FileSource&) = delete;
  FileSource& operator=(const FileSource&) = delete;
  std::size_t read(char* out, std::size_t size) override { return std::fread(out, 1, size, file_); }

 private:
  std::FILE* file_;
};

/// A read-only mapping read front to back, with a helper thread that maps the next windows ahead
/// of the reader and drops the pages behind it. Mapping is the dearest part of reading a big
/// capture on Linux (a page fault per few pages, then unmapping): done on the other core, the
/// reader finds its pages present. Resident memory stays near `ahead` windows. Correctness never
/// depends on the helper: a page it has not mapped yet, or has dropped, faults in as usual.
class MappedFile final : public ByteSource {
 public:
  MappedFile(void* data, std::size_t size) : data_(static_cast<char*>(data)), size_(size) {
    ::madvise(data_, size_, MADV_SEQUENTIAL);
    if (size_ > window) helper_ = std::thread([this] { run(); });
  }
  ~MappedFile() override {
    {
      std::lock_guard lock(mutex_);
      stop_ = true;
    }
    wake_.notify_all();
    if (helper_.joinable()) helper_.join();
    ::munmap(data_, size_);
  }
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;
  std::size_t read(char*, std::size_t) override { return 0; }
  std::optional<std::string_view> whole() override { return std::string_view(data_, size_); }
  void release_before(std::size_t offset) override {
    if (!helper_.joinable()) return;
    {
      std::lock_guard lock(mutex_);
      reader_ = offset;
    }
    wake_.notify_one();
  }

 private:
  static constexpr std::size_t window = CaptureReader::release_window;
  static constexpr std::size_t ahead = 2;

  void run() {
    const std::size_t page = static_cast<std::size_t>(::sysconf(_SC_PAGESIZE));
    std::size_t mapped = 0;    // [0, mapped) has been mapped ahead
    std::size_t released = 0;  // [0, released) has been dropped
    std::unique_lock lock(mutex_);
    for (;;) {
      wake_.wait(lock, [&] {
        return stop_ || (mapped < size_ && mapped < reader_ + ahead * window) || reader_ / page * page > released;
      });
      if (stop_) return;
      const std::size_t release_to = reader_ / page * page;
      const std::size_t map_from = std::max(mapped, release_to);
      const std::size_t map_to = std::min(size_, reader_ + ahead * window);
      lock.unlock();
      // Pages already read are dropped from this process (file-backed, read-only: nothing is
      // lost), so resident memory does not grow with the file.
      if (release_to > released) ::madvise(data_ + released, release_to - released, MADV_DONTNEED);
      if (map_to > map_from) populate(data_ + map_from, map_to - map_from, page);
      lock.lock();
      released = std::max(released, release_to);
      mapped = std::max(mapped, map_to);
    }
  }

  static void populate(const char* from, std::size_t length, std::size_t page) {
#ifdef MADV_POPULATE_READ
    // Linux 5.14: map the range in one call.
    if (::madvise(const_cast<char*>(from), length, MADV_POPULATE_READ) == 0) return;
#endif
    // Older kernels: touch a byte per page.
    volatile char sink = 0;
    for (std::size_t at = 0; at < length; at += page) sink = from[at];
    (void)sink;
  }

  char* data_;
  std::size_t size_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::size_t reader_ = 0;  // guarded by mutex_
  bool stop_ = false;       // guarded by mutex_
  std::thread helper_;      // last: started once everything above exists
};

}  // namespace

std::unique_ptr<ByteSource> memory_source(std::string_view bytes) {
  return std::make_unique<MemorySource>(bytes);
}

CaptureReader::CaptureReader(std::unique_ptr<ByteSource> source, std::string name)
    : source_(std::move(source)), name_(std::move(name)) {
  if (auto all = source_->whole()) {
    whole_ = *all;
    direct_ = true;
    end_ = whole_.size();
    eof_ = true;
  }
}

bool CaptureReader::ensure(std::size_t n) {
  if (end_ - pos_ >= n) return true;
  if (direct_) return false;
  if (n > max_block + 64) return false;
  if (pos_ > 0) {
    std::memmove(buffer_.data(), buffer_.data() + pos_, end_ - pos_);
    end_ -= pos_;
    pos_ = 0;
  }
  // Read ahead in big chunks: the common case is many small frames.
  const std::size_t want = std::max<std::size_t>(n, 1u << 20);
  if (buffer_.size() < want) buffer_.resize(want);
  while (end_ < n && !eof_) {
    const std::size_t got = source_->read(buffer_.data() + end_, buffer_.size() - end_);
    if (got == 0) eof_ = true;
    end_ += got;
  }
  return end_ - pos_ >= n;
}

std::uint16_t CaptureReader::u16(std::size_t at) const {
  const auto* p = reinterpret_cast<const unsigned char*>(base() + pos_ + at);
  return swapped_ ? static_cast<std::uint16_t>(p[0] << 8 | p[1]) : static_cast<std::uint16_t>(p[1] << 8 | p[0]);
}

std::uint32_t CaptureReader::u32(std::size_t at) const {
  const auto* p = reinterpret_cast<const unsigned char*>(base() + pos_ + at);
  const std::uint32_t little = p[0] | p[1] << 8 | p[2] << 16 | static_cast<std::uint32_t>(p[3]) << 24;
  return swapped_ ? bswap32(little) : little;
}

bool CaptureReader::fail(std::string message) {
  problem_ = Error{std::move(message), fmt::format("{} frame {}", name_, frame_number_ + 1)};
  return false;
}

Expected<CaptureReader> CaptureReader::open(std::unique_ptr<ByteSource> source, std::string name) {
  CaptureReader r(std::move(source), std::move(name));
  if (!r.ensure(24)) return unexpected(file_error(r.name_, "not a pcap or pcapng file", "too short: fewer than 24 bytes"));
  std::uint32_t magic = r.u32(0);
  if (magic == pcapng_shb) {
    r.pcapng_ = true;
    // The byte-order magic decides; the block length is read again once it is known.
    if (!r.read_section_header(0)) return unexpected(file_error(r.name_, r.problem_->message));
    return r;
  }
  if (magic == bswap32(pcap_magic_us) || magic == bswap32(pcap_magic_ns)) {
    r.swapped_ = true;
    magic = bswap32(magic);
  }
  if (magic != pcap_magic_us && magic != pcap_magic_ns) {
    return unexpected(file_error(r.name_, "not a pcap or pcapng file", "unknown magic number"));
  }
  r.pcap_ticks_ = magic == pcap_magic_ns ? 1'000'000'000 : 1'000'000;
  // The link-type field's upper bits carry the FCS length (pcap format, "LinkType and additional
  // information"); only the lower 16 bits are the link type.
  r.pcap_link_ = r.u32(20) & 0xFFFF;
  r.pos_ += 24;
  r.sections_ = 1;
  r.interfaces_total_ = 1;
  return r;
}

bool CaptureReader::next(CaptureFrame& frame) {
  if (problem_) return false;
  pos_ += consumed_;
  consumed_ = 0;
  if (direct_ && pos_ - released_ >= release_window) {
    source_->release_before(pos_);
    released_ = pos_;
  }
  return pcapng_ ? next_pcapng(frame) : next_pcap(frame);
}

bool CaptureReader::next_pcap(CaptureFrame& frame) {
  if (!ensure(16)) {
    if (end_ != pos_) return fail(fmt::format("truncated record header ({} bytes left)", end_ - pos_));
    return false;
  }
  const std::uint32_t sec = u32(0);
  const std::uint32_t frac = u32(4);
  const std::uint32_t caplen = u32(8);
  const std::uint32_t len = u32(12);
  if (caplen > max_block) return fail(fmt::format("record length {} is not plausible", caplen));
  if (!ensure(16 + std::size_t{caplen})) {
    return fail(fmt::format("truncated record: {} of {} bytes present", end_ - pos_ - 16, caplen));
  }
  frame.number = ++frame_number_;
  frame.time_ns = static_cast<std::int64_t>(sec) * 1'000'000'000 +
                  static_cast<std::int64_t>(frac) * static_cast<std::int64_t>(1'000'000'000 / pcap_ticks_);
  frame.link_type = pcap_link_;
  frame.interface = 0;
  frame.original_length = len;
  frame.data = std::string_view(base() + pos_ + 16, caplen);
  consumed_ = 16 + caplen;
  return true;
}

bool CaptureReader::read_section_header(std::size_t) {
  if (!ensure(28)) return fail("truncated section header block");
  const auto* p = reinterpret_cast<const unsigned char*>(base() + pos_ + 8);
  const std::uint32_t bom_le = p[0] | p[1] << 8 | p[2] << 16 | static_cast<std::uint32_t>(p[3]) << 24;
  if (bom_le == pcapng_byte_order) {
    swapped_ = false;
  } else if (bom_le == bswap32(pcapng_byte_order)) {
    swapped_ = true;
  } else {
    return fail("section header block with an unknown byte-order magic");
  }
  const std::uint32_t length = u32(4);
  if (length < 28 || length % 4 != 0 || length > max_block) {
    return fail(fmt::format("section header block length {} is not valid", length));
  }
  if (u16(12) != 1) return fail(fmt::format("pcapng major version {} is not supported", u16(12)));
  if (!ensure(length)) return fail("truncated section header block");
  interfaces_.clear();  // interface ids are per section
  ++sections_;
  pos_ += length;
  return true;
}

void CaptureReader::read_interface(std::size_t body, std::size_t length) {
  Interface itf;
  itf.link_type = u16(body);
  itf.snaplen = u32(body + 4);
  // Options: if_tsresol (code 9) changes the timestamp unit (pcapng §4.2).
  std::size_t at = body + 8;
  while (at + 4 <= length - 4) {
    const std::uint16_t code = u16(at);
    const std::uint16_t olen = u16(at + 2);
    if (code == 0) break;
    if (at + 4 + olen > length - 4) break;
    if (code == 9 && olen >= 1) {
      const auto v = static_cast<unsigned char>(base()[pos_ + at + 4]);
      const unsigned exponent = v & 0x7F;
      std::uint64_t ticks = 1;
      const bool power_of_two = (v & 0x80) != 0;
      if ((power_of_two && exponent < 63) || (!power_of_two && exponent <= 19)) {
        for (unsigned i = 0; i < exponent; ++i) ticks *= power_of_two ? 2 : 10;
        itf.ticks_per_second = ticks;
      }
    }
    at += 4 + ((olen + 3u) & ~3u);
  }
  interfaces_.push_back(itf);
  ++interfaces_total_;
}

bool CaptureReader::next_pcapng(CaptureFrame& frame) {
  for (;;) {
    if (!ensure(12)) {
      if (end_ != pos_) return fail(fmt::format("truncated block header ({} bytes left)", end_ - pos_));
      return false;
    }
    const std::uint32_t type = u32(0);
    if (type == pcapng_shb) {
      if (!read_section_header(0)) return false;
      continue;
    }
    const std::uint32_t length = u32(4);
    if (length < 12 || length % 4 != 0 || length > max_block) {
      return fail(fmt::format("block of type 0x{:X} has an invalid length {}", type, length));
    }
    if (!ensure(length)) {
      return fail(fmt::format("truncated block of type 0x{:X}: {} of {} bytes present", type, end_ - pos_, length));
    }
    if (u32(length - 4) != length) {
      return fail(fmt::format("block of type 0x{:X}: trailing length {} differs from {}", type, u32(length - 4), length));
    }
    std::uint32_t itf_id = 0;
    std::uint64_t ts = 0;
    std::uint32_t caplen = 0;
    std::uint32_t origlen = 0;
    std::size_t data_at = 0;
    switch (type) {
      case 1:  // Interface Description Block
        if (length < 20) return fail("interface description block too short");
        read_interface(8, length);
        pos_ += length;
        continue;
      case 6:  // Enhanced Packet Block
      case 2:  // obsolete Packet Block
        if (length < 32) return fail("packet block too short");
        itf_id = type == 6 ? u32(8) : u16(8);
        ts = (static_cast<std::uint64_t>(u32(12)) << 32) | u32(16);
        caplen = u32(20);
        origlen = u32(24);
        data_at = 28;
        if (caplen > length - 32) return fail(fmt::format("packet length {} exceeds its block", caplen));
        break;
      case 3:  // Simple Packet Block: interface 0, no timestamp
        if (length < 16) return fail("simple packet block too short");
        origlen = u32(8);
        caplen = std::min<std::uint32_t>(origlen, length - 16);
        data_at = 12;
        break;
      default:  // name resolution, statistics, custom, journal...: not packets
        pos_ += length;
        continue;
    }
    if (itf_id >= interfaces_.size()) {
      return fail(fmt::format("packet refers to interface {} but the section describes {}", itf_id, interfaces_.size()));
    }
    const Interface& itf = interfaces_[itf_id];
    if (type == 3 && itf.snaplen != 0) caplen = std::min(caplen, itf.snaplen);
    frame.number = ++frame_number_;
    // Split to avoid overflow: whole seconds, then the remainder in nanoseconds.
    const std::uint64_t tps = itf.ticks_per_second;
    const std::uint64_t secs = ts / tps;
    const std::uint64_t rem = ts % tps;
    frame.time_ns = static_cast<std::int64_t>(secs * 1'000'000'000 +
                                              (tps <= 1'000'000'000 ? rem * (1'000'000'000 / tps)
                                                                    : rem / (tps / 1'000'000'000)));
    frame.link_type = itf.link_type;
    frame.interface = itf_id;
    frame.original_length = origlen;
    frame.data = std::string_view(base() + pos_ + data_at, caplen);
    consumed_ = length;
    return true;
  }
}

Expected<CaptureReader> open_capture_file(const std::string& path, std::string_view shown) {
  const std::string name(shown.empty() ? std::string_view(path) : shown);
  // O_NONBLOCK: a FIFO with no writer would block a plain open forever; read, it ends at once.
  const int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
  if (fd < 0) return unexpected(file_error(name, "cannot read", std::strerror(errno)));
  struct stat st {};
  if (::fstat(fd, &st) != 0 || S_ISDIR(st.st_mode) || S_ISSOCK(st.st_mode)) {
    const int why = S_ISDIR(st.st_mode) ? EISDIR : errno;
    ::close(fd);
    return unexpected(file_error(name, "cannot read", std::strerror(why)));
  }
  if (S_ISREG(st.st_mode) && st.st_size == 0) {
    ::close(fd);
    return unexpected(file_error(name, "empty", "0 bytes"));
  }
  if (S_ISREG(st.st_mode)) {
    void* data = ::mmap(nullptr, static_cast<std::size_t>(st.st_size), PROT_READ, MAP_PRIVATE, fd, 0);
    if (data != MAP_FAILED) {
      ::close(fd);
      return CaptureReader::open(std::make_unique<MappedFile>(data, static_cast<std::size_t>(st.st_size)), name);
    }
  }
  // A pipe (tcpdump -w - | mtls-doctor pcap /dev/stdin), or a file that cannot be mapped.
  ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) & ~O_NONBLOCK);
  std::FILE* f = ::fdopen(fd, "rb");
  if (!f) {
    const int why = errno;
    ::close(fd);
    return unexpected(file_error(name, "cannot read", std::strerror(why)));
  }
  return CaptureReader::open(std::make_unique<FileSource>(f), name);
}

}  // namespace mtls::capture
