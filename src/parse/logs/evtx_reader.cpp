// SPDX-License-Identifier: Apache-2.0
// .evtx files through libevtx (Joachim Metz, LGPL; Debian libevtx-dev). Records whose event id is
// one we keep (Schannel, HttpEvent, CAPI2 11/30/90) are rendered to XML by libevtx and read by read_event_xml(); the rest are only
// counted, so a 60 000-record System log costs no XML rendering. libevtx stays in this file.
#include "parse/logs/evtx_reader.h"

#include <libevtx.h>

#include <fmt/format.h>

#include <string>
#include <vector>

#include "parse/logs/capi2_reader.h"
#include "parse/logs/xml_readers.h"

namespace mtls::logs {
namespace {

std::string take_error(libevtx_error_t*& error) {
  if (error == nullptr) return "unknown libevtx error";
  char text[512] = {};
  libevtx_error_sprint(error, text, sizeof(text));
  libevtx_error_free(&error);
  std::string s(text);
  // libevtx prints a stack of messages, one per line; the last names the root cause.
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r')) s.pop_back();
  const auto nl = s.rfind('\n');
  return nl == std::string::npos ? s : s.substr(nl + 1);
}

bool wanted_id(std::uint32_t id) {
  const std::uint32_t low = id & 0xffffu;
  // The Schannel events of knowledge/schannel_events that report a problem: not 36864, 36867,
  // 36868 and 36880, which verbose Schannel logging writes for every credential and handshake.
  const bool schannel = low >= 36865 && low <= 36888 && low != 36867 && low != 36868 && low != 36880;
  return schannel || low == 15021 || low == 15300;
}

/// Whether a record is a CAPI2 chain event (11, 30, 90): the ids are small numbers other
/// providers use too, so the provider (the record's source name) decides before any rendering.
bool wanted_capi2(libevtx_record_t* record, std::uint32_t id) {
  if (!is_capi2_chain_event(id & 0xffffu)) return false;
  std::size_t size = 0;
  if (libevtx_record_get_utf8_source_name_size(record, &size, nullptr) != 1 || size == 0 || size > 256) return false;
  std::string name(size, '\0');
  if (libevtx_record_get_utf8_source_name(record, reinterpret_cast<std::uint8_t*>(name.data()), size, nullptr) != 1) {
    return false;
  }
  name.resize(size - 1);
  return name == kCapi2Provider;
}

}  // namespace

Expected<Done> read_evtx(const std::string& path, std::uint32_t file, std::string_view file_name, Accumulator& acc) {
  libevtx_error_t* error = nullptr;
  libevtx_file_t* evtx = nullptr;
  if (libevtx_file_initialize(&evtx, &error) != 1) return unexpected(take_error(error), std::string(file_name));
  struct Closer {
    libevtx_file_t*& f;
    bool open = false;
    ~Closer() {
      if (open) libevtx_file_close(f, nullptr);
      libevtx_file_free(&f, nullptr);
    }
  } closer{evtx};
  if (libevtx_file_open(evtx, path.c_str(), LIBEVTX_OPEN_READ, &error) != 1) {
    return unexpected("not a readable .evtx file: " + take_error(error), std::string(file_name));
  }
  closer.open = true;
  int records = 0;
  if (libevtx_file_get_number_of_records(evtx, &records, &error) != 1) {
    return unexpected(take_error(error), std::string(file_name));
  }
  std::uint64_t unreadable = 0;
  std::string first_problem;
  std::vector<std::uint8_t> xml;
  for (int i = 0; i < records; ++i) {
    libevtx_record_t* record = nullptr;
    if (libevtx_file_get_record_by_index(evtx, i, &record, &error) != 1) {
      // A record libevtx cannot decode: count it, keep going (the file may be dirty or newer).
      const std::string message = take_error(error);
      if (unreadable++ == 0) first_problem = fmt::format("record index {}: {}", i, message);
      continue;
    }
    ++acc.lines;
    std::uint32_t id = 0;
    std::uint64_t number = 0;
    libevtx_record_get_identifier(record, &number, nullptr);
    const bool ok = libevtx_record_get_event_identifier(record, &id, nullptr) == 1;
    if (ok && (wanted_id(id) || wanted_capi2(record, id))) {
      std::size_t size = 0;
      if (libevtx_record_get_utf8_xml_string_size(record, &size, &error) == 1 && size > 0 && size <= kMaxXmlBytes) {
        xml.resize(size);
        if (libevtx_record_get_utf8_xml_string(record, xml.data(), size, &error) == 1) {
          const std::string_view text(reinterpret_cast<const char*>(xml.data()), size - 1);
          // One record: its own counter is incremented by read_event_xml.
          auto r = read_event_xml(text, file, file_name, acc, number == 0 ? static_cast<std::uint64_t>(i) + 1 : number);
          if (!r && unreadable++ == 0) first_problem = r.error().to_string();
        } else {
          const std::string message = take_error(error);
          if (unreadable++ == 0) first_problem = fmt::format("record {}: {}", number, message);
        }
      } else {
        if (error != nullptr) take_error(error);
        if (unreadable++ == 0) first_problem = fmt::format("record {}: no XML rendering", number);
      }
    } else {
      ++acc.windows_events_read;
    }
    libevtx_record_free(&record, nullptr);
  }
  if (unreadable != 0) {
    acc.add_problem(std::string(file_name),
                    fmt::format("{} of {} records could not be read (first: {})", unreadable, records, first_problem));
  }
  return Done{};
}

}  // namespace mtls::logs
