#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""The pipeline's layering, checked on every #include (HACKING.md "Layout", docs/architecture.md).

Each folder of src/ may include only the folders below it, and each third-party library stays in the
one folder that wraps it, so checks and renderers see only our plain data types. Test files
(*_test.cpp and the test_support / test_fixtures headers beside them) may also include tests/support
and the readers they build fixtures with. Prints every violation as FILE:LINE and exits 1.
"""
import argparse
import pathlib
import re
import sys

# What each folder's production files may include from src/ (its own folder is always allowed).
ALLOWED = {
    "core": set(),
    "knowledge": {"core"},
    "tls": {"core", "knowledge"},
    "parse": {"core", "knowledge"},
    "capture": {"core", "knowledge", "tls"},
    "lab": {"core", "knowledge", "tls"},
    "collect": {"core", "knowledge", "tls", "parse", "capture"},
    "checks": {"core", "knowledge"},
    "render": {"core", "knowledge"},
    "cli": {"core", "knowledge", "tls", "parse", "capture", "lab", "collect", "checks", "render"},
}
# Test files may reach the support code of tests/ and any reader to build their fixtures.
TEST_EXTRA = {"support", "parse", "tls", "capture", "checks", "collect", "render"}

# The one folder (relative to src/) that may include each third-party library in production code.
LIBRARIES = {
    "openssl/": {"tls"},
    "nghttp2/": {"tls"},
    "pugixml": {"parse/iis", "parse/logs"},
    "libregf": {"parse/iis"},
    "libevtx": {"parse/logs"},
    "zlib.h": {"parse/logs"},
    "zip.h": {"collect"},
    "pcap": set(),  # link-type names are our table; only the unit test compares it with libpcap's
    "nlohmann/": {"render", "parse/logs"},  # parse/logs: partial aggregates (logs --partial)
    "CLI/": {"cli"},
}

INCLUDE = re.compile(r'^\s*#\s*include\s*([<"])([^>"]+)[>"]')


def is_test(path: pathlib.Path) -> bool:
    return path.name.endswith("_test.cpp") or "test_support" in path.name or "test_fixtures" in path.name


def violations(src: pathlib.Path):
    folders = {p.name for p in src.iterdir() if p.is_dir()}
    unknown = folders - set(ALLOWED)
    for name in sorted(unknown):
        yield f"{src / name}: folder not in the layering table of {pathlib.Path(__file__).name}"
    for path in sorted(src.rglob("*")):
        if path.suffix not in (".cpp", ".h") or not path.is_file():
            continue
        rel = path.relative_to(src)
        layer = rel.parts[0]
        if layer not in ALLOWED:
            continue
        folder = str(rel.parent)
        allowed = ALLOWED[layer] | {layer} | (TEST_EXTRA if is_test(path) else set())
        for number, line in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), 1):
            m = INCLUDE.match(line)
            if not m:
                continue
            kind, target = m.groups()
            if kind == '"':
                top = target.split("/", 1)[0]
                if "/" in target and top not in allowed:
                    yield f"{path}:{number}: {layer}/ may not include \"{target}\" ({top}/ is not below it)"
                continue
            if is_test(path):
                continue
            for prefix, owners in LIBRARIES.items():
                if target.startswith(prefix) and not any(folder == o or folder.startswith(o + "/") for o in owners):
                    where = ", ".join(sorted(owners)) or "no production folder"
                    yield f"{path}:{number}: <{target}> belongs to {where}, not {folder}/"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--src", required=True, type=pathlib.Path)
    args = parser.parse_args()
    found = list(violations(args.src))
    for v in found:
        print(v)
    if found:
        print(f"{len(found)} layering violation(s)")
        return 1
    print(f"layering holds for {args.src}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
