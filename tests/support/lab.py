# SPDX-License-Identifier: Apache-2.0
"""`mtls-doctor lab` for the Python tests: started on a free loopback port, always stopped."""
import contextlib
import signal
import subprocess
import time


@contextlib.contextmanager
def running_lab(binary, scenario, *args, start_seconds=60):
    """Yields the port of `lab --scenario SCENARIO ARGS...`; stops it (SIGTERM, then SIGKILL)."""
    # restore_signals=False keeps SIGPIPE ignored: a probe that gives up mid-handshake on a starved
    # machine must not end the lab.
    proc = subprocess.Popen([binary, "lab", "--scenario", scenario, *map(str, args)], stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True, restore_signals=False)
    try:
        port = None
        deadline = time.monotonic() + start_seconds
        while port is None and time.monotonic() < deadline:
            line = proc.stdout.readline()
            if not line:
                break
            if line.startswith("listening on https://127.0.0.1:"):
                port = int(line.split(":")[2].split("/")[0])
        if port is None:
            raise RuntimeError(f"lab {scenario} did not start")
        yield port
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
