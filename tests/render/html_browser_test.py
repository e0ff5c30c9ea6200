#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""The HTML report in a real browser: headless Debian `chromium`, driven over the DevTools protocol
on a pipe (--remote-debugging-pipe: no port, no network).

Reports: the sample report's golden page (tests/golden/report.html), a few end-to-end cases
(tests/cases/*, rendered with --format html), and `diagnose` of the lab (late-renegotiation, with
its own log and configuration files, and expired-client). For each page:
- it loads with no console error, no uncaught exception, and no request outside the file itself;
- the key elements are there: the verdict banner, the findings, a visible copy button per
  command, the checklist, and the inline SVG drawings the evidence calls for;
- at 390 px wide the document is no wider than the viewport (scrollWidth <= 390);
- with scripts off the commands are still there and no dead copy button shows.
Screenshots at 1280 and 390 px are kept in --artefacts (under the build tree).

Every chromium run has a deadline and is killed by its PID.
"""
import argparse
import base64
import fcntl
import json
import os
import select
import pathlib
import shutil
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "support"))
from lab import running_lab  # noqa: E402

FIXED_EPOCH = "1795000000"
PAGE_SECONDS = 45  # one page, every check: a deadline, not an expectation (no timing is asserted)
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--disable-extensions", "--disable-default-apps", "--mute-audio", "--hide-scrollbars",
                  "--remote-debugging-pipe"]

failures = []


def fail(page, message):
    failures.append(f"{page}: {message}")


class Browser:
    """One chromium process, spoken to over fds 3 (commands in) and 4 (replies and events out)."""

    def __init__(self, chromium, deadline):
        self.deadline = deadline
        self.profile = tempfile.mkdtemp(prefix="mtls-html-chromium-")
        to_child_r, self.to_child = os.pipe()
        self.from_child, from_child_w = os.pipe()
        # The child's ends above 4 first, so that moving them to 3 and 4 clobbers nothing.
        high_r, high_w = (fcntl.fcntl(fd, fcntl.F_DUPFD_CLOEXEC, 10) for fd in (to_child_r, from_child_w))
        os.close(to_child_r)
        os.close(from_child_w)

        def plumbing():
            os.dup2(high_r, 3)  # inheritable: kept across exec
            os.dup2(high_w, 4)

        self.proc = subprocess.Popen([chromium, *CHROMIUM_FLAGS, f"--user-data-dir={self.profile}", "about:blank"],
                                     stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                     preexec_fn=plumbing, pass_fds=(3, 4), close_fds=True)
        os.close(high_r)
        os.close(high_w)
        os.set_blocking(self.from_child, False)
        self.buffer = b""
        self.next_id = 0
        self.events = []

    def close(self):
        try:
            self.send("Browser.close", session=None, wait=False)
        except OSError:
            pass
        try:
            self.proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        for fd in (self.to_child, self.from_child):
            try:
                os.close(fd)
            except OSError:
                pass
        shutil.rmtree(self.profile, ignore_errors=True)

    def _read_message(self):
        while b"\0" not in self.buffer:
            remaining = self.deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError("chromium did not answer in time")
            ready, _, _ = select.select([self.from_child], [], [], min(remaining, 1.0))
            if not ready:
                if self.proc.poll() is not None:
                    raise RuntimeError(f"chromium exited ({self.proc.returncode})")
                continue
            chunk = os.read(self.from_child, 1 << 20)
            if not chunk:
                raise RuntimeError("chromium closed the pipe")
            self.buffer += chunk
        message, self.buffer = self.buffer.split(b"\0", 1)
        return json.loads(message)

    def send(self, method, params=None, session="page", wait=True):
        self.next_id += 1
        message = {"id": self.next_id, "method": method, "params": params or {}}
        if session == "page":
            message["sessionId"] = self.session
        os.write(self.to_child, json.dumps(message).encode() + b"\0")
        if not wait:
            return None
        while True:
            reply = self._read_message()
            if reply.get("id") == self.next_id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply.get("result", {})
            if "method" in reply:
                self.events.append(reply)

    def wait_for(self, method):
        for i, event in enumerate(self.events):
            if event["method"] == method:
                return self.events.pop(i)
        while True:
            event = self._read_message()
            if event.get("method") == method:
                return event
            if "method" in event:
                self.events.append(event)

    def open_page(self):
        target = self.send("Target.createTarget", {"url": "about:blank"}, session=None)["targetId"]
        self.session = self.send("Target.attachToTarget", {"targetId": target, "flatten": True},
                                 session=None)["sessionId"]
        for domain in ("Page", "Runtime", "Log", "Network"):
            self.send(f"{domain}.enable")

    def evaluate(self, expression):
        result = self.send("Runtime.evaluate", {"expression": expression, "returnByValue": True, "awaitPromise": True})
        if "exceptionDetails" in result:
            raise RuntimeError(f"evaluate: {result['exceptionDetails']}")
        return result["result"].get("value")

    def load(self, url, width, height, mobile):
        self.send("Emulation.setDeviceMetricsOverride",
                  {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": mobile})
        self.events = [e for e in self.events if e["method"] != "Page.loadEventFired"]
        self.send("Page.navigate", {"url": url})
        self.wait_for("Page.loadEventFired")

    def screenshot(self, path):
        size = self.send("Page.getLayoutMetrics")["cssContentSize"]
        clip = {"x": 0, "y": 0, "width": size["width"], "height": min(size["height"], 12000), "scale": 1}
        shot = self.send("Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True, "clip": clip})
        path.write_bytes(base64.b64decode(shot["data"]))


# What the page holds, read in the page: counts, not layout guesses.
PROBE_PAGE = """(() => {
  const q = s => document.querySelectorAll(s);
  const visible = el => !el.hidden && el.getClientRects().length > 0;
  const banner = document.querySelector('header.banner#verdict');
  return {
    viewport: window.innerWidth,
    scrollWidth: document.documentElement.scrollWidth,
    bodyScrollWidth: document.body.scrollWidth,
    banner: banner ? banner.className : null,
    bannerColour: banner ? getComputedStyle(banner).backgroundColor : null,
    verdict: banner ? banner.querySelector('h1').textContent : null,
    cause: q('#cause').length, fix: q('#fix').length,
    findings: q('#cause, article.finding').length,
    commands: q('.cmd pre code').length,
    copyButtons: q('button.copy').length,
    visibleCopyButtons: Array.from(q('button.copy')).filter(visible).length,
    checklistRows: q('#checklist tr').length - 1,
    chainDrawings: q('#chain-vs-ca-list figure svg').length,
    meetLines: q('#chain-vs-ca-list .meet-line').length,
    histogram: q('#log-histogram svg rect.bin').length,
    timelines: q('#probe ol.timeline li').length,
    connections: q('#pcap table.connections tr').length - 1,
    sites: q('#iis table.sites tr').length - 1,
    httpsys: q('#iis table.httpsys tr').length - 1,
    scripts: q('script').length,
    externals: q('[src], link[href]').length,
    firstCommand: q('.cmd pre code').length ? q('.cmd pre code')[0].textContent : null,
  };
})()"""


def problems_seen(browser):
    """Console errors, uncaught exceptions and requests outside the page itself."""
    out = []
    for ev in browser.events:
        m, p = ev["method"], ev.get("params", {})
        if m == "Runtime.exceptionThrown":
            out.append(f"exception: {p['exceptionDetails'].get('text')} "
                       f"{p['exceptionDetails'].get('exception', {}).get('description', '')}")
        elif m == "Runtime.consoleAPICalled" and p.get("type") in ("error", "assert", "warning"):
            out.append(f"console.{p['type']}: {[a.get('value', a.get('description')) for a in p.get('args', [])]}")
        elif m == "Log.entryAdded" and p["entry"].get("level") in ("error", "warning"):
            out.append(f"log {p['entry']['level']}: {p['entry'].get('text')} {p['entry'].get('url', '')}")
        elif m == "Network.requestWillBeSent" and not p["request"]["url"].startswith(("file:", "data:", "about:")):
            out.append(f"request outside the file: {p['request']['url']}")
    browser.events.clear()
    return out


def check_page(chromium, name, html_path, expect, artefacts):
    """Loads one report at 1280 px, at 390 px, and with scripts off."""
    url = pathlib.Path(html_path).resolve().as_uri()
    browser = Browser(chromium, time.monotonic() + PAGE_SECONDS)
    try:
        browser.open_page()
        browser.send("Browser.grantPermissions", {"permissions": ["clipboardReadWrite", "clipboardSanitizedWrite"]},
                     session=None)
        browser.load(url, 1280, 900, False)
        wide = browser.evaluate(PROBE_PAGE)
        browser.screenshot(artefacts / f"{name}-1280.png")
        # The copy button copies the command exactly (navigator.clipboard, or the fallback).
        if wide["copyButtons"]:
            copied = browser.evaluate("""(async () => {
              const b = document.querySelector('button.copy'); b.click();
              await new Promise(r => setTimeout(r, 200));
              let text = null; try { text = await navigator.clipboard.readText(); } catch (e) {}
              return {label: b.textContent, text};
            })()""")
            if copied["label"] != "Copied" or copied["text"] != wide["firstCommand"]:
                fail(name, f"the first copy button did not copy its command: {copied}")
        issues = problems_seen(browser)
        browser.load(url, 390, 844, True)
        narrow = browser.evaluate(PROBE_PAGE)
        browser.screenshot(artefacts / f"{name}-390.png")
        issues += problems_seen(browser)
        browser.send("Emulation.setScriptExecutionDisabled", {"value": True})
        browser.load(url, 390, 844, True)
        browser.send("Emulation.setScriptExecutionDisabled", {"value": False})
        off = browser.evaluate(PROBE_PAGE)
    except (RuntimeError, TimeoutError, OSError) as e:
        fail(name, f"chromium: {e}; stderr: {browser.proc.stderr.read(2000) if browser.proc.poll() is not None else ''}")
        return
    finally:
        browser.close()
    for issue in issues:
        fail(name, issue)
    if not wide["banner"] or wide["bannerColour"] in (None, "rgba(0, 0, 0, 0)"):
        fail(name, f"no coloured verdict banner: {wide['banner']} {wide['bannerColour']}")
    if wide["externals"]:
        fail(name, f"{wide['externals']} elements load something from outside the page")
    if wide["checklistRows"] < 1:
        fail(name, "no checklist")
    if wide["copyButtons"] != wide["commands"] or wide["visibleCopyButtons"] != wide["commands"]:
        fail(name, f"{wide['commands']} commands, {wide['copyButtons']} copy buttons, {wide['visibleCopyButtons']} visible")
    if narrow["viewport"] != 390 or narrow["scrollWidth"] > 390 or narrow["bodyScrollWidth"] > 390:
        fail(name, f"at 390 px the page is {narrow['scrollWidth']} px wide (viewport {narrow['viewport']})")
    if off["visibleCopyButtons"] != 0 or off["commands"] != wide["commands"]:
        fail(name, f"with scripts off: {off['visibleCopyButtons']} copy buttons show, {off['commands']} commands")
    for key, want in expect.items():
        got = wide[key]
        if (want is True and not got) or (want is not True and got != want):
            fail(name, f"{key} is {got!r}, expected {'some' if want is True else repr(want)}")
    print(f"{name}: {wide['findings']} findings, {wide['commands']} commands, {wide['chainDrawings']} chain drawings, "
          f"{wide['histogram']} histogram bars, {wide['timelines']} timeline messages; 390 px: "
          f"{narrow['scrollWidth']} px wide")


def render_case(binary, case_dir, out):
    """A tests/cases/ case rendered as HTML (its args, run in its folder, as tests/e2e/run_case.py)."""
    shared = pathlib.Path(__file__).resolve().parents[2].parent / "shared"
    args = [a.replace("@CASE@", str(case_dir)).replace("@SHARED@", str(shared))
            for a in (case_dir / "args").read_text().splitlines() if a]
    env = dict(os.environ, SOURCE_DATE_EPOCH=FIXED_EPOCH, NO_COLOR="1")
    p = subprocess.run([binary, *args, "--format", "html", "--output", str(out)], cwd=case_dir, env=env,
                       capture_output=True, timeout=120)
    if p.returncode not in (0, 1) or not out.exists():
        fail(case_dir.name, f"exit {p.returncode}: {p.stderr.decode(errors='replace')[:500]}")
        return False
    return True


def render_lab(binary, scenario, cert, key, out):
    """`diagnose` of the lab with its identity and its own log and configuration (tests/collect)."""
    with tempfile.TemporaryDirectory() as tmp:
        work = pathlib.Path(tmp)
        with running_lab(binary, scenario, "--dir", work / "pki", "--log-dir", work / "bundle" / "logs",
                         "--write-config", work / "bundle" / "config") as port:
            url = f"https://127.0.0.1:{port}/"
            identity = ["--cert", str(work / "pki" / cert), "--key", str(work / "pki" / key),
                        "--ca", str(work / "pki" / "server-ca.pem"), "--timeout", "10"]
            env = dict(os.environ, NO_COLOR="1")
            subprocess.run([binary, "probe", url, *identity, "-q"], capture_output=True, timeout=120, env=env)
            p = subprocess.run([binary, "diagnose", url, *identity, "--bundle", str(work / "bundle"), "--format", "html",
                                "--output", str(out)], capture_output=True, timeout=120, env=env)
    if p.returncode not in (0, 1) or not out.exists():
        fail(f"lab-{scenario}", f"exit {p.returncode}: {p.stderr.decode(errors='replace')[:500]}")
        return False
    return True


def find_chromium():
    """/usr/bin/chromium, installed with apt-get when missing (as scripts/install-deps.sh does)."""
    found = shutil.which("chromium")
    if found:
        return found
    print("installing chromium (apt-get)", file=sys.stderr)
    sudo = [] if os.geteuid() == 0 else ["sudo"]
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    subprocess.run([*sudo, "apt-get", "update", "-qq"], env=env, timeout=600, check=False)
    subprocess.run([*sudo, "apt-get", "install", "-y", "-qq", "--no-install-recommends", "chromium"], env=env,
                   timeout=1200, check=True, stdout=subprocess.DEVNULL)
    return shutil.which("chromium")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--binary", required=True)
    ap.add_argument("--source", required=True, help="the repository (tests/golden, tests/cases)")
    ap.add_argument("--artefacts", required=True, help="where the pages and screenshots are kept")
    a = ap.parse_args()
    binary = os.path.abspath(a.binary)
    source = pathlib.Path(a.source)
    artefacts = pathlib.Path(a.artefacts)
    shutil.rmtree(artefacts, ignore_errors=True)
    artefacts.mkdir(parents=True)
    chromium = find_chromium()
    if not chromium:
        print("FAIL: chromium is not installed and could not be installed", file=sys.stderr)
        return 1

    pages = []  # (name, html file, what the page must hold beyond the common checks)
    golden = artefacts / "sample.html"
    shutil.copy(source / "tests" / "golden" / "report.html", golden)
    pages.append(("sample", golden, {"cause": 1, "fix": 1, "findings": 3, "checklistRows": 14, "connections": 1,
                                     "sites": 1, "httpsys": 1}))
    # Cases: a late request seen by every source, a client chain against a CA list from a
    # capture, and the IIS inventory of the corpus.
    for case, expect in (("diagnose-late-request", {"cause": 1, "fix": 1, "httpsys": True, "histogram": True}),
                         ("diagnose-lost-ctl-store", {"cause": 1, "httpsys": True}),
                         ("iis-mapping-at-application-level", {"sites": True})):
        out = artefacts / f"{case}.html"
        if render_case(binary, source / "tests" / "cases" / case, out):
            pages.append((case, out, expect))
    for scenario, cert, key, expect in (
            ("late-renegotiation", "client.pem", "client.key",
             {"cause": 1, "fix": 1, "timelines": True, "chainDrawings": True, "meetLines": True, "histogram": True}),
            ("expired-client", "client-expired.pem", "client-expired.key",
             {"cause": 1, "timelines": True, "chainDrawings": True})):
        out = artefacts / f"lab-{scenario}.html"
        if render_lab(binary, scenario, cert, key, out):
            pages.append((f"lab-{scenario}", out, expect))

    for name, path, expect in pages:
        check_page(chromium, name, path, expect, artefacts)
    for f in failures:
        print("FAIL:", f, file=sys.stderr)
    print(f"{len(pages)} pages, {len(failures)} failures; screenshots in {artefacts}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
