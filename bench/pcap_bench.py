#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Same-run comparison for docs/PERFORMANCE.md "Captures": a real TLS 1.2 handshake with a
CertificateRequest is recorded on loopback (openssl s_server + s_client, tcpdump), grown to SIZE MB
with bench/pcap_grow.py (distinct client address/port and times per copy), then read by
`mtls-doctor pcap` and by `tshark -r FILE -Y 'tls.handshake.type == 13'`; both counts of
CertificateRequest frames must agree. Wall time and peak RSS come from /usr/bin/time -v.
Everything is generated under /tmp at run time and removed afterwards.

Usage: bench/pcap_bench.py --binary build/release/src/cli/mtls-doctor [--size-mb 1024] [--skip-tshark] [--runs 3]
                           [--capture PATH]   (reuse PATH if it exists, else grow it there and keep it)
"""
import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "tests", "integration"))
import pcap_live_test as live  # noqa: E402  (PKI, tcpdump and s_server helpers)


def timed(cmd, stdout):
    p = subprocess.run(["/usr/bin/time", "-v"] + cmd, stdout=stdout, stderr=subprocess.PIPE, text=True)
    cpu = float(re.search(r"User time \(seconds\): ([\d.]+)", p.stderr).group(1)) + \
        float(re.search(r"System time \(seconds\): ([\d.]+)", p.stderr).group(1))
    wall = re.search(r"Elapsed \(wall clock\) time.*: (?:(\d+):)?(\d+):([\d.]+)", p.stderr)
    h, m, s = wall.groups()
    seconds = int(h or 0) * 3600 + int(m) * 60 + float(s)
    rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", p.stderr).group(1))
    return p.returncode, seconds, cpu, rss


def median(runs):
    """Per column (wall, CPU, RSS), the median of the runs."""
    return [sorted(col)[len(col) // 2] for col in zip(*runs)]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--binary", required=True)
    ap.add_argument("--size-mb", type=int, default=1024)
    ap.add_argument("--skip-tshark", action="store_true")
    ap.add_argument("--runs", type=int, default=3, help="runs of each tool (medians are reported)")
    ap.add_argument("--capture", help="grown capture to reuse (or create and keep) instead of a temporary one")
    args = ap.parse_args()
    d = tempfile.mkdtemp(prefix="mtls-pcap-bench-")
    try:
        big = args.capture or os.path.join(d, "big.pcap")
        if not os.path.exists(big):
            live.make_pki(d)
            ca = os.path.join(d, "client-ca.pem")
            seed, _ = live.record(d, "seed", ["-tls1_2", "-verify", "1", "-CAfile", ca],
                                  ["-cert", f"{d}/client.pem", "-key", f"{d}/client.key"])
            subprocess.run([sys.executable, os.path.join(HERE, "pcap_grow.py"), seed, big, str(args.size_mb)],
                           check=True)
        size = os.path.getsize(big)
        out = os.path.join(d, "report.json")
        listing = os.path.join(d, "tshark.txt")
        print(f"file: {size / 1e6:.0f} MB; {args.runs} run(s) of each tool, alternating; medians")
        mine, theirs_runs = [], []
        ours = theirs = None
        for _ in range(args.runs):
            # Standard output into a file, as tshark's listing: --output would add an fsync.
            with open(out, "w") as f:
                rc, *m = timed([args.binary, "pcap", big, "--format", "json"], f)
            if rc not in (0, 1):
                sys.exit(f"mtls-doctor failed with {rc}")
            mine.append(m)
            with open(out) as f:
                ours = json.load(f)["evidence"]["pcap"]["certificate_requests"]
            if args.skip_tshark:
                continue
            with open(listing, "w") as f:
                rc, *t = timed(["tshark", "-r", big, "-Y", "tls.handshake.type == 13"], f)
            theirs_runs.append(t)
            with open(listing) as f:
                theirs = sum(1 for _ in f)
        ours_s, ours_cpu, ours_rss = median(mine)
        print(f"mtls-doctor pcap: {ours_s:.2f} s wall, {ours_cpu:.2f} s CPU, peak RSS {ours_rss / 1024:.0f} MiB, "
              f"CertificateRequest frames {ours}  (walls: {', '.join(f'{x[0]:.2f}' for x in mine)})")
        if args.skip_tshark:
            return 0
        ts_s, ts_cpu, ts_rss = median(theirs_runs)
        print(f"tshark -Y 'tls.handshake.type == 13': {ts_s:.2f} s wall, {ts_cpu:.2f} s CPU, peak RSS {ts_rss / 1024:.0f} MiB, "
              f"frames {theirs}  (walls: {', '.join(f'{x[0]:.2f}' for x in theirs_runs)})")
        print(f"speed-up: {ts_s / ours_s:.1f}x wall, {ts_cpu / ours_cpu:.1f}x CPU; counts {'identical' if ours == theirs else 'DIFFER'}")
        return 0 if ours == theirs else 1
    finally:
        shutil.rmtree(d, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
