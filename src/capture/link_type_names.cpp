// SPDX-License-Identifier: Apache-2.0
// Names of the link-layer header types a capture file declares, as libpcap prints them (its
// pcap_datalink_val_to_name() names, "DLT_" dropped). The values are the LINKTYPE_ values a pcap
// or pcapng file holds, from the tcpdump.org registry (https://www.tcpdump.org/linktypes.html);
// they equal the DLT_ values except where that page says otherwise (raw IP is LINKTYPE_RAW = 101 in
// a file, DLT_RAW = 12 or 14 in memory). A table of our own rather than libpcap's lookup: linking
// libpcap for names alone loaded its whole dependency chain (dbus, systemd, gcrypt) at every
// start of the binary, whatever the command.
#include <array>
#include <span>
#include <string>
#include <string_view>
#include <utility>

#include "capture/capture_reader.h"

namespace mtls::capture {
namespace {

// The types a capture of HTTPS traffic can plausibly carry, and the common ones around them; a
// value not listed is shown as its number, which is what the registry is searched by anyway.
constexpr std::array<std::pair<std::uint32_t, std::string_view>, 40> names{{
    {0, "NULL"},
    {1, "EN10MB"},
    {6, "IEEE802"},
    {7, "ARCNET"},
    {8, "SLIP"},
    {9, "PPP"},
    {10, "FDDI"},
    {11, "ATM_RFC1483"},
    {12, "RAW"},
    {50, "PPP_SERIAL"},
    {51, "PPP_ETHER"},
    {101, "RAW"},
    {104, "C_HDLC"},
    {105, "IEEE802_11"},
    {107, "FRELAY"},
    {108, "LOOP"},
    {109, "ENC"},
    {113, "LINUX_SLL"},
    {117, "PFLOG"},
    {119, "PRISM_HEADER"},
    {122, "IP_OVER_FC"},
    {127, "IEEE802_11_RADIO"},
    {163, "IEEE802_11_RADIO_AVS"},
    {189, "USB_LINUX"},
    {192, "PPI"},
    {195, "IEEE802_15_4"},
    {197, "ERF"},
    {220, "USB_LINUX_MMAPPED"},
    {226, "IPNET"},
    {227, "CAN_SOCKETCAN"},
    {228, "IPV4"},
    {229, "IPV6"},
    {239, "NFLOG"},
    {240, "NETANALYZER"},
    {241, "NETANALYZER_TRANSPARENT"},
    {242, "IPOIB"},
    {249, "USBPCAP"},
    {253, "NETLINK"},
    {258, "PKTAP"},
    {276, "LINUX_SLL2"},
}};

}  // namespace

std::string link_type_name(std::uint32_t link_type) {
  for (const auto& [value, name] : names) {
    if (value == link_type) return std::string(name);
  }
  return std::to_string(link_type);
}

std::span<const std::pair<std::uint32_t, std::string_view>> link_type_names() { return names; }

}  // namespace mtls::capture
