// SPDX-License-Identifier: Apache-2.0
// FREB: "Troubleshoot failed requests using tracing in IIS" (learn.microsoft.com/iis/troubleshoot/
// using-failed-request-tracing/); events carry ModuleName, Notification, HttpStatus,
// HttpSubStatus and ErrorCode in <EventData>. Schannel event texts: "Schannel events"
// (learn.microsoft.com/troubleshoot/windows-server/windows-security/schannel-events); HttpEvent
// 15300: "SSL Certificate Settings deleted for endpoint".
#include "parse/logs/xml_readers.h"

#include <fmt/format.h>

#include <algorithm>
#include <pugixml.hpp>

#include "knowledge/client_cert_failures.h"
#include "knowledge/schannel_events.h"
#include "knowledge/tls_alerts.h"
#include "parse/logs/capi2_reader.h"
#include "parse/logs/w3c_reader.h"
#include "parse/logs/xml_nodes.h"

namespace mtls::logs {
namespace {

std::uint64_t line_of(std::string_view text, std::ptrdiff_t offset) {
  if (offset < 0) return 0;
  const auto end = text.begin() + std::min<std::ptrdiff_t>(offset, static_cast<std::ptrdiff_t>(text.size()));
  return 1 + static_cast<std::uint64_t>(std::count(text.begin(), end, '\n'));
}

using xml::child;
using xml::local_name;

std::string_view data_value(pugi::xml_node event_data, std::string_view name) {
  for (pugi::xml_node d : event_data.children()) {
    if (local_name(d.name()) == "Data" && std::string_view(d.attribute("Name").value()) == name) {
      return d.child_value();
    }
  }
  return {};
}

std::optional<std::uint32_t> number(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  if (s.starts_with("0x") || s.starts_with("0X")) {
    s.remove_prefix(2);
    return xml::bare_hex(s);
  }
  return parse_u32(s);
}

pugi::xml_parse_result load(pugi::xml_document& doc, std::string_view xml) {
  return doc.load_buffer(xml.data(), xml.size(),
                         pugi::parse_default | pugi::parse_fragment | pugi::parse_ws_pcdata_single,
                         pugi::encoding_utf8);
}

// HRESULT_FROM_WIN32(x) = 0x8007xxxx: FREB logs HRESULTs where W3C logs the Win32 error.
std::uint32_t win32_of(std::uint32_t code) {
  return (code & 0xffff0000u) == 0x80070000u ? (code & 0xffffu) : code;
}

}  // namespace

std::optional<std::int64_t> parse_system_time(std::string_view text) {
  if (text.size() < 19 || text[10] != 'T') return std::nullopt;
  return parse_date_time(text.substr(0, 10), text.substr(11, 8));
}

Expected<Done> read_freb(std::string_view xml, std::uint32_t file, std::string_view file_name, Accumulator& acc) {
  pugi::xml_document doc;
  const auto parsed = load(doc, xml);
  if (!parsed) {
    return unexpected(fmt::format("not well-formed XML ({})", parsed.description()),
                      fmt::format("{}:{}", file_name, line_of(xml, parsed.offset)));
  }
  pugi::xml_node root;
  for (pugi::xml_node n : doc.children()) {
    if (local_name(n.name()) == "failedRequest") root = n;
  }
  if (!root) return unexpected("no <failedRequest> element", std::string(file_name));
  acc.lines += 1 + static_cast<std::uint64_t>(std::count(xml.begin(), xml.end(), '\n'));
  ++acc.freb_files;

  const Filters& filters = acc.filters();
  const std::string_view site_id = root.attribute("siteId").value();
  if (filters.site && parse_u32(site_id) != filters.site) {
    ++acc.filtered_out;
    return Done{};
  }

  std::string client;
  std::optional<std::int64_t> first_time;
  int final_status = 0, final_substatus = 0;
  {
    // statusCode is "403" or "403.7".
    const std::string_view code = root.attribute("statusCode").value();
    const auto dot = code.find('.');
    if (auto s = parse_u32(code.substr(0, dot))) final_status = static_cast<int>(*s);
    if (dot != std::string_view::npos) {
      if (auto s = parse_u32(code.substr(dot + 1))) final_substatus = static_cast<int>(*s);
    }
  }
  std::vector<FrebEvent> errors;
  for (pugi::xml_node ev : root.children()) {
    if (local_name(ev.name()) != "Event") continue;
    pugi::xml_node system = child(ev, "System");
    pugi::xml_node data = child(ev, "EventData");
    pugi::xml_node rendering = child(ev, "RenderingInfo");
    const auto time = parse_system_time(child(system, "TimeCreated").attribute("SystemTime").value());
    if (time && !first_time) first_time = time;
    const std::string_view opcode = child(rendering, "Opcode").child_value();
    if (opcode == "GENERAL_ENDPOINT_INFORMATION") client = data_value(data, "RemoteAddress");
    const auto status = number(data_value(data, "HttpStatus"));
    const auto substatus = number(data_value(data, "HttpSubStatus"));
    const auto error = number(data_value(data, "ErrorCode"));
    const std::string_view module = data_value(data, "ModuleName");
    if (opcode == "GENERAL_REQUEST_END") {
      if (status) final_status = static_cast<int>(*status);
      if (substatus) final_substatus = static_cast<int>(*substatus);
      continue;
    }
    const bool error_status = status && *status >= 400 && (error || !module.empty());
    // ERROR_OPERATION_ABORTED / NETNAME_DELETED / CONNECTION_ABORTED / NOT_SUPPORTED during the
    // certificate renegotiation, wherever in the pipeline they show up.
    const bool renegotiation_error =
        error && (*error == 0x800703e3u || *error == 0x80070040u || *error == 0x800704d4u || *error == 0x80070032u);
    if (!error_status && !renegotiation_error) continue;
    FrebEvent f;
    f.file = std::string(file_name);
    f.line = line_of(xml, ev.offset_debug());
    f.url = root.attribute("url").value();
    f.site_id = std::string(site_id);
    f.opcode = std::string(opcode);
    f.module = std::string(module);
    f.notification = child(rendering, "freb:Description").child_value();
    for (pugi::xml_node d : rendering.children()) {
      if (local_name(d.name()) == "Description" && std::string_view(d.attribute("Data").value()) == "Notification") {
        f.notification = d.child_value();
      }
    }
    if (f.notification.empty()) f.notification = data_value(data, "Notification");
    f.status = status ? static_cast<int>(*status) : 0;
    f.substatus = substatus ? static_cast<int>(*substatus) : 0;
    f.error_code = error.value_or(0);
    f.time = time;
    errors.push_back(std::move(f));
  }
  for (FrebEvent& f : errors) f.client = client;

  if ((filters.since && first_time && *first_time < *filters.since) ||
      (filters.until && first_time && *first_time > *filters.until)) {
    ++acc.filtered_out;
    return Done{};
  }
  ++acc.entries;

  // Classify the request once, from its final status and the error code that caused it.
  std::uint32_t error_code = 0;
  const FrebEvent* cause = nullptr;
  for (const FrebEvent& f : errors) {
    if (f.error_code != 0 && cause == nullptr) cause = &f;
  }
  if (cause == nullptr && !errors.empty()) cause = &errors.front();
  if (cause != nullptr) error_code = cause->error_code;
  const std::string url = root.attribute("url").value();
  const std::string text = fmt::format("failedRequest url=\"{}\" statusCode=\"{}.{}\"{}{}", url, final_status,
                                       final_substatus,
                                       cause ? fmt::format(" {} {} ErrorCode=0x{:08X}", cause->module,
                                                           cause->notification, cause->error_code)
                                             : std::string(),
                                       client.empty() ? std::string() : " client=" + client);
  Entry e;
  e.file = file;
  e.line = cause != nullptr ? cause->line : line_of(xml, root.offset_debug());
  e.text = text;
  e.time = first_time;
  e.client = client;
  e.uri = url;
  e.status = final_status;
  e.substatus = final_substatus;
  e.win32 = win32_of(error_code);
  std::optional<LogFailureKind> kind = knowledge::classify_status_triple(final_status, final_substatus, e.win32);
  if (!kind) kind = knowledge::classify_freb_error(error_code);
  if (!kind && final_status == 401 && cause != nullptr &&
      cause->module.find("CertificateMapping") != std::string::npos) {
    kind = LogFailureKind::mapping_denied;
  }
  if (kind) acc.add_failure(*kind, e);
  for (FrebEvent& f : errors) acc.add_freb_event(std::move(f));
  return Done{};
}

std::string_view windows_event_meaning(std::string_view provider, std::uint32_t id) {
  const bool schannel = provider == "Schannel" || provider == "Microsoft-Windows-Schannel-Events";
  const bool http = provider == "Microsoft-Windows-HttpEvent" || provider == "HTTP";
  if (schannel) {
    // Kept: every documented Schannel event that reports a problem (not 36880 "handshake
    // completed" and the like, which verbose Schannel logging writes for every connection).
    const knowledge::SchannelEventInfo* info = knowledge::find_schannel_event(id);
    if (info == nullptr || info->kind == knowledge::SchannelEventKind::informational) return {};
    return info->message;
  }
  if (http) {
    switch (id) {
      case 15021: return "error using the SSL configuration for an endpoint (binding certificate or store)";
      case 15300: return "SSL certificate settings deleted for an endpoint";
      default: return {};
    }
  }
  return {};
}

Expected<Done> read_event_xml(std::string_view xml, std::uint32_t file, std::string_view file_name,
                              Accumulator& acc, std::uint64_t record_base) {
  pugi::xml_document doc;
  const auto parsed = load(doc, xml);
  if (!parsed) {
    return unexpected(fmt::format("not well-formed XML ({})", parsed.description()),
                      record_base != 0 ? fmt::format("{} record {}", file_name, record_base)
                                       : fmt::format("{}:{}", file_name, line_of(xml, parsed.offset)));
  }
  auto visit = [&](pugi::xml_node ev) {
    ++acc.windows_events_read;
    pugi::xml_node system = child(ev, "System");
    pugi::xml_node provider_node = child(system, "Provider");
    std::string provider = provider_node.attribute("Name").value();
    const auto id = number(child(system, "EventID").child_value());
    if (!id) return;
    if (provider == kCapi2Provider) {
      const auto time = parse_system_time(child(system, "TimeCreated").attribute("SystemTime").value());
      const Filters& filters = acc.filters();
      if (time && ((filters.since && *time < *filters.since) || (filters.until && *time > *filters.until))) {
        ++acc.filtered_out;
        return;
      }
      read_capi2_event(ev, *id, file, record_base != 0 ? record_base : line_of(xml, ev.offset_debug()), time, acc);
      return;
    }
    std::string_view meaning = windows_event_meaning(provider, *id);
    if (meaning.empty()) {
      // libevtx text and some exports name the event source ("HTTP") instead of the provider.
      meaning = windows_event_meaning(provider_node.attribute("EventSourceName").value(), *id);
      if (meaning.empty()) return;
    }
    WindowsEvent w;
    w.file = std::string(file_name);
    w.record = record_base != 0 ? record_base : line_of(xml, ev.offset_debug());
    w.provider = std::move(provider);
    w.event_id = *id;
    w.time = parse_system_time(child(system, "TimeCreated").attribute("SystemTime").value());
    w.meaning = std::string(meaning);
    std::size_t unnamed = 0;
    for (pugi::xml_node d : child(ev, "EventData").children()) {
      if (w.data.size() >= 16) break;
      std::string name = d.attribute("Name").value();
      if (name.empty()) name = fmt::format("{}", ++unnamed);
      w.data.emplace_back(std::move(name), std::string(std::string_view(d.child_value()).substr(0, 256)));
    }
    const Filters& filters = acc.filters();
    if (w.time && ((filters.since && *w.time < *filters.since) || (filters.until && *w.time > *filters.until))) {
      ++acc.filtered_out;
      return;
    }
    std::string detail;
    if (w.event_id == 36887 || w.event_id == 36888) {
      std::string_view alert;
      for (const auto& [name, value] : w.data) {
        if (name == "AlertDesc" || name == "1") alert = value;
      }
      if (auto code = parse_u32(alert)) {
        w.alert = *code;
        const auto* a = knowledge::find_tls_alert(static_cast<int>(*code));
        detail = a != nullptr ? fmt::format("alert {} ({})", *code, a->name) : fmt::format("alert {}", *code);
      }
    }
    acc.add_windows_event(std::move(w), std::move(detail));
  };
  for (pugi::xml_node n : doc.children()) {
    const std::string_view name = local_name(n.name());
    if (name == "Event") {
      visit(n);
    } else if (name == "Events") {
      for (pugi::xml_node ev : n.children()) {
        if (local_name(ev.name()) == "Event") visit(ev);
      }
    }
  }
  return Done{};
}

}  // namespace mtls::logs
