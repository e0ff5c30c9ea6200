#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Write a deterministic IIS W3C extended log of about SIZE bytes (default 1 GiB) for the logs
benchmark. Same seed, same bytes. The mix resembles a busy IIS site that requires client
certificates on part of its content: mostly 200/304, some 404/401, 403.7 (incl. 403 7 5), 403.16,
and 500 0 64 / 500 0 995 followed by 403.7 from the same client (late negotiation). IIS re-writes
its header block on restart: one every 400 000 lines. Usage: gen_w3c_log.py OUT [SIZE_BYTES]"""
import random
import sys

HEADER = ("#Software: Microsoft Internet Information Services 10.0\r\n#Version: 1.0\r\n#Date: {date} 00:00:00\r\n"
          "#Fields: date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) "
          "cs(Referer) sc-status sc-substatus sc-win32-status time-taken\r\n")
AGENTS = [
    "Mozilla/5.0+(Windows+NT+10.0;+Win64;+x64)+AppleWebKit/537.36+(KHTML,+like+Gecko)+Chrome/124.0.0.0+Safari/537.36",
    "Mozilla/5.0+(Windows+NT+10.0;+Win64;+x64;+rv:125.0)+Gecko/20100101+Firefox/125.0",
    "Mozilla/5.0+(Macintosh;+Intel+Mac+OS+X+14_4)+AppleWebKit/605.1.15+(KHTML,+like+Gecko)+Version/17.4+Safari/605.1.15",
    "curl/8.7.1",
    "Microsoft-WNS/10.0",
]
URIS = ["/", "/secure/", "/secure/api/orders", "/static/app.js", "/static/site.css", "/images/logo.png",
        "/api/health", "/secure/reports/2024", "/favicon.ico", "/login"]
REFERERS = ["-", "https://www.contoso.test/", "https://www.contoso.test/secure/"]
# (status triple, weight)
MIX = [("200 0 0", 700), ("304 0 0", 120), ("404 0 2", 40), ("401 2 5", 30), ("200 0 64", 10),
       ("403 7 0", 15), ("403 7 5", 3), ("403 16 2148204809", 2), ("500 0 50", 1), ("late", 6)]


def main() -> int:
    out = sys.argv[1]
    size = int(sys.argv[2]) if len(sys.argv) > 2 else 1 << 30
    rng = random.Random(20240301)
    choices = [m for m, w in MIX for _ in range(w)]
    clients = [f"198.51.{a}.{b}" for a in range(0, 40) for b in range(1, 250)]
    written = 0
    n = 0
    sec = 0
    pending = []  # (due second, client, uri, agent): 403.7 after a late-negotiation 500
    with open(out, "w", newline="") as f:
        buf = []
        def emit(s):
            nonlocal written
            buf.append(s)
            written += len(s)
        while written < size:
            if n % 400000 == 0:
                emit(HEADER.format(date=f"2024-03-{1 + sec // 86400:02}"))
            n += 1
            if n % 40 == 0:
                sec += 1
            t = f"2024-03-{1 + sec // 86400:02} {sec // 3600 % 24:02}:{sec // 60 % 60:02}:{sec % 60:02}"
            if pending and pending[0][0] <= sec:
                _, client, uri, agent = pending.pop(0)
                triple = "403 7 0"
            else:
                client = rng.choice(clients)
                uri = rng.choice(URIS)
                agent = rng.choice(AGENTS)
                triple = rng.choice(choices)
                if triple == "late":
                    triple = "500 0 64" if rng.random() < 0.8 else "500 0 995"
                    pending.append((sec + rng.randint(0, 5), client, uri, agent))
            q = "-" if rng.random() < 0.7 else f"id={rng.randint(1, 99999)}"
            emit(f"{t} 10.0.0.5 GET {uri} {q} 443 - {client} {agent} {rng.choice(REFERERS)} {triple} {rng.randint(1, 900)}\r\n")
            if len(buf) >= 20000:
                f.write("".join(buf))
                buf.clear()
        f.write("".join(buf))
    print(f"{out}: {written} bytes, {n} entries", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
