#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Grow a recorded handshake capture (classic pcap, Ethernet or raw IPv4) to SIZE bytes: the seed's
TCP connection is repeated with a distinct client address and port for every copy (127.x.y.z,
loopback only), server port 443, and times shifted forward, so every copy is a separate connection to a reader.
Checksums are not recomputed (neither mtls-doctor nor tshark verifies them by default).

Usage: pcap_grow.py SEED.pcap OUT.pcap SIZE_MB
"""
import struct
import sys


def read_pcap(path):
    data = open(path, "rb").read()
    magic = struct.unpack("<I", data[:4])[0]
    if magic not in (0xA1B2C3D4, 0xA1B23C4D):
        sys.exit("seed must be a little-endian classic pcap (tcpdump -w)")
    link = struct.unpack("<I", data[20:24])[0] & 0xFFFF
    if link not in (1, 101):
        sys.exit(f"seed link type {link}: use Ethernet (tcpdump -i lo) or raw IP")
    packets = []
    at = 24
    while at + 16 <= len(data):
        sec, frac, caplen, length = struct.unpack("<IIII", data[at:at + 16])
        packets.append((sec, frac, data[at + 16:at + 16 + caplen], length))
        at += 16 + caplen
    return data[:24], link, packets


def main():
    seed, out, size_mb = sys.argv[1], sys.argv[2], int(sys.argv[3])
    header, link, packets = read_pcap(seed)
    ip_at = 14 if link == 1 else 0
    first = packets[0][2]
    # The client is the sender of the first packet (the SYN); its address and port are rewritten.
    client_ip = first[ip_at + 12:ip_at + 16]
    ihl = (first[ip_at] & 0x0F) * 4
    client_port = first[ip_at + ihl:ip_at + ihl + 2]
    plan = []
    for sec, frac, frame, length in packets:
        ihl = (frame[ip_at] & 0x0F) * 4
        from_client = frame[ip_at + 12:ip_at + 16] == client_ip and frame[ip_at + ihl:ip_at + ihl + 2] == client_port
        ip_off = ip_at + (12 if from_client else 16)
        port_off = ip_at + ihl + (0 if from_client else 2)
        # The server side moves to 443: tshark picks a dissector by port before trying heuristics,
        # so a synthetic client port that happens to be registered to another protocol (21064,
        # 24800, ...) would hide that connection's TLS from it.
        server_port_off = ip_at + ihl + (2 if from_client else 0)
        frame = bytearray(frame)
        frame[server_port_off:server_port_off + 2] = struct.pack(">H", 443)
        plan.append((sec * 1_000_000 + frac, frame, length, ip_off, port_off))
    t0 = plan[0][0]
    span = plan[-1][0] - t0 + 1000
    target = size_mb * 1024 * 1024
    written = len(header)
    copy = 0
    with open(out, "wb") as f:
        f.write(header)
        while written < target:
            # 127.<copy>: 2^24 addresses x 40000 ports would never repeat; one address per copy.
            addr = bytes((127, (copy >> 16) & 0xFF, (copy >> 8) & 0xFF, (copy & 0xFF) or 1))
            port = struct.pack(">H", 20000 + copy % 40000)
            shift = copy * span
            chunks = []
            for ts, frame, length, ip_off, port_off in plan:
                frame[ip_off:ip_off + 4] = addr
                frame[port_off:port_off + 2] = port
                t = ts - t0 + 1_700_000_000_000_000 + shift
                chunks.append(struct.pack("<IIII", t // 1_000_000, t % 1_000_000, len(frame), length))
                chunks.append(bytes(frame))
            blob = b"".join(chunks)
            f.write(blob)
            written += len(blob)
            copy += 1
    print(f"{out}: {written} bytes, {copy} connections, {copy * len(plan)} frames")


if __name__ == "__main__":
    main()
